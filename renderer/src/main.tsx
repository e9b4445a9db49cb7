// Mounts the sidebar on whichever host carries the contract (Electron preload or the web edition's socket).
import './logic/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hostApi } from './host/api';
import { LocaleProvider } from './i18n/LocaleProvider';
import { createSidebar } from './store';
import { App } from './ui/App';
import { SidebarContext } from './ui/context';
import './styles.css';

const sidebar = createSidebar(hostApi());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidebarContext.Provider value={sidebar}>
      <LocaleProvider>
        <App />
      </LocaleProvider>
    </SidebarContext.Provider>
  </StrictMode>,
);
