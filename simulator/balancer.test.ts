// The balancer's edges: no stickiness really breaks CometD, upgrades follow the cookie, mounted routes come
// first, pages and vendor modules are served (and nothing outside them), server URLs can be switched off.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Message } from 'cometd';
import { quietLogger } from '../common/logger';
import { CreateSessionResponse, GetSessionResponse, paths } from '../common/protocol';
import { startSimulator } from './index';
import { rest } from './test-support/rest';
import { useSimulator } from './test-support/session-setup';

const fx = useSimulator({ nodes: 2 });

function upgrade(cookie: string): Promise<number> {
  const url = new URL(fx.sim.url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: paths.cometd,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        Cookie: cookie,
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('balancer', () => {
  it('without the stickiness cookie, round-robin breaks the CometD session (402 on the other node)', async () => {
    const lost = fx.client();
    const unknown = new Promise<Message>((resolve) =>
      lost.cometd.addListener('/meta/connect', (m: Message) => {
        if (!m.successful) resolve(m);
      }),
    );
    await lost.handshake();
    expect((await unknown).error).toMatch(/^402::/);
  });

  it('routes a WebSocket upgrade by the cookie to that node, which accepts it on its CometD endpoint', async () => {
    fx.sim.balancer.clearLog();
    expect(await upgrade('gcbSessionServer=node2')).toBe(101);
    expect(await upgrade('gcbSessionServer=node1')).toBe(101);
    expect(fx.sim.balancer.log.map((e) => [e.routedTo, e.status])).toEqual([
      ['node2', 101],
      ['node1', 101],
    ]);
  });

  it('serves the pages and the vendored cometd module, and nothing outside them', async () => {
    const get = (path: string) => fetch(`${fx.sim.url}${path}`);
    for (const [path, type] of [
      ['/cobrowse/slave.html', 'text/html'],
      ['/cobrowse/demo/', 'text/html'],
      ['/cobrowse/js/cobrowse-session.js', 'text/javascript'],
      ['/cobrowse/vendor/cometd/cometd.js', 'text/javascript'],
    ] as const) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers.get('content-type')).toContain(type);
    }
    expect((await get('/cobrowse/demo')).url).toBe(`${fx.sim.url}/cobrowse/demo/`);
    for (const path of [
      // encoded traversal survives URL parsing; package.json would be an allowed type if it escaped
      '/cobrowse/..%2f..%2fpackage.json',
      '/cobrowse/vendor/cometd/..%2f..%2f..%2fpackage.json',
      '/cobrowse/vendor/cometd/..%2fcometd-nodejs-server%2fpackage.json',
      '/cobrowse/vendor/nothing/x.js',
      '/cobrowse/vendor/cometd/README.md',
    ])
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 404 });
  });
});

describe('options', () => {
  it('mounted routes answer first; serverUrls:false leaves sessionServerUrl out', async () => {
    const sim = await startSimulator({
      port: 0,
      nodes: 1,
      serverUrls: false,
      logger: quietLogger(),
      routes: [(req, res) => (req.url?.startsWith('/sim/') ? (res.end('interactions here'), true) : false)],
    });
    try {
      expect(await (await fetch(`${sim.url}/sim/ping`)).text()).toBe('interactions here');
      const created = CreateSessionResponse.parse(
        (await rest(sim.url, '/sessions', { method: 'POST' })).body,
      );
      const got = await rest(sim.url, `/sessions/${created.sessionToken}`, { origin: sim.url });
      expect(GetSessionResponse.parse(got.body)).toEqual({
        sessionToken: created.sessionToken,
        sessionServerName: 'node1',
      });
      expect(sim.balancer.log.some((e) => e.path.startsWith('/sim/'))).toBe(false);
    } finally {
      await sim.stop();
    }
  });
});
