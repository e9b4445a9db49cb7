// Bad input of every kind gets the spec's error (REST body or CometD reply) and the server stays up.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Message } from 'cometd';
import { createLogger } from '../common/logger';
import { channels, CometErrorReply, JoinReply, paths, RestErrorBody, Role } from '../common/protocol';
import { rest, stickyCookie } from './test-support/rest';
import { useSimulator } from './test-support/session-setup';

const logLines: string[] = [];
const fx = useSimulator({
  nodes: 1,
  logger: createLogger({ level: 'info', sink: (line) => logLines.push(line) }),
});

/** A raw POST to the CometD endpoint (what a broken client could send). */
function rawPost(body: string): Promise<number> {
  const url = new URL(`${fx.sim.url}${paths.cometd}`);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function stillServes() {
  expect((await fetch(`${fx.sim.url}${paths.health}`)).status).toBe(200);
  const { sessionToken, sessionServerName } = await fx.customerSession();
  await fx.member(sessionToken, sessionServerName, Role.agent);
}

describe('REST error bodies', () => {
  it('400 invalid-token, 404 session-not-found, 403 origin-not-allowed', async () => {
    const origin = fx.sim.url;
    const cases: [string, { origin?: string }, number, string][] = [
      ['/sessions/12345', { origin }, 400, 'invalid-token'],
      ['/sessions/12345678x', { origin }, 400, 'invalid-token'],
      ['/sessions/000000001', { origin }, 404, 'session-not-found'],
      ['/sessions/000000001', {}, 403, 'origin-not-allowed'],
      ['/sessions/000000001', { origin: 'https://evil.example' }, 403, 'origin-not-allowed'],
    ];
    for (const [path, init, status, error] of cases) {
      const answer = await rest(fx.sim.url, path, init);
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(RestErrorBody.parse(answer.body).error).toBe(error);
    }
  });

  it('a bad JSON body, an oversized body, a wrong method, an unknown call, an unknown user token', async () => {
    const cases: [string, Parameters<typeof rest>[2], number, string][] = [
      ['/sessions', { method: 'POST', body: '{not json' }, 400, 'invalid-request'],
      ['/sessions', { method: 'POST', body: '[1,2]' }, 400, 'invalid-request'],
      ['/sessions', { method: 'POST', body: `{"x":"${'a'.repeat(5000)}"}` }, 413, 'invalid-request'],
      ['/sessions', { method: 'GET' }, 405, 'invalid-request'],
      ['/nothing/here', {}, 404, 'invalid-request'],
      ['/users/not-a-real-token/session/stop', {}, 403, 'forbidden'],
    ];
    for (const [path, init, status, error] of cases) {
      const answer = await rest(fx.sim.url, path, init);
      expect({ path, status: answer.status }).toEqual({ path, status });
      expect(RestErrorBody.parse(answer.body)).toMatchObject({ error, message: expect.any(String) });
    }
    await stillServes();
  });

  it('get-session accepts an allowed Referer instead of an Origin', async () => {
    const { sessionToken } = await fx.customerSession();
    const res = await fetch(`${fx.sim.url}${paths.restBase}/sessions/${sessionToken}`, {
      headers: { Referer: `${fx.sim.url}/some/page.html` },
    });
    expect(res.status).toBe(200);
  });
});

describe('CometD bad input', () => {
  it('bad message data, wrong roles, wrong user tokens, server-only and unknown channels, oversized data', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const c = fx.client(stickyCookie(sessionServerName));
    await c.handshake();
    const cases: [string, unknown, string][] = [
      [channels.join, { sessionToken: 'abc', role: 2 }, 'invalid-request'],
      [channels.join, { sessionToken, role: 7 }, 'invalid-request'],
      [channels.join, 'just a string', 'invalid-request'],
      [channels.join, { sessionToken, role: Role.customer }, 'forbidden'], // the customer is already there
      [channels.join, { sessionToken: '999999999', role: 2 }, 'session-not-found'],
      [channels.exit, { userToken: 'nobody' }, 'forbidden'],
      [channels.stop, {}, 'invalid-request'],
      [channels.create, { unexpected: true }, 'invalid-request'],
      [channels.activated, { activationTime: 1 }, 'invalid-request'],
      ['/service/session/teleport', {}, 'invalid-request'],
    ];
    for (const [channel, data, error] of cases) {
      const reply = CometErrorReply.parse(await c.request(channel, data));
      expect({ channel, data, error: reply.error }).toEqual({ channel, data, error });
      expect(reply.message.length).toBeGreaterThan(0);
    }
    // Valid but for its size (unknown fields are otherwise ignored): refused for the size alone.
    const padded = { sessionToken, role: Role.agent, padding: 'x'.repeat(5000) };
    expect(await c.request(channels.join, padded)).toMatchObject({
      error: 'invalid-request',
      message: expect.stringContaining('exceeds'),
    });
  });

  it('a publish to a broadcast channel is denied, with an error reply on that channel', async () => {
    const c = fx.client();
    await c.handshake();
    const ack = new Promise<Message>((resolve) => c.cometd.publish('/chat/room', { hi: 1 }, resolve));
    expect((await ack).successful).toBe(false);
    expect(CometErrorReply.parse(await c.next('/chat/room')).error).toBe('invalid-request');
  });

  it('malformed and oversized Bayeux requests get 400/413 and the server stays up', async () => {
    expect(await rawPost('{not json')).toBe(400);
    expect(await rawPost('[]')).toBe(400);
    expect(await rawPost('[{"channel": 42}]')).toBe(400);
    expect(await rawPost('[{"channel": "/service/**"}]')).toBe(400);
    expect(await rawPost(JSON.stringify([{ channel: '/meta/handshake', ext: 'x'.repeat(70_000) }]))).toBe(
      413,
    );
    await stillServes();
  });
});

describe('a strict origin list', () => {
  const strict = useSimulator({ nodes: 1, allowedOrigins: ['https://agent.example', 'http://localhost:*'] });
  it('refuses the balancer origin and loopback, accepts the listed ones', async () => {
    const { sessionToken } = await strict.customerSession();
    const at = (origin: string) => rest(strict.sim.url, `/sessions/${sessionToken}`, { origin });
    expect((await at(strict.sim.url)).status).toBe(403);
    expect((await at('https://agent.example')).status).toBe(200);
    expect((await at('http://localhost:4000')).status).toBe(200);
    expect((await at('http://localhost.evil:4000')).status).toBe(403);
    expect((await at('https://agent.example.evil')).status).toBe(403);
  });
});

describe('log lines', () => {
  it('every refusal is logged, with session and user tokens masked', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const c = fx.client(stickyCookie(sessionServerName));
    await c.handshake();
    const { userToken } = JoinReply.parse(await c.request(channels.join, { sessionToken, role: Role.agent }));
    logLines.length = 0;
    await c.request('/service/session/teleport', {});
    await c.request(channels.stop, { userToken });
    await rest(fx.sim.url, `/users/${userToken}/session/stop`);
    expect(logLines.filter((l) => l.includes('WARN'))).toEqual([
      expect.stringContaining('unknown channel /service/session/teleport'),
      expect.stringMatching(/"error":"forbidden".*only the controller/),
      expect.stringMatching(/REST request refused.*"status":403/),
    ]);
    const all = logLines.join('\n');
    expect(all).not.toContain(sessionToken);
    expect(all).not.toContain(userToken);
  });
});
