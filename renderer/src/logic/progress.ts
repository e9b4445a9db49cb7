// Join progress in words: which co-browse session the sidebar is about, and where it stands.
import { defineMessages, type MessageDescriptor } from 'react-intl';
import {
  isLivePhase,
  type AppState,
  type CobrowseSessionView,
  type JoinPhase,
} from '../../../common/contract';
import { endReasonMessages, phaseMessages, type Phrase } from '../i18n/codes';

/** Exit and Stop make sense from the moment the join is under way until it is ending. */
export const canEnd = (phase: JoinPhase) => isLivePhase(phase) && phase !== 'ending';

/**
 * The session the sidebar is about: the one the agent page shows (so Exit and Stop always act on the session
 * the agent sees), else the latest one still under way, else the latest one at all.
 */
export function currentSession(
  state: Pick<AppState, 'sessions'> & Partial<Pick<AppState, 'agentView'>>,
): CobrowseSessionView | null {
  const { sessions, agentView } = state;
  return (
    sessions.find((s) => s.id === agentView?.sessionId) ??
    sessions.findLast((s) => isLivePhase(s.phase)) ??
    sessions.at(-1) ??
    null
  );
}

/** The sentence the live region reads out for a session (or for none). */
export function phaseWords(session: CobrowseSessionView | null): Phrase {
  if (!session) return { message: phaseMessages.none };
  const message = phaseMessages[session.phase];
  if (session.phase === 'ended')
    return { message, params: { reason: endReasonMessages[session.endReason ?? 'unknown'] } };
  return session.phase === 'connecting' || session.phase === 'failed'
    ? { message, params: { id: session.token } }
    : { message };
}

const stepWords = defineMessages({
  connecting: { id: 'step.connecting', defaultMessage: 'Connect and join the session' },
  joined: { id: 'step.joined', defaultMessage: 'Wait for the customer' },
  active: { id: 'step.active', defaultMessage: 'Co-browse' },
});

export const STEPS = [
  { phase: 'connecting', label: stepWords.connecting },
  { phase: 'joined', label: stepWords.joined },
  { phase: 'active', label: stepWords.active },
] as const satisfies readonly { phase: JoinPhase; label: MessageDescriptor }[];

export type StepMark = 'done' | 'current' | 'todo';

/** Each step's mark for a phase on the way in; null once the session is past joining (ending, ended, failed). */
export function stepMarks(phase: JoinPhase): StepMark[] | null {
  const at = STEPS.findIndex((s) => s.phase === phase);
  if (at < 0) return null;
  return STEPS.map((_, i) => (i < at ? 'done' : i === at ? 'current' : 'todo'));
}
