// The web edition's /api WebSocket under a hostile page that holds the run cookie (a bug or an attacker in
// the sidebar's own origin): floods of requests must neither grow memory nor the log without bound, and
// fuzzed frames (fixed seed) always get a Reply or are dropped, never crash or wedge the socket.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createLogger } from '../../common/logger';
import { holdsFor, until } from '../../main/core/test-support/until';
import type { WebEdition } from '../../main/web/index';
import { busyShift, redeemRunLink, startTestWebEdition } from '../../main/web/web-edition.test-support';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { asRequestPath, peakMemoryDuring, raw, rawUpgrade, seeded } from './hostile-support';

const fx = useSimulator({ nodes: 1 });
const logLines: string[] = [];
let web: WebEdition;
let stop: (() => Promise<void>) | undefined;
let cookie: string;

beforeAll(async () => {
  const log = createLogger({ level: 'info', sink: (line) => logLines.push(line) });
  ({ web, stop } = await startTestWebEdition(fx.sim.url, log));
  ({ cookie } = await redeemRunLink(web));
  // A busy shift: every state push is ~50 KB, as a flood would meet it.
  expect(await busyShift(web)).toBe(202);
});
afterAll(async () => {
  await stop?.();
});

async function open(): Promise<WebSocket> {
  const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api`, { headers: { origin: web.url, cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}
const closed = (ws: WebSocket) =>
  new Promise<number>((resolve) => (ws.readyState === ws.CLOSED ? resolve(1006) : ws.once('close', resolve)));

describe('hostile: /api floods', () => {
  it('a flood of `ready` from a page that reads nothing keeps memory flat and is disconnected (1008)', async () => {
    const ws = await open();
    const socket = (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause(); // reads no reply while it floods
    const frame = (id: number) => JSON.stringify({ id, name: 'ready', input: {} });
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    const used = () => process.memoryUsage().heapUsed + process.memoryUsage().external;
    const memory = await peakMemoryDuring(async () => {
      const start = used();
      for (let id = 1; id <= 5000; id++) ws.send(frame(id));
      await holdsFor(500, () => mb(used() - start) <= 48); // the flood's window: memory stays bounded
    });
    socket.resume();
    console.log(
      `/api flood: memory ${mb(memory.before)} MB → peak ${mb(memory.peak)} MB → ${mb(memory.after)} MB`,
    );
    expect(mb(memory.peak - memory.before), 'peak memory growth, MB').toBeLessThanOrEqual(48);
    let closedWith: number | undefined;
    void closed(ws).then((code) => (closedWith = code));
    await until(() => closedWith !== undefined, 3000);
    expect(closedWith).toBe(1008);
    ws.terminate();
  });

  it('over the rate, requests get a specific refusal; the socket keeps serving afterwards', async () => {
    const ws = await open();
    const replies = new Map<number, { ok: boolean; error?: { code: string; message: string } }>();
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { id?: number; reply?: never };
      if (f.id !== undefined) replies.set(f.id, f.reply!);
    });
    for (let id = 1; id <= 250; id++) ws.send(JSON.stringify({ id, name: 'dismissError', input: {} }));
    await until(() => replies.size === 250, 10_000);
    const refused = [...replies.values()].filter((r) => !r.ok);
    expect(refused.length).toBeGreaterThan(100);
    expect(refused[0]!.error).toEqual({
      code: 'too-many-requests',
      params: { perSecond: expect.any(Number) },
    });
    // The bucket refills at its rate: asked again until a token is back, a request is served.
    let id = 5000;
    await vi.waitFor(
      async () => {
        ws.send(JSON.stringify({ id: ++id, name: 'dismissError', input: {} }));
        await until(() => replies.has(id), 1000);
        expect(replies.get(id)!.ok).toBe(true);
      },
      { timeout: 3000, interval: 50 },
    );
    ws.close();
  });

  it('refused upgrades are logged at a rate, not one line each', async () => {
    logLines.length = 0;
    for (let i = 0; i < 300; i++)
      await rawUpgrade(web.url, '/api', { origin: 'http://evil.example', cookie });
    expect(logLines.filter((l) => /refused/i.test(l)).length).toBeLessThanOrEqual(3);
  });
});

describe('hostile: /api fuzz (seed 13)', () => {
  it('5,000 fuzzed frames: every well-formed one gets a Reply (none internal), the sockets survive', async () => {
    const r = seeded(13);
    const names = [
      'ready',
      'join',
      'exit',
      'stop',
      'selectInteraction',
      'updateSettings',
      'dismissError',
      'nope',
      '__proto__',
      'constructor',
    ];
    const values = (): unknown =>
      r.pick([
        () => r.text(40),
        () => r.int(1e12) - 5e11,
        () => null,
        () => ({ token: r.text(12), interactionId: r.pick([null, r.text(8), 5]) }),
        () => ({ sessionId: r.text(10) }),
        () => ({ serviceUrl: r.text(30), agentName: r.text(300) }),
        () => [r.text(5), { a: r.text(5) }],
        () => ({ __proto__: { polluted: true }, constructor: { prototype: { x: 1 } } }),
        () => ({ bounds: { x: r.next() * 1e9, y: -1, width: NaN, height: 'x' } }),
      ])();
    // A well-behaved fuzzer: 25 frames per connection, within its queue, so every case reaches the dispatcher.
    const codes = new Map<string, number>();
    for (let chunk = 0; chunk < 5000 / 25; chunk++) {
      const ws = await open();
      const replies = new Map<number, { ok: boolean; error?: { code: string } }>();
      ws.on('message', (d) => {
        const f = JSON.parse(String(d)) as { id?: number; reply?: never };
        if (f.id !== undefined) replies.set(f.id, f.reply!);
      });
      const expected: number[] = [];
      for (let i = chunk * 25 + 1; i <= (chunk + 1) * 25; i++) {
        const kind = r.int(10);
        if (kind === 0)
          ws.send(r.text(60)); // not JSON: dropped
        else if (kind === 1)
          ws.send(JSON.stringify({ id: i, name: r.pick(names), input: values(), extra: 1 }));
        else if (kind === 2) ws.send(JSON.stringify({ id: -i, name: 'ready', input: {} }));
        else {
          ws.send(JSON.stringify({ id: i, name: r.pick(names), input: values() }));
          expected.push(i);
        }
      }
      await until(() => expected.every((id) => replies.has(id)), 10_000);
      for (const reply of replies.values()) {
        const code = reply.ok ? 'ok' : (reply.error?.code ?? '?');
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      expect(ws.readyState).toBe(ws.OPEN);
      ws.close();
    }
    console.log('/api fuzz replies:', Object.fromEntries(codes));
    expect(codes.get('too-many-requests')).toBeUndefined();
    expect(codes.get('internal')).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});

describe('hostile: the sidebar server (seed 13)', () => {
  it('a path that `new URL` cannot take (`//|`, `/\\@`) is a 4xx, and the server lives on', async () => {
    for (const path of ['//|x', '/\\@"<ab', '//>+?x', '//user@/x']) {
      const answer = await raw(web.url, path, { headers: { cookie } });
      expect({ path, status: answer.status }).toEqual({ path, status: expect.toBeOneOf([400, 404]) });
    }
    expect((await raw(web.url, '/', { headers: { cookie } })).status).toBe(200);
  });

  it('the run link never redirects to another host', async () => {
    const key = new URL(web.openUrl).search;
    for (const path of [`//evil.example/${key}`, `/\\evil.example/${key}`]) {
      const answer = await raw(web.url, path);
      expect({ path, status: answer.status, location: answer.headers.location }).toEqual({
        path,
        status: 303,
        location: expect.stringMatching(/^\/(?![/\\])/),
      });
    }
  });

  it('2,000 fuzzed requests get no 5xx and never drop the connection', async () => {
    const r = seeded(13);
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const method = r.pick(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
      const path = asRequestPath(
        `${r.pick(['/', '//', '/assets/', '/api', '/?key=', '/index.html'])}${r.text(20)}`,
      );
      const headers: Record<string, string> = r.int(2) === 0 ? { cookie } : {};
      const answer = await raw(web.url, path, { method, headers });
      if (answer.status === 0 || answer.status >= 500) failures.push(`${method} ${path} → ${answer.status}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
