// What the engine shows, built from its records in one place, as pure functions of them: the interactions
// (attached data confirmed + pending), the worst connection of the live sessions, and the agent page.
import {
  isLivePhase,
  type AppState,
  type CobrowseSessionView,
  type InteractionView,
} from '../../../common/contract';
import { agentPageUrl, type SessionToken } from '../../../common/protocol';
import type { ConnectionState, SessionOwner } from '../controller/types';
import type { PendingWrite } from './outbox';

const CONNECTION_RANK: Record<ConnectionState, number> = {
  closed: 0,
  connected: 1,
  connecting: 2,
  reconnecting: 3,
  lost: 4,
};

/** Phases in which the agent page has a session to show. */
export const isViewable = (phase: CobrowseSessionView['phase']): boolean =>
  phase === 'joined' || phase === 'active';

export interface SessionRecord {
  view: CobrowseSessionView & { token: SessionToken };
  owner?: SessionOwner | undefined;
  connection?: { state: ConnectionState; detail: AppState['connection']['detail'] } | undefined;
}

export interface InteractionRecord {
  view: Omit<InteractionView, 'attachedData' | 'pendingWrites' | 'cobrowseRequest'> & {
    cobrowseRequest: { token: SessionToken; at: number } | null;
  };
  confirmed: InteractionView['attachedData'];
}

export function interactionView(inter: InteractionRecord, pending: readonly PendingWrite[]): InteractionView {
  const mine = pending.filter((w) => w.interactionId === inter.view.id);
  const attachedData = { ...inter.confirmed };
  for (const w of mine) Object.assign(attachedData, w.data);
  return {
    ...inter.view,
    timeline: [...inter.view.timeline],
    attachedData,
    pendingWrites: mine.length,
  };
}

export function connectionView(sessions: readonly SessionRecord[]): AppState['connection'] {
  const live = sessions.filter((s) => isLivePhase(s.view.phase));
  if (live.length === 0) return { state: 'idle', detail: null };
  const worst = live
    .map((s) => s.connection ?? { state: 'connecting' as const, detail: null })
    .sort((a, b) => CONNECTION_RANK[b.state] - CONNECTION_RANK[a.state])[0]!;
  return { state: worst.state === 'closed' ? 'idle' : worst.state, detail: worst.detail };
}

/**
 * The agent page shows the one session the sidebar follows: the viewable one (one per agent by default;
 * with a raised limit, the selected interaction's, else the most recent), so the two never disagree.
 */
export function agentView(
  sessions: readonly SessionRecord[],
  selected: string | null,
  debug: boolean,
): AppState['agentView'] {
  const viewable = sessions.filter((s) => isViewable(s.view.phase) && s.owner);
  const shown =
    viewable.find((s) => s.view.interactionId !== null && s.view.interactionId === selected) ??
    viewable.at(-1);
  if (!shown?.owner) return null;
  return {
    sessionId: shown.view.id,
    url: agentPageUrl(shown.owner.baseUrl, shown.view.token, { debug }),
    cookie: shown.owner.cookie ?? null,
    poppedOut: false, // the host knows; app-core overlays it
  };
}
