// Join progress in words: which co-browse session the sidebar is about, and where it stands.
import {
  isLivePhase,
  type AppState,
  type CobrowseSessionView,
  type JoinPhase,
  groupDigits,
} from '../../../common/contract';

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
export function phaseWords(session: CobrowseSessionView | null): string {
  if (!session) return 'No co-browse session. Enter a session ID to join.';
  switch (session.phase) {
    case 'connecting':
      return `Connecting to the co-browse server for session ${groupDigits(session.token)}…`;
    case 'joined':
      return 'Joined; waiting for the customer…';
    case 'active':
      return 'Co-browsing with the customer.';
    case 'ending':
      return 'Ending co-browse…';
    case 'ended':
      return `Co-browse ended. ${session.endReason ?? ''}`.trim();
    case 'failed':
      return `Could not join session ${groupDigits(session.token)}.`;
  }
}

export const STEPS = [
  { phase: 'connecting', label: 'Connect and join the session' },
  { phase: 'joined', label: 'Wait for the customer' },
  { phase: 'active', label: 'Co-browse' },
] as const satisfies readonly { phase: JoinPhase; label: string }[];

export type StepMark = 'done' | 'current' | 'todo';

/** Each step's mark for a phase on the way in; null once the session is past joining (ending, ended, failed). */
export function stepMarks(phase: JoinPhase): StepMark[] | null {
  const at = STEPS.findIndex((s) => s.phase === phase);
  if (at < 0) return null;
  return STEPS.map((_, i) => (i < at ? 'done' : i === at ? 'current' : 'todo'));
}
