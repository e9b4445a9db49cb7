// When to raise a system notification: a new co-browse request (common/cobrowse-requests.ts) while the agent
// cannot see the sidebar, in the desktop's words.
import type { AppState } from '../../../common/contract';
import { newCobrowseRequests } from '../../../common/cobrowse-requests';

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
  return newCobrowseRequests(prev, next).map((r) =>
    r.kind === 'attempt'
      ? {
          sessionId: r.key,
          title: 'Co-browse requested',
          body: `${r.customerName} asked to co-browse in chat. Open the sidebar to follow.`,
        }
      : {
          sessionId: r.key,
          title: 'Co-browse request waiting',
          body: `${r.customerName} asked to co-browse while you are in another session. Open the sidebar to answer.`,
        },
  );
}
