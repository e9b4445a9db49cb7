import { describe, expect, it } from 'vitest';
import type { AppState, CobrowseSessionView, InteractionView } from '../../../common/contract';
import { attachHint, describeSession, liveSession } from './join-target';

const session = (phase: CobrowseSessionView['phase'], extra: Partial<CobrowseSessionView> = {}) =>
  ({
    id: 's',
    token: '123456789',
    interactionId: 'c1',
    sessionHistoryId: null,
    phase,
    joinedAt: null,
    activatedAt: null,
    endedAt: null,
    endReason: null,
    error: null,
    ...extra,
  }) satisfies CobrowseSessionView;
const ann = { id: 'c1', customerName: 'Ann', media: 'chat' } as InteractionView;
const app = (over: Partial<AppState>) =>
  ({ interactions: [ann], selectedInteractionId: null, sessions: [], ...over }) as AppState;

describe('attachHint', () => {
  it('names the selected interaction, or says none', () => {
    expect(attachHint(app({ selectedInteractionId: 'c1' }))).toBe('Attaches to Ann (chat).');
    expect(attachHint(app({}))).toBe('Not attached to any interaction.');
  });
  it('names the live session a join would have to end', () => {
    const hint = attachHint(app({ sessions: [session('active')] }));
    expect(hint).toBe(
      'Not attached to any interaction. You are in session 123 456 789 with Ann (chat): Join will offer to end it.',
    );
  });
});

describe('liveSession and describeSession', () => {
  it('ignores settled sessions and says since when', () => {
    expect(liveSession(app({ sessions: [session('ended')] }))).toBeNull();
    const at = new Date(2026, 0, 1, 10, 2).getTime();
    expect(describeSession(app({}), session('joined', { joinedAt: at }))).toBe(
      'session 123 456 789 with Ann (chat), since 10:02',
    );
    expect(describeSession(app({}), session('joined', { interactionId: null }))).toBe(
      'session 123 456 789, not attached to any interaction',
    );
  });
});
