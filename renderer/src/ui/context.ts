// One Sidebar per page, handed to the components through context (tests of pure logic need none of this).
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { Sidebar, SidebarState } from '../store';

export const SidebarContext = createContext<Sidebar | null>(null);

export function useSidebar(): Sidebar {
  const sidebar = useContext(SidebarContext);
  if (!sidebar) throw new Error('useSidebar outside <SidebarContext.Provider>');
  return sidebar;
}

export function useSidebarState<T>(select: (s: SidebarState) => T): T {
  return useStore(useSidebar().store, select);
}
