// What a join will attach to and what is in its way, in words, before Join is pressed: the selected
// interaction (or none), and the live session one agent can have at a time.
import { groupDigits, isLivePhase, type AppState, type CobrowseSessionView } from '../../../common/contract';

const clock = (at: number) =>
  new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });

/** The live session a new join would have to end first (the latest, with a raised limit). */
export const liveSession = (app: Pick<AppState, 'sessions'>): CobrowseSessionView | null =>
  app.sessions.findLast((s) => isLivePhase(s.phase)) ?? null;

/** "session 123 456 789 with Ann (chat), since 10:02" */
export function describeSession(app: Pick<AppState, 'interactions'>, session: CobrowseSessionView): string {
  const inter = app.interactions.find((i) => i.id === session.interactionId);
  const on = inter ? ` with ${inter.customerName} (${inter.media})` : ', not attached to any interaction';
  const since = session.joinedAt === null ? '' : `, since ${clock(session.joinedAt)}`;
  return `session ${groupDigits(session.token)}${on}${since}`;
}

/** The hint's second half: where the join attaches, and the live session in its way, if any. */
export function attachHint(app: Pick<AppState, 'interactions' | 'selectedInteractionId' | 'sessions'>) {
  const selected = app.interactions.find((i) => i.id === app.selectedInteractionId);
  const target = selected
    ? `Attaches to ${selected.customerName} (${selected.media}).`
    : 'Not attached to any interaction.';
  const live = liveSession(app);
  return live ? `${target} You are in ${describeSession(app, live)}: Join will offer to end it.` : target;
}
