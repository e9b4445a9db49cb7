// Whether the Co-browse service answers between sessions, as the last check or held connection said, and
// what the sidebar shows of it: the idle indicator, and join alerts that the service's return makes stale.
import type { AppState, CobrowseSessionView } from '../../../common/contract';
import type { ProbeResult } from '../controller';

export interface ServiceReachability {
  /** A check's or the held connection's verdict; `changed` is told when it differs from the last. */
  settle(result: ProbeResult): void;
  /** A new controller: nothing known of its service yet. */
  forget(): void;
  connection(sessions: AppState['connection']): AppState['connection'];
  withoutStaleAlerts(sessions: CobrowseSessionView[]): CobrowseSessionView[];
}

export function createServiceReachability(changed: () => void): ServiceReachability {
  let reachable: ProbeResult | null = null;
  /** When the service last came back (or was first seen) answering. */
  let answeringSince = 0;
  return {
    settle(result) {
      const before = JSON.stringify(reachable);
      if (result.ok && !reachable?.ok) answeringSince = Date.now();
      reachable = result;
      if (JSON.stringify(result) !== before) changed();
    },
    forget() {
      reachable = null;
    },
    connection(sessions) {
      if (sessions.state !== 'idle' || !reachable) return sessions;
      return reachable.ok
        ? { state: 'idle', detail: { code: 'service-reachable' } }
        : { state: 'lost', detail: reachable.detail };
    },
    withoutStaleAlerts(sessions) {
      if (!reachable?.ok) return sessions;
      return sessions.map((s) =>
        s.error?.code === 'unreachable' && s.endedAt !== null && s.endedAt <= answeringSince
          ? { ...s, error: null }
          : s,
      );
    },
  };
}
