// The web edition's agent proxy under attack by the agent page itself (its script knows the route key and
// runs on the proxy's origin). A canary server stands for "any other host" (the sidebar included): it must
// receive nothing. The upstream records every request, so what the proxy forwarded is seen, not assumed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork } from '../../main/core/net/network';
import { quietLogger } from '../../common/logger';
import { startAgentProxy, type AgentProxy } from '../../main/web/agent-proxy';
import { RefusedPath, upstreamTarget } from '../../main/web/proxy-rules';
import { asRequestPath, raw, rawUpgrade, seeded, startRecorder, type Recorder } from './test-support/probes';

let canary: Recorder;
let owner: Recorder;
let proxy: AgentProxy;
let prefix: string; // `/a/<key>`

const SET_COOKIES = [
  'BAYEUX_BROWSER=b1; Path=/cobrowse; HttpOnly',
  'twice=1; Path=/cobrowse; Path=/elsewhere',
  'wide=1; Domain=127.0.0.1; Path=/',
  'lower=1; path=/cobrowse; domain=localhost; HttpOnly',
  'pathless=1',
  'relative=1; Path=cobrowse',
];

beforeAll(async () => {
  canary = await startRecorder();
  owner = await startRecorder((url, res) => {
    if (!url.endsWith('/cobrowse/set-cookies')) return false;
    res.writeHead(200, { 'Set-Cookie': SET_COOKIES }).end('set');
    return true;
  });
  proxy = await startAgentProxy(quietLogger(), () =>
    createNetwork({ proxy: 'direct', extraCaFile: '', allowPlainHttp: false }),
  );
  const page = proxy.expose({
    sessionId: 's1',
    url: `${owner.url}/cobrowse/slave.html#nosidinput=1&sid=123456789`,
    cookie: 'gcbSessionServer=node1',
    poppedOut: false,
  });
  prefix = new URL(page).pathname.replace(/\/cobrowse\/slave\.html$/, '');
});
afterEach(() => {
  owner.heard.length = 0;
});
afterAll(async () => {
  await proxy?.close();
  await owner?.close();
  await canary?.close();
});

describe('hostile: the agent proxy is no open proxy', () => {
  const escapes = () => {
    const c = `127.0.0.1:${canary.port}`;
    return [
      `//${c}/steal`,
      `/\\${c}/steal`,
      `/\\\\${c}/steal`,
      `//user@${c}/steal`,
      `//user:pw@${c}/steal`,
      `/\\/${c}/steal`,
      `/%2F${c}/steal`,
      `/%2f%2f${c}/steal`,
      `/%5C${c}/steal`,
      `/cobrowse/../../steal`,
      `/cobrowse/%2e%2e/%2E%2E/steal`,
      `/cobrowse/.%2e/steal`,
      `/./cobrowse/slave.html`,
      `/cobrowse/..`,
      `/cobrowse/%00`,
    ];
  };

  it('refuses every escape from the owner origin with 400, before any request leaves', async () => {
    for (const tail of escapes()) {
      const answer = await raw(proxy.origin, `${prefix}${tail}`);
      expect({ tail, status: answer.status }).toEqual({ tail, status: 400 });
      expect(answer.body).toMatch(/not a path of the agent page/);
    }
    expect(owner.heard).toEqual([]);
    expect(canary.connections).toBe(0);
  });

  it('refuses a WebSocket upgrade to an escape; the canary hears nothing', async () => {
    for (const tail of escapes()) {
      const status = await rawUpgrade(proxy.origin, `${prefix}${tail}`);
      expect({ tail, status }).toEqual({ tail, status: 400 });
    }
    expect(owner.heard).toEqual([]);
    expect(canary.connections).toBe(0);
  });

  it('still forwards the page, its query and an upgrade to the owner', async () => {
    const page = await raw(proxy.origin, `${prefix}/cobrowse/slave.html?x=1`);
    expect(page.status).toBe(200);
    expect(owner.heard.map((h) => h.url)).toEqual(['/cobrowse/slave.html?x=1']);
    expect(await rawUpgrade(proxy.origin, `${prefix}/cobrowse/cometd`)).toBe(400); // the owner's own refusal
    expect(owner.heard.at(-1)).toMatchObject({ url: '/cobrowse/cometd', upgrade: true });
    expect(canary.connections).toBe(0);
  });
});

