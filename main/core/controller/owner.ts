// Stickiness: from the get-session answer to the base and cookie every later request of the session uses.
import { STICKY_COOKIE, type GetSessionResponse } from '../../../common/protocol';
import type { StickinessMode } from '../../../common/settings-schema';
import { ControllerError, type SessionOwner } from './types';

/** `https://h:1/cobrowse/` → `https://h:1`: bases never end in `/` nor in the `/cobrowse` prefix. */
export function baseOf(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/cobrowse$/, '');
}

export function resolveOwner(
  session: GetSessionResponse,
  mode: StickinessMode,
  serviceBase: string,
): SessionOwner {
  const common = {
    sessionServerName: session.sessionServerName,
    ...(session.sessionServerUrl ? { sessionServerUrl: session.sessionServerUrl } : {}),
  };
  if (mode === 'cookie')
    return { ...common, baseUrl: serviceBase, cookie: `${STICKY_COOKIE}=${session.sessionServerName}` };
  if (!session.sessionServerUrl)
    throw new ControllerError(
      'protocol',
      `URL stickiness is set, but ${new URL(serviceBase).host} gave no sessionServerUrl for node ` +
        `${session.sessionServerName}: set serverUrl on every node, or use cookie stickiness`,
      { step: 'get-session', host: new URL(serviceBase).host },
    );
  return { ...common, baseUrl: baseOf(session.sessionServerUrl) };
}
