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
  // The run's link served this page with its cookie: the key leaves the address bar (and the history).
  if (new URLSearchParams(location.search).has('key'))
    history.replaceState(history.state, '', location.pathname);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return connectWebBridge(`${scheme}//${location.host}/api`);
}
