// Titles of the windows main opens itself, in the agent's language (the sidebar's own is the product name).
import { defineMessages } from '@formatjs/intl';
import type { IntlShape } from '../i18n/intl';

const m = defineMessages({
  agentView: {
    id: 'window.agentView.title',
    defaultMessage: 'Co-browse — customer view',
    description: "Title of the window the agent page pops out to: the customer's page as the agent sees it",
  },
});

export const agentViewWindowTitle = (intl: IntlShape): string => intl.formatMessage(m.agentView);
