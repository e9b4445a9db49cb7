// The one way the sidebar reaches main: the desktop preload's `window.cobrowse`, or, in the web edition,
// the same contract over a WebSocket to the page's own host.
import type { CobrowseApi } from '../../../common/contract';
import { connectWebBridge } from './web-bridge';

declare global {
  interface Window {
    cobrowse?: CobrowseApi;
  }
}

export function hostApi(): CobrowseApi {
  if (window.cobrowse) return window.cobrowse;
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return connectWebBridge(`${scheme}//${location.host}/api`, takeLinkKey());
}

/**
 * The one-time key of the link the web edition printed (`#key=…`), taken out of the address bar and of this
 * history entry at once: the page keeps no key where a bookmark, a shared screen or the history would show it.
 */
function takeLinkKey(): string | null {
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  if (key !== null) history.replaceState(history.state, '', location.pathname + location.search);
  return key;
}
