// What a join will attach to and what is in its way, in words, before Join is pressed: the selected
// interaction (or none), and the live session one agent can have at a time.
import { defineMessages } from 'react-intl';
import { isLivePhase, type AppState, type CobrowseSessionView } from '../../../common/contract';
import type { Phrase } from '../i18n/codes';

const words = defineMessages({
  attaches: {
    id: 'join.attach.to',
    defaultMessage: 'Attaches to {customer} ({media, select, chat {chat} other {call}}).',
  },
  none: { id: 'join.attach.none', defaultMessage: 'Not attached to any interaction.' },
  live: {
    id: 'join.attach.live',
    defaultMessage:
      'You are in session {id}{hasCustomer, select, yes { with {customer} ({media, select, chat {chat} other {call}})} other {, not attached to any interaction}}{hasSince, select, yes {, since {since}} other {}}: Join will offer to end it.',
  },
});

/** The live session a new join would have to end first (the latest, with a raised limit). */
export const liveSession = (app: Pick<AppState, 'sessions'>): CobrowseSessionView | null =>
  app.sessions.findLast((s) => isLivePhase(s.phase)) ?? null;

/** The hint's second half: where the join attaches, and the live session in its way, if any. */
export function attachHint(
  app: Pick<AppState, 'interactions' | 'selectedInteractionId' | 'sessions'>,
): Phrase[] {
  const selected = app.interactions.find((i) => i.id === app.selectedInteractionId);
  const target: Phrase = selected
    ? { message: words.attaches, params: { customer: selected.customerName, media: selected.media } }
    : { message: words.none };
  const live = liveSession(app);
  if (!live) return [target];
  const inter = app.interactions.find((i) => i.id === live.interactionId);
  const params = {
    id: live.token,
    customer: inter?.customerName ?? null,
    media: inter?.media ?? null,
    since: live.joinedAt,
  };
  return [target, { message: words.live, params }];
}
