// The sidebar's store: a read-only mirror of main's AppState plus what is purely local (which requests are
// in flight, the refusals they came back with, a short confirmation). Every change to app state is an intent
// sent through the contract; the mirror only ever changes by main's snapshots.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AppError,
  AppState,
  CobrowseApi,
  JoinOutcome,
  HostLink,
  RequestInput,
  RequestName,
  RequestOutput,
} from '../../common/contract';

/**
 * A join that did not happen, shown next to the Session ID field until the field changes, it is dismissed
 * or another session starts (`known`: the sessions there were when it failed).
 */
export type JoinProblem = Extract<JoinOutcome, { outcome: 'failed' }> & { token: string; known: string[] };

/** The refusals a session that started since makes stale: the join ones, and the problem by the field. */
function afterSnapshot(s: SidebarState, app: AppState): Partial<SidebarState> {
  const { joinProblem } = s;
  const started = joinProblem
    ? app.sessions.some(
        (x) => (x.phase === 'joined' || x.phase === 'active') && !joinProblem.known.includes(x.id),
      )
    : false;
  if (!started) return { app };
  const errors = { ...s.errors };
  delete errors.join;
  delete errors.answerRequest;
  return { app, joinProblem: null, errors };
}

export interface SidebarState {
  /** Main's latest snapshot; null until `ready` answered. */
  app: AppState | null;
  /** The Session ID field's text, as typed or pasted. */
  field: string;
  pending: Partial<Record<RequestName, boolean>>;
  /** The last refusal per request, until that request is made again or dismissed. */
  errors: Partial<Record<RequestName, AppError>>;
  /** A short confirmation for the live region ("Settings saved."). */
  notice: string | null;
  /** Sessions whose error the agent dismissed (main keeps it on the session; the sidebar stops showing it). */
  dismissedSessions: string[];
  joinProblem: JoinProblem | null;
  /** The web edition's socket to its host (always `up` on the desktop). */
  hostLink: HostLink;
}

export interface Sidebar {
  store: StoreApi<SidebarState>;
  host: CobrowseApi['host'];
  /** Subscribes to state, then says `ready`; returns the unsubscribe function. */
  connect(): () => void;
  /** Sends one intent; resolves with the value, or null when main refused (the refusal is in `errors`). */
  call<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K> | null>;
  setField(text: string): void;
  clearError(name: RequestName): void;
  dismissSessionError(sessionId: string): void;
  setNotice(text: string | null): void;
  /** Records a join's outcome: a failure stays by the field (the typed ID kept), a join clears both. */
  joinSettled(token: string, outcome: JoinOutcome | null): void;
  dismissJoinProblem(): void;
}

export function createSidebar(api: CobrowseApi): Sidebar {
  const store = createStore<SidebarState>()(() => ({
    app: null,
    field: '',
    pending: {},
    errors: {},
    notice: null,
    dismissedSessions: [],
    joinProblem: null,
    hostLink: 'up',
  }));
  const withKey = <T>(record: Partial<Record<RequestName, T>>, name: RequestName, value: T | undefined) => {
    const next = { ...record };
    if (value === undefined) delete next[name];
    else next[name] = value;
    return next;
  };

  const call: Sidebar['call'] = async (name, input) => {
    store.setState((s) => ({
      pending: withKey(s.pending, name, true),
      errors: withKey(s.errors, name, undefined),
    }));
    const reply = await api.invoke(name, input);
    store.setState((s) => ({
      pending: withKey(s.pending, name, undefined),
      errors: withKey(s.errors, name, reply.ok ? undefined : reply.error),
    }));
    return reply.ok ? reply.value : null;
  };

  return {
    store,
    host: api.host,
    connect() {
      const off = api.on('state', (app) => store.setState((s) => afterSnapshot(s, app)));
      const offLink = api.onHostLink?.((hostLink) => store.setState({ hostLink }));
      void call('ready', {}).then((initial) => {
        // A snapshot pushed before the reply arrived is newer than it: keep that one.
        if (initial && !store.getState().app) store.setState({ app: initial });
      });
      return () => {
        off();
        offLink?.();
      };
    },
    call,
    setField: (field) =>
      store.setState((s) => ({ field, joinProblem: field === s.field ? s.joinProblem : null })),
    clearError: (name) => store.setState((s) => ({ errors: withKey(s.errors, name, undefined) })),
    dismissSessionError: (sessionId) =>
      store.setState((s) => ({ dismissedSessions: [...s.dismissedSessions, sessionId] })),
    setNotice: (notice) => store.setState({ notice }),
    joinSettled(token, outcome) {
      if (!outcome) return;
      if (outcome.outcome === 'joined') return store.setState({ field: '', joinProblem: null });
      // The failed attempt's own error is shown here, by the field, so the general alerts skip it.
      store.setState((s) => ({
        joinProblem: {
          ...outcome,
          token,
          known: [
            ...(s.app?.sessions ?? []).map((x) => x.id),
            ...(outcome.sessionId ? [outcome.sessionId] : []),
          ],
        },
        dismissedSessions: outcome.sessionId
          ? [...s.dismissedSessions, outcome.sessionId]
          : s.dismissedSessions,
      }));
    },
    dismissJoinProblem: () => store.setState({ joinProblem: null }),
  };
}
