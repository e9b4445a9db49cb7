// What the web bridge tells the sidebar about its host (`onHostLink`): up, down, or restarted (a new run
// whose key this page lacks).
import type { HostLink } from '../../../common/contract';

export interface LinkState {
  readonly current: HostLink;
  set(next: HostLink): void;
  /** The socket opened: the link is up, whatever a check still under way finds. */
  up(): void;
  /** An attempt failed: asks the host whether it restarted or is simply down. */
  check(): void;
  /** The host answers but no longer knows this tab's key. */
  restarted(): Promise<boolean>;
  on(listener: (link: HostLink) => void): () => void;
}

/** `sessionUrl`: the host's `/api/session`, where a 401 means a new run of the app. */
export function hostLinkState(sessionUrl: string, tabKey: () => string | null): LinkState {
  let link: HostLink = 'up';
  // One check per failed attempt; only the latest may say what the link is: an older one, answered late
  // (sent while the host was still down), must not put "down" back over a newer "restarted".
  let checks = 0;
  const listeners = new Set<(link: HostLink) => void>();
  const set = (next: HostLink) => {
    if (next === link) return;
    link = next;
    listeners.forEach((fn) => fn(next));
  };
  const restarted = async (): Promise<boolean> => {
    try {
      const headers = { Authorization: `Bearer ${tabKey() ?? ''}` };
      return (await fetch(sessionUrl, { cache: 'no-store', headers })).status === 401;
    } catch {
      return false; // not answering at all: simply down
    }
  };
  return {
    get current() {
      return link;
    },
    set,
    up() {
      checks++; // a check still under way no longer speaks for the link
      set('up');
    },
    check() {
      const check = ++checks;
      void restarted().then((again) => check === checks && set(again ? 'restarted' : 'down'));
    },
    restarted,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
