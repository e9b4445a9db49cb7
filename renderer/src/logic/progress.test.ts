import { describe, expect, it } from 'vitest';
import type { AppState, CobrowseSessionView, JoinPhase } from '../../../common/contract';
import { appState, interactionView, sessionView } from '../../../common/test-support/views';
import { createIntl } from 'react-intl';
import { phrase } from '../i18n/codes';
import { attachHint, liveSession } from './join-target';
import { canEnd, currentSession, phaseWords, stepMarks } from './progress';

// English as the sidebar says it: the source's default messages.
const intl = createIntl({ locale: 'en', messages: {}, onError: () => undefined });
const said = (p: Parameters<typeof phrase>[1]) => phrase(intl, p);

const session = (id: string, phase: JoinPhase, extra: Partial<CobrowseSessionView> = {}) =>
  sessionView({ id, phase, ...extra });

describe('phaseWords', () => {
  it.each([
    ['connecting', 'Connecting to the co-browse server for session 123 456 789…'],
    ['joined', 'Joined; waiting for the customer…'],
    ['active', 'Co-browsing with the customer.'],
    ['ending', 'Ending co-browse…'],
  ] as const)('%s reads "%s"', (phase, words) => {
    expect(said(phaseWords(session('a', phase)))).toBe(words);
  });

  it('says why a session ended, and which one failed', () => {
    expect(said(phaseWords(session('a', 'ended', { endReason: 'agent-stop' })))).toBe(
      'Co-browse ended. The agent stopped co-browse.',
    );
    expect(said(phaseWords(session('a', 'failed')))).toBe('Could not join session 123 456 789.');
  });

  it('invites a join when there is no session', () => {
    expect(said(phaseWords(null))).toContain('Enter a session ID');
  });
});

describe('currentSession', () => {
  it('prefers the latest session still under way over a newer one that ended', () => {
    const live = session('live', 'active');
    expect(currentSession({ sessions: [session('old', 'ended'), live, session('new', 'failed')] })).toBe(
      live,
    );
  });
  it('is the session the agent page shows, whatever else is live (a raised session limit)', () => {
    const shown = session('shown', 'active');
    const agentView = { sessionId: 'shown', url: 'u', cookie: null, poppedOut: false };
    expect(currentSession({ sessions: [shown, session('newer', 'joined')], agentView })).toBe(shown);
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

// ---- join-target.ts: what a join attaches to, and the live session in its way ----
const app = (over: Partial<AppState>) => appState({ interactions: [interactionView()], ...over });

describe('attachHint', () => {
  it('names the selected interaction, or says none', () => {
    const hint = (a: AppState) => attachHint(a).map(said).join(' ');
    expect(hint(app({ selectedInteractionId: 'c1' }))).toBe('Attaches to Ann (chat).');
    expect(hint(app({}))).toBe('Not attached to any interaction.');
  });
  it('names the live session a join would have to end', () => {
    const hint = attachHint(app({ sessions: [session('s', 'active', { interactionId: 'c1' })] }));
    expect(hint.map(said).join(' ')).toBe(
      'Not attached to any interaction. You are in session 123 456 789 with Ann (chat): Join will offer to end it.',
    );
  });
});

describe('liveSession', () => {
  it('ignores settled sessions; the hint says since when, or that it is attached to nothing', () => {
    expect(liveSession(app({ sessions: [session('s', 'ended', { interactionId: 'c1' })] }))).toBeNull();
    const at = new Date(2026, 0, 1, 10, 2).getTime();
    const live = (s: CobrowseSessionView) => said(attachHint(app({ sessions: [s] }))[1]!);
    expect(live(session('s', 'joined', { interactionId: 'c1', joinedAt: at }))).toBe(
      'You are in session 123 456 789 with Ann (chat), since 10:02 AM: Join will offer to end it.',
    );
    expect(live(session('s', 'joined'))).toBe(
      'You are in session 123 456 789, not attached to any interaction: Join will offer to end it.',
    );
  });
});
