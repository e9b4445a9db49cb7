// Who may use the web edition. It listens on loopback, which other local processes and, on a shared terminal
// server, other users reach too, and the agent's browser visits other loopback servers whose pages can set and
// receive every cookie of 127.0.0.1 (cookies ignore ports). So no cookie at all: the link printed at start
// carries a one-time key in its fragment (never sent to a server, never logged); the sidebar trades it once
// (`POST /api/session`) for a tab key it keeps in sessionStorage, out of reach of any other origin, and
// presents that key on the WebSocket. A used link is dead; the next one is printed.
import { randomBytes } from 'node:crypto';
import { setNewest } from '../../common/recent-map';

// Our choice: links minted but not yet used, and tab keys handed out, are bounded (oldest forgotten first).
const MAX_LINKS = 16;
const MAX_TABS = 64;

export interface RunKey {
  /** A new one-time link key: the sidebar's address is `<origin>/#key=<it>`. */
  newLink(): string;
  /** Trades an unused link key for a tab key (the link key dies); null when it is unknown or used. */
  redeem(linkKey: unknown): string | null;
  /** The tab key was handed out by this run. */
  admits(tabKey: string | null | undefined): boolean;
}

const newKey = () => randomBytes(24).toString('base64url');
const KEY = /^[A-Za-z0-9_-]{32}$/;

export function createRunKey(): RunKey {
  const links = new Map<string, true>();
  const tabs = new Map<string, true>();
  // A hashed lookup, not a constant-time comparison: a key is 192 random bits, nothing to guess piecewise.
  const holds = (keys: Map<string, true>, given: unknown): given is string =>
    typeof given === 'string' && KEY.test(given) && keys.has(given);
  return {
    newLink() {
      const key = newKey();
      setNewest(links, key, true, MAX_LINKS);
      return key;
    },
    redeem(linkKey) {
      if (!holds(links, linkKey)) return null;
      links.delete(linkKey);
      const tab = newKey();
      setNewest(tabs, tab, true, MAX_TABS);
      return tab;
    },
    admits: (tabKey) => holds(tabs, tabKey),
  };
}
