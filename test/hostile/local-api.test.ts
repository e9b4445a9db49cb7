// The local integration API under a hostile local process: refusals logged at a rate (any process on the
// machine can knock), per-connection rate limits on HTTP and on the WebSocket, memory flat under floods,
// and fuzzed requests (fixed seed) that only ever get documented 4xx answers.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../common/logger';
import { ErrorBody } from '../../common/local-api-wire';
import { createLocalApiSource, type LocalApiSource } from '../../main/core/sources/local-api/server';
import { until } from '../../main/core/test-support/until';
import { asHeaderValue, asRequestPath, fuzzBody, peakMemoryDuring, raw, seeded } from './hostile-support';

const logLines: string[] = [];
let dir: string;
let api: LocalApiSource;
let token: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-local-api-'));
  api = createLocalApiSource({
    port: 0,
    tokenFile: join(dir, 'local-api-token'),
    log: createLogger({ level: 'info', sink: (line) => logLines.push(line) }),
    getState: () => ({ interactions: [] }),
  });
  await api.start(
    () => undefined,
    () => undefined,
  );
  token = (await readFile(join(dir, 'local-api-token'), 'utf8')).trim();
});
afterAll(async () => {
  await api?.stop();
  await rm(dir, { recursive: true, force: true });
});
const auth = () => ({ authorization: `Bearer ${token}` });
const mb = (n: number) => Math.round(n / 1024 / 1024);

describe('hostile: local API floods', () => {
  it('1,000 refused requests write a few log lines, not one each', async () => {
    logLines.length = 0;
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        fetchStatus(`${api.url}/v1/state`, { authorization: `Bearer wrong-${i}` }, agent),
      ),
    );
    agent.destroy();
    const refusals = logLines.filter((l) => /refused/.test(l));
    expect(refusals.length).toBeLessThanOrEqual(3);
    expect(refusals.join('\n')).not.toContain('wrong-'); // nor a token attempt
  });

  it('one connection over the rate gets 429 with Retry-After, and is served again within it', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 300; i++) {
      const answer = await fetchStatus(`${api.url}/v1/state`, auth(), agent);
      statuses.push(answer.status);
      if (answer.status === 429) {
        retryAfter ??= String(answer.headers['retry-after']);
        expect(ErrorBody.parse(JSON.parse(answer.body)).error).toBe('too-many-requests');
      }
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(50);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Within the Retry-After the client was given.
    await vi.waitFor(
      async () => expect((await fetchStatus(`${api.url}/v1/state`, auth(), agent)).status).toBe(200),
      { timeout: 1100 * Number(retryAfter), interval: 50 },
    );
    agent.destroy();
  });

  it('1,500 connections posting 60 KB bodies at once: memory stays flat', async () => {
    // The flooder runs in its own process, so the figure is the server's memory, not the client's buffers.
    const flooder = `
      const http = require('node:http');
      const [url, token] = process.argv.slice(1);
      const one = JSON.stringify({ type: 'chat-message', interactionId: 'x', from: 'customer', text: 'z'.repeat(9000) });
      const body = Buffer.from('[' + Array(6).fill(one).join(',') + ']');
      let left = 1500;
      for (let i = 0; i < 1500; i++) {
        const req = http.request(url + '/v1/events', { method: 'POST', agent: false, headers: {
          authorization: 'Bearer ' + token, 'content-type': 'application/json', 'content-length': body.length } },
          (res) => { res.resume(); res.on('end', done); });
        req.on('error', done);
        req.end(body);
      }
      function done() { if (--left === 0) process.exit(0); }`;
    const memory = await peakMemoryDuring(
      () =>
        new Promise<void>((resolve, reject) =>
          execFile(process.execPath, ['-e', flooder, api.url, token], { timeout: 20_000 }, (err) =>
            err ? reject(err) : resolve(),
          ),
        ),
    );
    console.log(`local API flood: memory ${mb(memory.before)} MB → peak ${mb(memory.peak)} MB`);
    // An envelope, GC-dependent (garbage counts until collected): 1,500 bodies held at once would be 90 MB.
    expect(mb(memory.peak - memory.before), 'peak memory growth, MB').toBeLessThanOrEqual(48);
    expect((await raw(api.url, '/v1/state', { headers: auth() })).status).toBe(200);
  });

  it('at most 64 connections are held open: the rest are dropped at once', async () => {
    const port = Number(new URL(api.url).port);
    let dropped = 0;
    const sockets = Array.from({ length: 200 }, () =>
      connect(port, '127.0.0.1')
        .on('error', () => undefined)
        .once('close', () => ++dropped),
    );
    // Bounded: the deadline ends the wait, and the count says how many were dropped by then.
    await until(() => dropped >= 200 - 64, 5000).catch(() => undefined);
    for (const s of sockets) s.destroy();
    expect(dropped).toBeGreaterThanOrEqual(200 - 64);
    // Served again once the server saw them go.
    await vi.waitFor(
      async () =>
        expect((await raw(api.url, '/v1/state', { headers: auth() })).status, 'the server serves again').toBe(
          200,
        ),
      { timeout: 5000, interval: 20 },
    );
  });

  it('a WebSocket client flooding garbage and never reading is cut off (1008), memory flat', async () => {
    // Its own process again: tiny frames, each worth an error reply that would pile up for a non-reader.
    const flooder = `
      const WebSocket = require('ws');
      const [url, token] = process.argv.slice(1);
      const ws = new WebSocket(url.replace('http', 'ws') + '/v1/ws', { headers: { authorization: 'Bearer ' + token } });
      ws.on('open', () => {
        ws._socket.pause();
        for (let i = 0; i < 100000; i++) ws.send('x');
        ws._socket.resume();
      });
      ws.on('close', (code) => { process.stdout.write(String(code)); process.exit(0); });
      setTimeout(() => { process.stdout.write('open'); process.exit(0); }, 5000);`;
    let outcome = '';
    const memory = await peakMemoryDuring(
      () =>
        new Promise<void>((resolve, reject) =>
          execFile(process.execPath, ['-e', flooder, api.url, token], { timeout: 20_000 }, (err, stdout) =>
            err ? reject(err) : resolve(void (outcome = stdout)),
          ),
        ),
    );
    console.log(`local API ws flood: memory ${mb(memory.before)} MB → peak ${mb(memory.peak)} MB`);
    expect(outcome).toBe('1008');
    // An envelope (GC-dependent: the frames it still sends are parsed and dropped until the close completes).
    expect(mb(memory.peak - memory.before), 'peak memory growth, MB').toBeLessThanOrEqual(32);
  });
});

