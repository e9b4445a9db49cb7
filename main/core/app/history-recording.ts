// Today's co-browse history: each settled session written once, and again when its attached data change
// state (pending → written or not written).
import type { AppState } from '../../../common/contract';
import type { Logger } from '../../../common/logger';
import { historyEntryOf, type History } from '../history/history';

type SessionsAndInteractions = Pick<AppState, 'sessions' | 'interactions'>;

/** Records on every state change; returns the function that stops it. */
export function recordSettledSessions(
  state: () => SessionsAndInteractions,
  history: History,
  listeners: Set<() => void>,
  log: Logger,
): () => void {
  const onChange = () => {
    const { sessions, interactions } = state();
    for (const session of sessions) {
      const entry = historyEntryOf(
        session,
        interactions.find((i) => i.id === session.interactionId),
      );
      const stored = entry && history.get(entry.id);
      if (!entry || (stored && stored.attachedData === entry.attachedData)) continue;
      history.record(entry).catch((err: unknown) => log.error('history: entry not saved', { error: err }));
    }
  };
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}
