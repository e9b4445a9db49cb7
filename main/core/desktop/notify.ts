// When to raise a system notification: a chat asked for co-browse (a new co-browse attempt appeared) while
// the agent cannot see the sidebar. Only new attempts count, so a state push never notifies twice.
import type { AppState } from '../../../common/contract';

export interface CobrowseRequestNotice {
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
  return next.sessions
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
}
