// The contract's plain functions, free of zod so that the sidebar's first paint needs none (the contract
// re-exports them; the renderer's build treats the schema modules as free of side effects).
import type { CobrowseSessionView, JoinPhase } from './contract';
import type { AgentPageZoom } from './settings-schema';

export { normaliseSessionId } from './session-id';

/** A session as it starts: connecting, nothing joined, activated or ended yet. */
export function connectingSession(
  id: string,
  token: string,
  interactionId: string | null,
): CobrowseSessionView {
  return {
    id,
    token,
    interactionId,
    sessionHistoryId: null,
    phase: 'connecting',
    joinedAt: null,
    activatedAt: null,
    endedAt: null,
    endReason: null,
    error: null,
  };
}

/** A co-browse session is under way, or about to be: no restart for an update, no change of connection. */
export const isLivePhase = (phase: JoinPhase): boolean => phase !== 'ended' && phase !== 'failed';

/**
 * A session ID as agents read it back to a customer: `123 456 789`; a masked one (`******789`) as it is;
 * anything else quoted as typed.
 */
export const groupDigits = (id: string): string =>
  /^\d{9}$/.test(id) ? id.replace(/(\d{3})(?=\d)/g, '$1 ') : /^\*+\d{3}$/.test(id) ? id : `“${id}”`;

/** The "Agent page zoom" setting as the factor both hosts apply (the desktop's zoom, the web frame's scale). */
export const zoomFactorOf = (zoom: AgentPageZoom): number => Number(zoom) / 100;
