// The web bridge's key. No cookie (any page on another loopback port could read or set it): the one-time key
// of the link the host printed is traded once for a tab key, kept in this tab's sessionStorage (no other
// origin can read it). A tab that trades a new run's link hands its key to the sidebar's other tabs
// (BroadcastChannel: same origin only), so they reconnect by themselves.

const TAB_KEY = 'cobrowse.tabKey';

export interface TabKey {
  /** The tab key this tab holds, if any. */
  current(): string | null;
  /** Settles once the link's key was traded (or there was none to trade). */
  readonly traded: Promise<void>;
}

/** `handed`: another tab handed this one a new key. */
export function keepTabKey(sessionUrl: string, linkKey: string | null, handed: () => void): TabKey {
  let tabKey = sessionStorage.getItem(TAB_KEY);
  const tabs = new BroadcastChannel(TAB_KEY);
  const adopt = (key: string) => {
    tabKey = key;
    sessionStorage.setItem(TAB_KEY, key);
  };
  tabs.onmessage = (e: MessageEvent) => {
    if (typeof e.data !== 'string') return;
    adopt(e.data);
    handed();
  };
  const redeemed = linkKey ? redeem(sessionUrl, linkKey) : Promise.resolve(null);
  const traded = redeemed.then((key) => {
    if (!key) return;
    adopt(key);
    tabs.postMessage(key);
  });
  return { current: () => tabKey, traded };
}

/** Trades the link's one-time key for a tab key; null when it is used or not this run's. */
async function redeem(sessionUrl: string, link: string): Promise<string | null> {
  try {
    const res = await fetch(sessionUrl, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link }),
    });
    if (!res.ok) return null;
    const { tab } = (await res.json()) as { tab?: unknown };
    return typeof tab === 'string' ? tab : null;
  } catch {
    return null; // the host is not answering: the link light says so
  }
}
