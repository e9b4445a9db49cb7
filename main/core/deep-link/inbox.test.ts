import { describe, expect, it } from 'vitest';
import { createDeepLinkInbox } from './inbox';
import type { DeepLink } from './parse';

describe('deep-link inbox', () => {
  it('queues links until the window is ready, then delivers them in order, then at once', () => {
    const got: DeepLink[] = [];
    const inbox = createDeepLinkInbox();
    inbox.push('cobrowse-agent://join?sid=111111111');
    inbox.push('cobrowse-agent://nope');
    expect(got).toEqual([]);
    inbox.ready((l) => got.push(l));
    expect(got).toEqual([
      { ok: true, action: 'join', sid: '111111111' },
      { ok: false, reason: 'unknown-action', name: 'nope' },
    ]);
    expect(() => inbox.ready(() => {})).toThrow('deep-link inbox: ready() was already called');
    inbox.push('cobrowse-agent://join?sid=222222222');
    expect(got.map((l) => (l.ok ? l.sid : l.reason))).toEqual(['111111111', 'unknown-action', '222222222']);
  });

  it('keeps only the latest links when flooded before the window exists', () => {
    const got: DeepLink[] = [];
    const inbox = createDeepLinkInbox();
    for (let i = 0; i < 15; i++) inbox.push(`cobrowse-agent://join?sid=${String(i).padStart(9, '0')}`);
    inbox.ready((l) => got.push(l));
    expect(got).toHaveLength(10);
    expect(got[0]).toEqual({ ok: true, action: 'join', sid: '000000005' });
    expect(got[9]).toEqual({ ok: true, action: 'join', sid: '000000014' });
  });
});
