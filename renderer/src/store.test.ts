// The store against a scripted host: each invoke waits until the test answers it, so ordering races
// (a pushed snapshot overtaking the `ready` reply) and in-flight flags can be checked exactly.
import { describe, expect, it, vi } from 'vitest';
import type { AppState, CobrowseApi, Reply } from '../../common/contract';
import { createSidebar } from './store';

function scriptedHost() {
  const calls: { name: string; input: unknown; answer: (r: Reply<unknown>) => void }[] = [];
  let push: ((s: AppState) => void) | null = null;
  const api = {
    host: 'web',
    invoke: (name: string, input: unknown) => new Promise((answer) => calls.push({ name, input, answer })),
    on: (_name: string, listener: (s: AppState) => void) => {
      push = listener;
      return () => (push = null);
    },
  } as unknown as CobrowseApi;
  return { api, calls, push: (s: AppState) => push?.(s), subscribed: () => push !== null };
}

const state = (agentName: string) => ({ settings: { agentName } }) as unknown as AppState;

describe('createSidebar', () => {
  it('subscribes before saying ready, and mirrors the ready reply', async () => {
    const host = scriptedHost();
    const sidebar = createSidebar(host.api);
    sidebar.connect();
    expect(host.subscribed()).toBe(true);
    expect(host.calls.map((c) => c.name)).toEqual(['ready']);
    host.calls[0]!.answer({ ok: true, value: state('A') });
    await vi.waitFor(() => expect(sidebar.store.getState().app).toEqual(state('A')));
  });

  it('keeps a snapshot pushed before the ready reply (it is newer)', async () => {
    const host = scriptedHost();
    const sidebar = createSidebar(host.api);
    sidebar.connect();
    host.push(state('pushed'));
    host.calls[0]!.answer({ ok: true, value: state('reply') });
    await vi.waitFor(() => expect(sidebar.store.getState().pending.ready).toBeUndefined()); // the reply taken in
    expect(sidebar.store.getState().app).toEqual(state('pushed'));
  });

  it('flags a request in flight, records its refusal, and clears it when the request is made again', async () => {
    const host = scriptedHost();
    const sidebar = createSidebar(host.api);
    const refusal = { code: 'settings-during-session' } as const;
    const first = sidebar.call('updateSettings', { debug: true });
    expect(sidebar.store.getState().pending.updateSettings).toBe(true);
    host.calls[0]!.answer({ ok: false, error: refusal });
    expect(await first).toBeNull();
    expect(sidebar.store.getState()).toMatchObject({ pending: {}, errors: { updateSettings: refusal } });

    const second = sidebar.call('updateSettings', { debug: true });
    expect(sidebar.store.getState().errors.updateSettings).toBeUndefined();
    host.calls[1]!.answer({ ok: true, value: { debug: true } });
    expect(await second).toEqual({ debug: true });
  });

  it('a refusal of one request leaves the others alone until dismissed', async () => {
    const host = scriptedHost();
    const sidebar = createSidebar(host.api);
    const p = sidebar.call('stop', { sessionId: 's1' });
    host.calls[0]!.answer({ ok: false, error: { code: 'unknown-session' } });
    await p;
    const q = sidebar.call('selectInteraction', { interactionId: null });
    host.calls[1]!.answer({ ok: true, value: null });
    await q;
    expect(Object.keys(sidebar.store.getState().errors)).toEqual(['stop']);
    sidebar.clearError('stop');
    expect(sidebar.store.getState().errors).toEqual({});
  });

  it('a failed join keeps the typed text and its problem by the field; editing or joining clears them', () => {
    const sidebar = createSidebar(scriptedHost().api);
    const error = { code: 'session-not-found', params: { id: '123456789' } } as const;
    sidebar.setField('123 456 789');
    sidebar.joinSettled('123 456 789', { outcome: 'failed', sessionId: 's1', error, busyWith: null });
    expect(sidebar.store.getState()).toMatchObject({
      field: '123 456 789',
      joinProblem: { error, token: '123 456 789' },
      dismissedSessions: ['s1'], // shown by the field, so not again among the general alerts
    });
    sidebar.setField('123 456 780');
    expect(sidebar.store.getState().joinProblem).toBeNull();
    sidebar.joinSettled('123 456 780', { outcome: 'joined', sessionId: 's2' });
    expect(sidebar.store.getState()).toMatchObject({ field: '', joinProblem: null });
  });

  it('a session started since (a chat joined by itself) clears the failed join by the field', () => {
    const host = scriptedHost();
    const sidebar = createSidebar(host.api);
    sidebar.connect();
    const session = (id: string, phase: string) => ({ id, phase });
    const withSessions = (...sessions: object[]) => ({ sessions }) as unknown as AppState;
    host.push(withSessions(session('live', 'active')));
    const busy = { code: 'session-live', params: { token: '1', customer: null, media: null, since: null } };
    sidebar.joinSettled('123456789', {
      outcome: 'failed',
      sessionId: null,
      error: busy,
      busyWith: 'live',
    } as never);
    // The session in the way is no success of its own: the problem stays while it goes on.
    host.push(withSessions(session('live', 'active')));
    expect(sidebar.store.getState().joinProblem).not.toBeNull();
    host.push(withSessions(session('live', 'ended'), session('next', 'joined')));
    expect(sidebar.store.getState().joinProblem).toBeNull();
  });
});
