// Keyboard use of the sidebar as a whole: focus never falls to the page when the control that had it goes
// away (Exit, a confirmed Stop, a dismissed alert, an answered request), and Escape dismisses the newest
// alert when nothing nearer (a confirmation) took it.
import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/** Marks a Dismiss button for Escape (the newest marked one in the sidebar is pressed). */
export const DISMISS = { 'data-dismiss': '' } as const;

/**
 * While mounted: when the element that last had focus inside `root` is removed and focus fell to the page,
 * `fallback()` gets it. Focus the agent moved elsewhere on purpose (another control, the agent page) stays.
 */
export function useFocusRescue(root: RefObject<HTMLElement | null>, fallback: () => HTMLElement | null) {
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    let last: Element | null = null;
    const onFocusIn = (e: FocusEvent) => {
      last = e.target as Element;
    };
    const rescue = () => {
      const active = document.activeElement;
      if (!last || last.isConnected || (active !== null && active !== document.body)) return;
      last = null;
      fallback()?.focus();
    };
    el.addEventListener('focusin', onFocusIn);
    const observer = new MutationObserver(rescue);
    observer.observe(el, { childList: true, subtree: true });
    return () => {
      el.removeEventListener('focusin', onFocusIn);
      observer.disconnect();
    };
  }, [root, fallback]);
}

/** Escape anywhere in the sidebar that nothing handled: the newest alert's Dismiss. */
export function dismissNewestAlert(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Escape' || e.defaultPrevented) return;
  const buttons = e.currentTarget.querySelectorAll<HTMLButtonElement>('[data-dismiss]:not(:disabled)');
  const newest = buttons[buttons.length - 1];
  if (!newest) return;
  e.preventDefault();
  newest.click();
}
