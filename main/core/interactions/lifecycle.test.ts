// One test per transition of the session model, written out here rather than read back from the table, so a
// changed row fails until this list (the spec of the model) changes with it.
import { describe, expect, it } from 'vitest';
import { JoinPhase } from '../../../common/contract';
import { isSettled, transition, TRANSITIONS, type Effect, type LifecycleEvent } from './lifecycle';

type Row = [JoinPhase, LifecycleEvent, JoinPhase, Effect[]];
const rows: Row[] = [
  ['connecting', 'join-replied', 'joined', ['write-joined']],
  ['connecting', 'join-failed', 'failed', []],
  ['connecting', 'end-requested', 'ending', ['cancel-join']],
  ['joined', 'activated', 'active', ['write-started']],
  ['joined', 'end-requested', 'ending', ['call-end']],
  ['joined', 'deactivated', 'ended', ['write-ended', 'close-connection']],
  ['active', 'end-requested', 'ending', ['call-end']],
  ['active', 'deactivated', 'ended', ['write-ended', 'close-connection']],
  ['ending', 'join-replied', 'ending', ['write-joined', 'call-end']],
  ['ending', 'join-failed', 'ended', []],
  ['ending', 'deactivated', 'ended', ['write-ended', 'close-connection']],
  ['ending', 'end-completed', 'ended', ['write-ended', 'close-connection']],
];

describe('the session lifecycle table', () => {
  it.each(rows)('%s + %s → %s %j', (phase, event, to, effects) => {
    expect(transition(phase, event)).toEqual({ to, effects });
  });

  it('has no transition beyond those rows: every other event is ignored where it arrives', () => {
    const events: LifecycleEvent[] = [
      'join-replied',
      'join-failed',
      'activated',
      'end-requested',
      'deactivated',
      'end-completed',
    ];
    const listed = new Set(rows.map(([p, e]) => `${p} ${e}`));
    for (const phase of JoinPhase.options)
      for (const event of events)
        if (!listed.has(`${phase} ${event}`))
          expect(transition(phase, event), `${phase} ${event}`).toBeNull();
  });

  it('every phase is reachable from connecting, and only ended and failed are final', () => {
    const reached = new Set<JoinPhase>(['connecting']);
    for (let grew = true; grew;) {
      grew = false;
      for (const phase of [...reached])
        for (const t of Object.values(TRANSITIONS[phase]))
          if (!reached.has(t.to)) grew = Boolean(reached.add(t.to));
    }
    expect([...reached].sort()).toEqual([...JoinPhase.options].sort());
    expect(JoinPhase.options.filter(isSettled)).toEqual(['ended', 'failed']);
  });

  it('writes "ended" data only for a session that was joined, and at most once per session', () => {
    // Paths into `ended` that never passed `join-replied` write nothing; the others write exactly once.
    expect(transition('ending', 'join-failed')?.effects).not.toContain('write-ended');
    for (const phase of JoinPhase.options)
      for (const t of Object.values(TRANSITIONS[phase]))
        if (t.effects.includes('write-ended')) expect(isSettled(t.to)).toBe(true);
  });
});
