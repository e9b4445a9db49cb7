import { describe, expect, it } from 'vitest';
import { deepLinkInArgv, parseDeepLink } from './parse';

describe('parseDeepLink accepts exactly one shape', () => {
  it.each([
    ['cobrowse-agent://join?sid=123456789', '123456789'],
    ['COBROWSE-AGENT://JOIN?sid=000000001', '000000001'],
    ['cobrowse-agent://join/?sid=987654321', '987654321'],
  ])('%s', (link, sid) => {
    expect(parseDeepLink(link)).toEqual({ ok: true, action: 'join', sid });
  });
});

describe('parseDeepLink refuses everything else with a specific reason', () => {
  it.each([
    ['https://join?sid=123456789', ['wrong-scheme']],
    ['cobrowse-agent:join?sid=123456789', ['wrong-scheme']],
    ['cobrowse-agentx://join?sid=123456789', ['wrong-scheme']],
    ['cobrowse-agent://[bad?sid=123456789', ['not-a-url']],
    ['cobrowse-agent://user@join?sid=123456789', ['credentials-or-port']],
    ['cobrowse-agent://join:8080?sid=123456789', ['credentials-or-port']],
    ['cobrowse-agent://leave?sid=123456789', ['unknown-action', 'leave']],
    ['cobrowse-agent://join/extra?sid=123456789', ['unexpected-path']],
    ['cobrowse-agent://join?sid=123456789#x', ['fragment']],
    ['cobrowse-agent://join?sid=123456789&debug=1', ['unexpected-parameter', 'debug']],
    ['cobrowse-agent://join?SID=123456789', ['unexpected-parameter', 'SID']],
    ['cobrowse-agent://join?sid=123456789&', ['empty-parameter']],
    ['cobrowse-agent://join', ['no-sid']],
    ['cobrowse-agent://join?', ['no-sid']],
    ['cobrowse-agent://join?sid=123456789&sid=987654321', ['several-sids']],
    ['cobrowse-agent://join?sid=12345678', ['sid-not-9-digits']],
    ['cobrowse-agent://join?sid=1234567890', ['sid-not-9-digits']],
    ['cobrowse-agent://join?sid=%31%32%33%34%35%36%37%38%39', ['sid-not-9-digits']],
    ['cobrowse-agent://join?sid=12345678a', ['sid-not-9-digits']],
    ['cobrowse-agent://join?sid=', ['sid-not-9-digits']],
    ['cobrowse-agent://join?sid', ['sid-not-9-digits']],
    [`cobrowse-agent://join?sid=123456789${'&'.repeat(200)}`, ['too-long']],
  ] as [string, [string, string?]][])('%s', (link, [reason, name]) => {
    expect(parseDeepLink(link)).toEqual({ ok: false, reason, name: name ?? null });
  });

  it('never echoes the token in a refusal', () => {
    const r = parseDeepLink('cobrowse-agent://join?sid=123456789&x=1');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('123456789');
  });
});

describe('deepLinkInArgv', () => {
  it('finds the link among Electron and Chromium arguments', () => {
    expect(deepLinkInArgv(['C:\\app.exe', '--flag', 'cobrowse-agent://join?sid=123456789'])).toBe(
      'cobrowse-agent://join?sid=123456789',
    );
    expect(deepLinkInArgv(['/usr/bin/app', '--debug'])).toBeNull();
  });
});
