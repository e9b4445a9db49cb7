import { describe, expect, it } from 'vitest';
import { bypassed, describeRoute, environmentRoute, readProxySetting, routeFromPac } from './proxy-rules';

const u = (s: string) => new URL(s);

describe('proxy rules', () => {
  it('the proxy setting: system, direct, a proxy (no path) or a PAC script (a path)', () => {
    expect(readProxySetting('system')).toEqual({ kind: 'system' });
    expect(readProxySetting('direct')).toEqual({ kind: 'direct' });
    expect(readProxySetting('http://proxy.corp:3128')).toMatchObject({ kind: 'fixed' });
    expect(readProxySetting('http://wpad.corp/wpad.dat')).toMatchObject({ kind: 'pac' });
  });

  it('HTTPS_PROXY for https and wss, HTTP_PROXY for http, either case; a bare host:port is http', () => {
    const env = { https_proxy: 'secure.corp:8443', HTTP_PROXY: 'http://plain.corp:3128' };
    expect(environmentRoute(u('wss://svc.example/cometd'), env)).toMatchObject({
      kind: 'proxy',
      proxy: u('http://secure.corp:8443'),
    });
    expect(environmentRoute(u('http://svc.example/'), env)).toMatchObject({
      proxy: u('http://plain.corp:3128'),
    });
    expect(environmentRoute(u('https://svc.example/'), {})).toEqual({
      kind: 'direct',
      origin: 'environment',
    });
  });

  it('NO_PROXY as curl reads it: *, domains with or without the dot, host:port', () => {
    const t = u('https://cobrowse.corp.example:8443/');
    expect(bypassed(t, '*')).toBe(true);
    expect(bypassed(t, 'corp.example')).toBe(true);
    expect(bypassed(t, 'other.example, .corp.example')).toBe(true);
    expect(bypassed(t, 'cobrowse.corp.example:443')).toBe(false);
    expect(bypassed(t, 'cobrowse.corp.example:8443')).toBe(true);
    expect(bypassed(t, 'rp.example')).toBe(false);
  });

  it('a PAC answer: the first usable entry (SOCKS skipped)', () => {
    expect(routeFromPac('SOCKS5 s:1080; PROXY p.corp:3128; DIRECT', 'pac')).toMatchObject({
      kind: 'proxy',
      proxy: u('http://p.corp:3128'),
    });
    expect(routeFromPac('HTTPS p.corp:443', 'system')).toMatchObject({ proxy: u('https://p.corp:443') });
    expect(routeFromPac('DIRECT', 'system')).toEqual({ kind: 'direct', origin: 'system' });
  });

  it('diagnostics never show the password, and only the first letter of the user', () => {
    const route = environmentRoute(u('https://svc/'), { HTTPS_PROXY: 'http://jdoe:Secr3t@p.corp:3128' });
    expect(describeRoute(route)).toBe('http://j***:***@p.corp:3128 (environment)');
  });
});
