// Pure parts of the controller: CA assembly, the per-session cookie jar, owner resolution.
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CookieJar } from '../net/cookie-jar';
import { caBundle } from '../net/http-client';
import { baseOf, resolveOwner } from './owner';
import { agentPageUrl, GetSessionResponse, SessionToken } from '../../../common/protocol';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('caBundle', () => {
  it('keeps the system roots and adds the extra CA', () => {
    const ca = caBundle(PEM);
    expect(ca).toHaveLength(tls.rootCertificates.length + 1);
    expect(ca?.at(-1)).toBe(PEM);
    expect(ca?.slice(0, -1)).toEqual([...tls.rootCertificates]);
  });
  it('no extra CA → Node defaults; a file without a certificate → a clear error', () => {
    expect(caBundle(undefined)).toBeUndefined();
    expect(caBundle('  \n')).toBeUndefined();
    expect(() => caBundle('hello')).toThrow(/no PEM certificate/);
  });
});

describe('CookieJar', () => {
  it('stores name=value of Set-Cookie, ignores attributes, overwrites by name', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeUndefined();
    jar.set('gcbSessionServer', 'node1');
    jar.store(['BAYEUX_BROWSER=abc; Path=/; HttpOnly', 'junk', 'gcbSessionServer=node2; Path=/']);
    expect(jar.header()).toBe('gcbSessionServer=node2; BAYEUX_BROWSER=abc');
    expect(jar.get('BAYEUX_BROWSER')).toBe('abc');
  });
});

describe('resolveOwner', () => {
  const info = {
    sessionToken: SessionToken.parse('123456789'),
    sessionServerName: 'node2',
    sessionServerUrl: 'https://n2.example:8443/cobrowse',
  };
  it('cookie mode: the service base plus the sticky cookie', () => {
    expect(resolveOwner(info, 'cookie', 'https://svc.example')).toEqual({
      sessionServerName: 'node2',
      sessionServerUrl: info.sessionServerUrl,
      baseUrl: 'https://svc.example',
      cookie: 'gcbSessionServer=node2',
    });
  });
  it('URL mode: the node URL as base, no cookie; without a node URL, a clear error', () => {
    expect(resolveOwner(info, 'url', 'https://svc.example')).toEqual({
      sessionServerName: 'node2',
      sessionServerUrl: info.sessionServerUrl,
      baseUrl: 'https://n2.example:8443',
    });
    expect(() =>
      resolveOwner(
        { sessionToken: SessionToken.parse('123456789'), sessionServerName: 'node2' },
        'url',
        'https://svc.example',
      ),
    ).toThrow(/serverUrl/);
  });
  it('sessionServerUrl absent or null is no node URL; with a path prefix the prefix is kept', () => {
    const bare = { sessionToken: '123456789', sessionServerName: 'node2' };
    const nulled = GetSessionResponse.parse({ ...bare, sessionServerUrl: null });
    expect(nulled).toEqual(bare);
    expect(() => resolveOwner(nulled, 'url', 'https://svc.example')).toThrow(/gave no sessionServerUrl/);
    const prefixed = GetSessionResponse.parse({
      ...bare,
      sessionServerUrl: 'https://lb.example/node2/cobrowse',
    });
    const owner = resolveOwner(prefixed, 'url', 'https://svc.example');
    expect(owner.baseUrl).toBe('https://lb.example/node2');
    expect(agentPageUrl(owner.baseUrl, SessionToken.parse('123456789'))).toBe(
      'https://lb.example/node2/cobrowse/slave.html#nosidinput=1&sid=123456789',
    );
  });
  it('baseOf drops trailing slashes and the /cobrowse prefix only', () => {
    expect(baseOf('https://h/cobrowse/')).toBe('https://h');
    expect(baseOf('https://h/proxy/')).toBe('https://h/proxy');
  });
});
