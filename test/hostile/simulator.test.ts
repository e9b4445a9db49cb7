// The Co-browse simulator under hostile clients: every malformed input is a 4xx (never a 500 that a client
// would retry or a log that blames the server), a method that does not apply is a 405 with Allow, and fuzzed
// requests (fixed seed) against REST, CometD, health and the pages never get a 5xx from a live node.
import { afterAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../common/logger';
import { paths } from '../../common/protocol';
import { InteractionServerSim, interactionRoutes } from '../../simulator/interactions';
import { WorkspaceSim, workspaceRoutes } from '../../simulator/workspace';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { asHeaderValue, asRequestPath, fuzzBody, raw, seeded } from './hostile-support';

// The demo's extra routes too: the chat box's interaction server and the Workspace API simulator.
const workspace = new WorkspaceSim({ log: quietLogger() });
const fx = useSimulator({
  nodes: 2,
  routes: [interactionRoutes(new InteractionServerSim({ log: quietLogger() })), workspaceRoutes(workspace)],
});
afterAll(() => workspace.close());

describe('hostile: simulator malformed input', () => {
  it('a malformed percent-escape in a user token or session token is a 400, not a 500', async () => {
    const origin = fx.sim.url;
    for (const path of [
      `${paths.restBase}/users/%E0%A4%A/session/stop`,
      `${paths.restBase}/users/%/session/stop`,
      `${paths.restBase}/sessions/%zz`,
      `${paths.restBase}/sessions/12345678%`,
    ]) {
      const answer = await raw(fx.sim.url, path, { headers: { origin } });
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(JSON.parse(answer.body)).toMatchObject({
        error: 'invalid-request',
        message: expect.any(String),
      });
    }
  });

  it('405 with Allow where a method does not apply: health, pages', async () => {
    for (const [method, path, allow] of [
      ['POST', paths.health, 'GET, HEAD'],
      ['DELETE', paths.health, 'GET, HEAD'],
      ['PUT', '/cobrowse/slave.html', 'GET, HEAD'],
      ['POST', '/cobrowse/demo/', 'GET, HEAD'],
    ] as const) {
      const answer = await raw(fx.sim.url, path, { method });
      expect({ method, path, status: answer.status, allow: answer.headers.allow }).toEqual({
        method,
        path,
        status: 405,
        allow,
      });
    }
    expect((await raw(fx.sim.url, paths.health, { method: 'HEAD' })).status).toBe(200);
  });
});

describe('hostile: simulator fuzz (seed 13)', () => {
  it('2,000 fuzzed requests: no 5xx from a live node', async () => {
    const r = seeded(13);
    const bases = [
      `${paths.restBase}/sessions`,
      `${paths.restBase}/sessions/`,
      `${paths.restBase}/users/`,
      paths.cometd,
      `${paths.cometd}/handshake`,
      paths.health,
      '/cobrowse/',
      '/cobrowse/vendor/',
      '/',
      '//',
      '/sim/interactions/chats/',
      '/sim/workspace/chats/',
      '/sim/workspace/calls/',
      '/auth/v3/oauth/',
      '/workspace/v3/',
    ];
    const bayeux = () =>
      r.pick([
        () => [
          {
            channel: r.pick(['/meta/handshake', '/meta/connect', '/service/join', r.text(10)]),
            id: r.text(3),
          },
        ],
        () => [{ channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: [r.text(8)] }],
        () => ({
          channel: '/service/join',
          clientId: r.text(10),
          data: { sessionToken: r.text(9), role: r.int(9) },
        }),
        () => Array.from({ length: r.int(50) }, () => ({ channel: r.text(6) })),
        () => r.text(80),
      ])();
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH']);
      const path = asRequestPath(`${r.pick(bases)}${r.int(3) === 0 ? '' : r.text(24)}`);
      const headers: Record<string, string> = {
        'content-type': asHeaderValue(r.pick(['application/json', 'text/plain', r.text(12)])),
      };
      if (r.int(2) === 0)
        headers.origin = asHeaderValue(r.pick([fx.sim.url, 'null', 'http://evil.example', r.text(15)]));
      if (r.int(3) === 0)
        headers.cookie = asHeaderValue(
          `gcbSessionServer=${r.pick(['node1', 'node2', r.text(6)])}; BAYEUX_BROWSER=${r.text(8)}`,
        );
      if (r.int(4) === 0) headers.referer = asHeaderValue(r.text(20));
      const body = fuzzBody(r, method, 4, bayeux);
      const answer = await raw(fx.sim.url, path, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
      });
      // 503 only when the cookie names a node that does not exist (the balancer says so); never a node's 5xx.
      const fromBalancer = answer.status === 503 && answer.body.includes('node-unavailable');
      if (answer.status >= 500 && !fromBalancer)
        failures.push(`${method} ${path} → ${answer.status} ${answer.body.slice(0, 80)}`);
      if (answer.status === 0) failures.push(`${method} ${path} → connection dropped`);
    }
    expect(failures).toEqual([]);
    expect((await raw(fx.sim.url, paths.health)).status).toBe(200);
  }, 60_000);
});
