import { describe, expect, it } from 'vitest';
import type { CobrowseSessionView, InteractionView } from '../../../common/contract';
import { interactionView, sessionView } from '../../../common/test-support/views';
import { attachedSummary, elapsed, orderInteractions } from './interaction-order';

const inter = (id: string, state: InteractionView['state'], lastAt = 0) =>
  interactionView({ id, customerName: id, state, timeline: [{ at: lastAt, code: 'chat-started' }] });
const session = (interactionId: string, phase: CobrowseSessionView['phase']) =>
  sessionView({ id: `s-${interactionId}`, interactionId, phase, joinedAt: 1, activatedAt: 2 });

describe('orderInteractions', () => {
  it('puts the one co-browsing now first, live ones next, ended ones apart and newest first', () => {
    const interactions = [
      inter('closed-early', 'closed', 10),
      inter('a', 'active'),
      inter('transferred', 'transferred', 30),
      inter('b', 'active'),
      inter('timed-out', 'timed-out', 20),
    ];
    const { live, ended } = orderInteractions({
      interactions,
      sessions: [session('b', 'active'), session('a', 'ended')],
    });
    expect(live.map((i) => i.id)).toEqual(['b', 'a']);
    expect(ended.map((i) => i.id)).toEqual(['transferred', 'timed-out', 'closed-early']);
  });
});

describe('elapsed', () => {
  it.each([
    [0, '0:00'],
    [247_900, '4:07'],
    [3_729_000, '1:02:09'],
    [-5, '0:00'],
  ])('%d ms → %s', (ms, out) => expect(elapsed(ms)).toBe(out));
});

describe('attachedSummary', () => {
  it('reads the ADOverview keys as numbers, typed or as strings', () => {
    expect(
      attachedSummary({
        CoBrowseSessionsQuantity: 2,
        CoBrowseStartTime: '1764571555610',
        CoBrowseDuration: 360,
      }),
    ).toEqual({ sessions: 2, firstStartedAt: 1764571555610, activeSeconds: 360 });
    expect(attachedSummary({})).toEqual({ sessions: 0, firstStartedAt: null, activeSeconds: null });
  });
});