describe('hostile: local API fuzz (seed 13)', () => {
  it('3,000 fuzzed requests get only documented 4xx or success answers, never a 5xx', async () => {
    const r = seeded(13);
    const documented = new Set([200, 202, 400, 401, 403, 404, 405, 413, 415, 426, 429]);
    const event = () =>
      r.pick([
        () => ({
          type: 'interaction-added',
          interactionId: r.text(12),
          media: r.pick(['chat', 'voice', 'fax']),
        }),
        () => ({
          type: 'chat-message',
          interactionId: r.text(5),
          from: 'customer',
          text: `{start:${r.text(11)}}`,
        }),
        () => ({ type: 'join-requested', token: r.text(15) }),
        () => ({ type: r.text(8), interactionId: r.int(5) }),
        () => [],
        () => Array.from({ length: r.int(120) }, () => ({ type: 'interaction-closed', interactionId: 'a' })),
      ])();
    const failures: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD']);
      const path = r.pick([
        '/v1/events',
        '/v1/state',
        '/v1/ws',
        '/v1/',
        '/',
        `/v1/${r.text(10)}`,
        `/${r.text(20)}`,
      ]);
      const headers: Record<string, string> = {};
      if (r.int(4) > 0)
        headers.authorization = r.pick([`Bearer ${token}`, 'Bearer ', `Bearer ${token}x`, r.text(20)]);
      if (r.int(3) === 0)
        headers['content-type'] = r.pick([
          'application/json',
          'text/plain',
          'application/json; charset=x',
          r.text(10),
        ]);
      if (r.int(10) === 0) headers.origin = 'http://evil.example';
      if (r.int(5) === 0) headers['x-cobrowse-app'] = r.pick(['softphone', '', ' chat-desk', r.text(70)]);
      const body = fuzzBody(r, method, 3, event);
      const answer = await raw(api.url, asRequestPath(path), {
        method,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, asHeaderValue(v)])),
        ...(body !== undefined ? { body } : {}),
      });
      if (!documented.has(answer.status)) failures.push(`${method} ${path} → ${answer.status}`);
    }
    expect(failures).toEqual([]);
    expect((await raw(api.url, '/v1/state', { headers: auth() })).status).toBe(200);
  }, 60_000);
});

function fetchStatus(url: string, headers: Record<string, string>, agent: Agent) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(url, { headers, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
