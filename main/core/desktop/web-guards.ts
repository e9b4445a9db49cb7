// The rules the Electron host enforces on web content, as pure functions: which navigations the agent view
// may make, and which IPC senders are the sidebar. Origins are compared parsed, never with startsWith.

/** scheme://host[:port], also for custom schemes (`app://sidebar`), whose URL.origin is "null". */
const originOf = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
};

/** The agent view stays on the co-browse node that serves it. */
export function isAllowedAgentNavigation(target: string, agentPageUrl: string): boolean {
  try {
    return originOf(target) === originOf(agentPageUrl);
  } catch {
    return false;
  }
}

export interface SenderInfo {
  /** The webContents the message came from. */
  webContentsId: number;
  /** The frame's URL (empty when the frame is gone). */
  frameUrl: string;
  /** Whether the frame is that webContents' main frame (not an iframe). */
  isMainFrame: boolean;
}

/** Only the sidebar's own main frame, loaded from the app's own origin, may talk to main. */
export function isTrustedSender(
  sender: SenderInfo,
  sidebarWebContentsId: number,
  appOrigin: string,
): boolean {
  if (sender.webContentsId !== sidebarWebContentsId || !sender.isMainFrame) return false;
  try {
    return originOf(sender.frameUrl) === appOrigin;
  } catch {
    return false;
  }
}

/** The stickiness cookie for the agent view's session partition, from `gcbSessionServer=node1`. */
export function agentViewCookie(cookie: string | null, agentPageUrl: string) {
  if (!cookie) return null;
  const eq = cookie.indexOf('=');
  if (eq <= 0) return null;
  const page = new URL(agentPageUrl);
  return {
    url: page.origin,
    name: cookie.slice(0, eq),
    value: cookie.slice(eq + 1),
    path: '/',
    secure: page.protocol === 'https:',
  };
}

// The sidebar's CSP, header and <meta> from one source: common/csp.ts.
export { contentSecurityPolicy } from '../../../common/csp';
