// The question the desktop asks when the agent closes the sidebar window while co-browsing: closing quits
// the app, which stops the session for the customer too (as the sidebar's Stop does, which asks as well).
import { defineMessages } from '@formatjs/intl';
import type { IntlShape } from '../i18n/intl';

const m = defineMessages({
  message: {
    id: 'closeDuringSession.message',
    defaultMessage: 'Stop co-browsing and quit?',
    description: 'Question when the agent closes the sidebar window during a co-browse session',
  },
  detail: {
    id: 'closeDuringSession.detail',
    defaultMessage:
      'Closing the window quits the app. The co-browse session ends for the customer too, and they are told.',
    description: 'Explains what closing the sidebar window during a co-browse session does',
  },
  stop: {
    id: 'closeDuringSession.stop',
    defaultMessage: 'Stop and quit',
    description: 'Button: stop the co-browse session and quit the app',
  },
  cancel: {
    id: 'closeDuringSession.cancel',
    defaultMessage: 'Keep co-browsing',
    description: 'Button: cancel closing the window; the session goes on',
  },
});

export interface CloseQuestion {
  message: string;
  detail: string;
  /** The buttons in order: [stop and quit, keep co-browsing]. */
  buttons: [string, string];
}

export const closeDuringSessionQuestion = (intl: IntlShape): CloseQuestion => ({
  message: intl.formatMessage(m.message),
  detail: intl.formatMessage(m.detail),
  buttons: [intl.formatMessage(m.stop), intl.formatMessage(m.cancel)],
});
