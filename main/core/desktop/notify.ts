// When to raise a system notification: a chat asked for co-browse (a new co-browse attempt appeared, or a
// request now waits on a chat because another session is live) while the agent cannot see the sidebar. Only
// new attempts and requests count, so a state push never notifies twice.
import type { AppState } from '../../../common/contract';

export interface CobrowseRequestNotice {
  /** The new attempt's session id, or `request:<interaction id>` for a waiting request. */
  sessionId: string;
  title: string;
  body: string;
}

type View = Pick<AppState, 'sessions' | 'interactions'>;

export function cobrowseRequestNotices(
  prev: View,
  next: View,
  windowVisible: boolean,
): CobrowseRequestNotice[] {
  if (windowVisible) return [];
  const seen = new Set(prev.sessions.map((s) => s.id));
  const waited = new Map(prev.interactions.map((i) => [i.id, i.cobrowseRequest?.at]));
  const requests = next.interactions
    .filter((i) => i.cobrowseRequest && waited.get(i.id) !== i.cobrowseRequest.at)
    .map((i) => ({
      sessionId: `request:${i.id}`,
      title: 'Co-browse request waiting',
      body: `${i.customerName} asked to co-browse while you are in another session. Open the sidebar to answer.`,
    }));
  const attempts = next.sessions
    .filter((s) => !seen.has(s.id) && s.phase !== 'ended' && s.phase !== 'failed')
    .flatMap((s) => {
      const chat = next.interactions.find((i) => i.id === s.interactionId && i.media === 'chat');
      return chat
        ? [
            {
              sessionId: s.id,
              title: 'Co-browse requested',
              body: `${chat.customerName} asked to co-browse in chat. Open the sidebar to follow.`,
            },
          ]
        : [];
    });
  return [...attempts, ...requests];
}
