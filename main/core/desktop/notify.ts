// When to raise a system notification: a chat asked for co-browse (a new co-browse attempt appeared, or a
// request now waits on a chat because another session is live) while the agent cannot see the sidebar. Only
// new attempts and requests count, so a state push never notifies twice. In the agent's language.
import { defineMessages } from '@formatjs/intl';
import type { AppState } from '../../../common/contract';
import type { IntlShape } from '../i18n/intl';

export interface CobrowseRequestNotice {
  /** The new attempt's session id, or `request:<interaction id>` for a waiting request. */
  sessionId: string;
  title: string;
  body: string;
}

type View = Pick<AppState, 'sessions' | 'interactions'>;

const m = defineMessages<{
  waitingTitle: Record<string, never>;
  waitingBody: { customer: string };
  requestedTitle: Record<string, never>;
  requestedBody: { customer: string };
}>({
  waitingTitle: {
    id: 'notify.requestWaiting.title',
    defaultMessage: 'Co-browse request waiting',
    description:
      'System notification title: a customer asked to co-browse while the agent is in another session',
  },
  waitingBody: {
    id: 'notify.requestWaiting.body',
    defaultMessage:
      '{customer} asked to co-browse while you are in another session. Open the sidebar to answer.',
    description: 'System notification body; {customer} is the customer name from the chat',
  },
  requestedTitle: {
    id: 'notify.requested.title',
    defaultMessage: 'Co-browse requested',
    description:
      'System notification title: a customer asked to co-browse in chat (the sidebar joins by itself)',
  },
  requestedBody: {
    id: 'notify.requested.body',
    defaultMessage: '{customer} asked to co-browse in chat. Open the sidebar to follow.',
    description: 'System notification body; {customer} is the customer name from the chat',
  },
});

export function cobrowseRequestNotices(
  prev: View,
  next: View,
  windowVisible: boolean,
  intl: IntlShape,
): CobrowseRequestNotice[] {
  if (windowVisible) return [];
  const seen = new Set(prev.sessions.map((s) => s.id));
  const waited = new Map(prev.interactions.map((i) => [i.id, i.cobrowseRequest?.at]));
  const requests = next.interactions
    .filter((i) => i.cobrowseRequest && waited.get(i.id) !== i.cobrowseRequest.at)
    .map((i) => ({
      sessionId: `request:${i.id}`,
      title: intl.formatMessage(m.waitingTitle),
      body: intl.formatMessage(m.waitingBody, { customer: i.customerName }),
    }));
  const attempts = next.sessions
    .filter((s) => !seen.has(s.id) && s.phase !== 'ended' && s.phase !== 'failed')
    .flatMap((s) => {
      const chat = next.interactions.find((i) => i.id === s.interactionId && i.media === 'chat');
      return chat
        ? [
            {
              sessionId: s.id,
              title: intl.formatMessage(m.requestedTitle),
              body: intl.formatMessage(m.requestedBody, { customer: chat.customerName }),
            },
          ]
        : [];
    });
  return [...attempts, ...requests];
}
