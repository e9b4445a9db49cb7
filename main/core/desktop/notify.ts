// When to raise a system notification: a new co-browse request (common/cobrowse-requests.ts) while the agent
// cannot see the sidebar, in the agent's language.
import { defineMessages } from '@formatjs/intl';
import type { AppState } from '../../../common/contract';
import { newCobrowseRequests } from '../../../common/cobrowse-requests';
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
  return newCobrowseRequests(prev, next).map((r) =>
    r.kind === 'attempt'
      ? {
          sessionId: r.key,
          title: intl.formatMessage(m.requestedTitle),
          body: intl.formatMessage(m.requestedBody, { customer: r.customerName }),
        }
      : {
          sessionId: r.key,
          title: intl.formatMessage(m.waitingTitle),
          body: intl.formatMessage(m.waitingBody, { customer: r.customerName }),
        },
  );
}