describe('hostile: the agent proxy under DNS rebinding', () => {
  it('a request or upgrade that names another host (a rebound name, localhost) reaches nothing: 421', async () => {
    const port = new URL(proxy.origin).port;
    for (const host of [
      `evil.example:${port}`,
      `localhost:${port}`,
      '127.0.0.1',
      `127.0.0.1:${Number(port) + 1}`,
    ]) {
      const page = await raw(proxy.origin, `${prefix}/cobrowse/slave.html`, { headers: { host } });
      const upgrade = await rawUpgrade(proxy.origin, `${prefix}/cobrowse/cometd`, { host });
      expect({ host, page: page.status, upgrade }).toEqual({ host, page: 421, upgrade: 421 });
    }
    expect(owner.heard).toEqual([]);
  });
});

describe('hostile: no credential goes upstream', () => {
  const cookieSent = () => owner.heard.map((h) => h.headers.cookie ?? '');

  it("never forwards another loopback app's cookies (the browser sends it every 127.0.0.1 cookie)", async () => {
    await raw(proxy.origin, `${prefix}/cobrowse/slave.html`, {
      headers: { cookie: 'other_app_session=SECRET; other_app=1; gcbSessionServer=node9' },
    });
    await raw(proxy.origin, `${prefix}/cobrowse/slave.html`, {
      headers: { cookie: '__Host-other_app_session=SECRET' },
    });
    expect(cookieSent()).toEqual(['gcbSessionServer=node1', 'gcbSessionServer=node1']);
  });

  it("forwards the node's own cookies back, and only those", async () => {
    await raw(proxy.origin, `${prefix}/cobrowse/set-cookies`);
    await raw(proxy.origin, `${prefix}/cobrowse/cometd`, {
      method: 'POST',
      headers: { cookie: 'BAYEUX_BROWSER=b1; other_app_session=SECRET; pathless=1' },
      body: '[]',
    });
    expect(cookieSent().at(-1)).toBe('BAYEUX_BROWSER=b1; pathless=1; gcbSessionServer=node1');
  });

  it('keeps every upstream cookie inside the route prefix: every Path rewritten, Domain dropped', async () => {
    const answer = await raw(proxy.origin, `${prefix}/cobrowse/set-cookies`);
    const cookies = answer.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(SET_COOKIES.length);
    for (const c of cookies) {
      expect(c).not.toMatch(/domain=/i);
      const pathsOf = [...c.matchAll(/;\s*path=([^;]*)/gi)].map((m) => m[1]);
      expect({ c, pathsOf }).toEqual({ c, pathsOf: [expect.stringMatching(new RegExp(`^${prefix}/`))] });
    }
    expect(cookies[0]).toBe(`BAYEUX_BROWSER=b1; HttpOnly; Path=${prefix}/cobrowse`);
  });
});

describe('hostile: proxy fuzz (seed 13)', () => {
  // Pieces an escape is made of, so random tails hit the interesting cases often.
  const pieces = (c: string) => [
    '/',
    '//',
    '\\',
    '/\\',
    '%2F',
    '%5c',
    '@',
    ':',
    '.',
    '..',
    '%2e',
    c,
    'cobrowse',
    '?',
    '#',
    'x',
  ];

  it('20,000 random tails: refused, or a URL on the owner origin', () => {
    const r = seeded(13);
    const c = `127.0.0.1:${canary.port}`;
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      const tail = `/${Array.from({ length: 1 + r.int(6) }, () => (r.int(4) === 0 ? r.text(3) : r.pick(pieces(c)))).join('')}`;
      try {
        expect(upstreamTarget(tail, owner.url).origin).toBe(owner.url);
      } catch (err) {
        if (!(err instanceof RefusedPath)) throw new Error(`${JSON.stringify(tail)}: ${String(err)}`);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000); // the fuzz does reach the refusals
  });

  it('1,000 random requests and upgrades through the proxy: the canary hears nothing', async () => {
    const r = seeded(13);
    const c = `127.0.0.1:${canary.port}`;
    for (let i = 0; i < 1000; i++) {
      const tail = asRequestPath(
        `/${Array.from({ length: 1 + r.int(6) }, () => r.pick(pieces(c))).join('')}`,
      );
      const status =
        r.int(5) === 0
          ? await rawUpgrade(proxy.origin, `${prefix}${tail}`)
          : (await raw(proxy.origin, `${prefix}${tail}`)).status;
      expect({ tail, status: status === 0 || status >= 500 ? status : 'ok' }).toEqual({ tail, status: 'ok' });
    }
    expect(canary.connections).toBe(0);
  }, 30_000);
});
