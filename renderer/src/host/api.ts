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
  return connectWebBridge(`${scheme}//${location.host}/api`);
}
