// The interactions in working order: the one co-browsing now on top, the other live ones as they came, the
// ended ones (transferred, timed out, closed) apart, newest first, for the "Ended (n)" fold.
import {
  isLivePhase,
  type AppState,
  type CobrowseSessionView,
  type InteractionView,
} from '../../../common/contract';

export interface Ordered {
  live: InteractionView[];
  ended: InteractionView[];
}

/** The live co-browse session on this interaction, if any. */
export const liveSessionOn = (
  sessions: readonly CobrowseSessionView[],
  interactionId: string,
): CobrowseSessionView | null =>
  sessions.findLast((s) => s.interactionId === interactionId && isLivePhase(s.phase)) ?? null;

export function orderInteractions(app: Pick<AppState, 'interactions' | 'sessions'>): Ordered {
  const live = app.interactions.filter((i) => i.state === 'active');
  const now = live.filter((i) => liveSessionOn(app.sessions, i.id));
  const ended = app.interactions.filter((i) => i.state !== 'active');
  const endedAt = (i: InteractionView) => i.timeline.at(-1)?.at ?? 0;
  return {
    live: [...now, ...live.filter((i) => !now.includes(i))],
    ended: [...ended].sort((a, b) => endedAt(b) - endedAt(a)),
  };
}

/** Elapsed time as a clock reads it: `4:07`, `1:02:09`. */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The attached data read back in the few facts an agent cares about (ADOverview's keys). */
export function attachedSummary(data: InteractionView['attachedData']): {
  sessions: number;
  firstStartedAt: number | null;
  activeSeconds: number | null;
} {
  const num = (v: string | number | undefined) => (v === undefined || v === '' ? NaN : Number(v));
  const sessions = num(data.CoBrowseSessionsQuantity);
  const start = num(data.CoBrowseStartTime);
  const duration = num(data.CoBrowseDuration);
  return {
    sessions: Number.isFinite(sessions) ? sessions : 0,
    firstStartedAt: Number.isFinite(start) ? start : null,
    activeSeconds: Number.isFinite(duration) ? duration : null,
  };
}
