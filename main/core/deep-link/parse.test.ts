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

describe('parseDeepLink refuses everything else with a specific message', () => {
  it.each([
    ['https://join?sid=123456789', 'The link does not start with cobrowse-agent://.'],
    ['cobrowse-agent:join?sid=123456789', 'The link does not start with cobrowse-agent://.'],
    ['cobrowse-agentx://join?sid=123456789', 'The link does not start with cobrowse-agent://.'],
    ['cobrowse-agent://[bad?sid=123456789', 'The link is not a valid URL.'],
    ['cobrowse-agent://user@join?sid=123456789', 'The link must not carry a user, password or port.'],
    ['cobrowse-agent://join:8080?sid=123456789', 'The link must not carry a user, password or port.'],
    ['cobrowse-agent://leave?sid=123456789', 'Unknown link action "leave": only "join" is supported.'],
    ['cobrowse-agent://join/extra?sid=123456789', 'The link has an unexpected path after "join".'],
    ['cobrowse-agent://join?sid=123456789#x', 'The link must not carry a #fragment.'],
    [
      'cobrowse-agent://join?sid=123456789&debug=1',
      'The link has an unexpected parameter "debug": only "sid" is allowed.',
    ],
    [
      'cobrowse-agent://join?SID=123456789',
      'The link has an unexpected parameter "SID": only "sid" is allowed.',
    ],
    ['cobrowse-agent://join?sid=123456789&', 'The link has an empty parameter (a stray "&").'],
    ['cobrowse-agent://join', 'The link has no sid (the 9-digit session token).'],
    ['cobrowse-agent://join?', 'The link has no sid (the 9-digit session token).'],
    ['cobrowse-agent://join?sid=123456789&sid=987654321', 'The link has more than one sid.'],
    ['cobrowse-agent://join?sid=12345678', 'The sid in the link must be exactly 9 digits.'],
    ['cobrowse-agent://join?sid=1234567890', 'The sid in the link must be exactly 9 digits.'],
    [
      'cobrowse-agent://join?sid=%31%32%33%34%35%36%37%38%39',
      'The sid in the link must be exactly 9 digits.',
    ],
    ['cobrowse-agent://join?sid=12345678a', 'The sid in the link must be exactly 9 digits.'],
    ['cobrowse-agent://join?sid=', 'The sid in the link must be exactly 9 digits.'],
    ['cobrowse-agent://join?sid', 'The sid in the link must be exactly 9 digits.'],
    [`cobrowse-agent://join?sid=123456789${'&'.repeat(200)}`, 'The link is longer than 200 characters.'],
  ])('%s', (link, reason) => {
    expect(parseDeepLink(link)).toEqual({ ok: false, reason });
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
