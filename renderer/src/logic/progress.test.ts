import { describe, expect, it } from 'vitest';
import type { CobrowseSessionView, JoinPhase } from '../../../common/contract';
import { canEnd, currentSession, phaseWords, stepMarks } from './progress';

const session = (id: string, phase: JoinPhase, extra: Partial<CobrowseSessionView> = {}) =>
  ({
    id,
    token: '123456789',
    interactionId: null,
    sessionHistoryId: null,
    phase,
    joinedAt: null,
    activatedAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    ...extra,
  }) satisfies CobrowseSessionView;

describe('phaseWords', () => {
  it.each([
    ['connecting', 'Connecting to the co-browse server for session 123 456 789…'],
    ['joined', 'Joined; waiting for the customer…'],
    ['active', 'Co-browsing with the customer.'],
    ['ending', 'Ending co-browse…'],
  ] as const)('%s reads "%s"', (phase, words) => {
    expect(phaseWords(session('a', phase))).toBe(words);
  });

  it('says why a session ended, and which one failed', () => {
    expect(phaseWords(session('a', 'ended', { endReason: 'The agent stopped co-browse.' }))).toBe(
      'Co-browse ended. The agent stopped co-browse.',
    );
    expect(phaseWords(session('a', 'failed'))).toBe('Could not join session 123 456 789.');
  });

  it('invites a join when there is no session', () => {
    expect(phaseWords(null)).toContain('Enter a session ID');
  });
});

describe('currentSession', () => {
  it('prefers the latest session still under way over a newer one that ended', () => {
    const live = session('live', 'active');
    expect(currentSession({ sessions: [session('old', 'ended'), live, session('new', 'failed')] })).toBe(
      live,
    );
  });
  it('falls back to the latest session, then to none', () => {
    const last = session('b', 'failed');
    expect(currentSession({ sessions: [session('a', 'ended'), last] })).toBe(last);
    expect(currentSession({ sessions: [] })).toBeNull();
  });
});

describe('stepMarks', () => {
  it('marks the steps done before the current one', () => {
    expect(stepMarks('connecting')).toEqual(['current', 'todo', 'todo']);
    expect(stepMarks('active')).toEqual(['done', 'done', 'current']);
  });
  it('after the join reply, the customer is what is awaited', () => {
    expect(stepMarks('joined')).toEqual(['done', 'current', 'todo']);
  });
  it('has no steps once the session is over', () => {
    for (const phase of ['ending', 'ended', 'failed'] as const) expect(stepMarks(phase)).toBeNull();
  });
});

describe('canEnd', () => {
  it('offers Exit and Stop from the join until the session is ending', () => {
    expect(['connecting', 'joined', 'active'].every((p) => canEnd(p as JoinPhase))).toBe(true);
    expect(['ending', 'ended', 'failed'].some((p) => canEnd(p as JoinPhase))).toBe(false);
  });
});
