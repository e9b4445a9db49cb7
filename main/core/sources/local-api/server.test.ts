// The local integration API against a real client on 127.0.0.1: auth, browser refusal, validation errors,
// the token file, the WebSocket push/ack, each write routed to the app that reported its interaction, and
// the OpenAPI file covering every route.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { quietLogger } from '../../../../common/logger';
import type { SourceEvent } from '../../../../common/source-events';
import type { SourceStatus } from '../port';
import { InteractionServerSim } from '../../../../simulator/interactions';
import { routes } from './http-api';
import { createLocalApiSource, type LocalApiSource } from './server';
import { ErrorBody, ErrorCode } from '../../../../common/local-api-wire';
import { openOutbox } from '../../interactions/outbox';

let dir: string;
let api: LocalApiSource;
let token: string;
const events: SourceEvent[] = [];
const statuses: SourceStatus[] = [];
/** What the engine does on `up` (the outbox's nudge); a test sets it. */
let onUp = () => undefined as void;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-api-'));
  api = createLocalApiSource({
    port: 0,
    tokenFile: join(dir, 'settings', 'local-api-token'),
    log: quietLogger(),
    getState: () => ({ interactions: [] }),
    ackTimeoutMs: 500,
  });
  await api.start(
    (e) => events.push(e),
    (s) => {
      statuses.push(s);
      if (s.state === 'up') onUp();
    },
  );
  token = (await readFile(join(dir, 'settings', 'local-api-token'), 'utf8')).trim();
});

afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

const auth = () => ({ Authorization: `Bearer ${token}` });
async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}/v1/events`, {
    method: 'POST',
    headers: { ...auth(), 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: ErrorBody.or(ErrorBody.partial()).parse(await res.json()), res };
}

describe('local API token', () => {
  it('is generated on first start, kept with mode 0600, and reused on the next start', async () => {
    const file = join(dir, 'settings', 'local-api-token');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const again = createLocalApiSource({ port: 0, tokenFile: file, log: quietLogger() });
    await again.start(
      () => undefined,
      () => undefined,
    );
    try {
      const res = await fetch(`${again.url}/v1/state`, { headers: auth() });
      expect(res.status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});

describe('local API HTTP', () => {
  it('accepts one event or a batch with 202 and hands them on validated', async () => {
    const before = events.length;
    const one = await post(JSON.stringify({ type: 'interaction-added', interactionId: 'c1', media: 'chat' }));
    expect(one.status).toBe(202);
    const batch = await post(
      JSON.stringify([
        { type: 'chat-message', interactionId: 'c1', from: 'customer', text: 'hi' },
        { type: 'interaction-closed', interactionId: 'c1' },
      ]),
    );
    expect(batch.status).toBe(202);
    expect(events.slice(before)).toEqual([
      { type: 'interaction-added', interactionId: 'c1', media: 'chat', customerName: 'Customer' },
      { type: 'chat-message', interactionId: 'c1', from: 'customer', text: 'hi' },
      { type: 'interaction-closed', interactionId: 'c1' },
    ]);
  });

  it('401 without a token or with a wrong one, with WWW-Authenticate', async () => {
    const none = await fetch(`${api.url}/v1/state`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(((await none.json()) as ErrorBody).error).toBe('unauthorized');
    const wrong = await fetch(`${api.url}/v1/state`, { headers: { Authorization: `Bearer ${token}x` } });
    expect(wrong.status).toBe(401);
  });

  it('403 for any request carrying an Origin header, and never a CORS header', async () => {
    const res = await fetch(`${api.url}/v1/state`, { headers: { ...auth(), Origin: 'http://127.0.0.1:1' } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as ErrorBody).error).toBe('origin-forbidden');
    const ok = await fetch(`${api.url}/v1/state`, { headers: auth() });
    expect([...ok.headers.keys()].filter((h) => h.startsWith('access-control'))).toEqual([]);
  });

  it('403 for a Host that is not loopback (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${api.url}/v1/state`,
        { headers: { ...auth(), Host: 'evil.example:80' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('400 invalid-json for a body that is not JSON', async () => {
    const r = await post('{"type":');
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid-json');
  });

  it('400 invalid-event with the issues for a body that is not a SourceEvent', async () => {
    const r = await post(
      JSON.stringify({ type: 'chat-message', interactionId: 'c1', from: 'robot', text: 1 }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid-event');
    expect(r.body.issues?.length).toBeGreaterThan(0);
  });

  it('413 for a body over the limit', async () => {
    const r = await post(JSON.stringify({ pad: 'x'.repeat(70_000) }));
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('body-too-large');
  });

  it('415 for a body that is not application/json', async () => {
    const r = await post('type=chat', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.error).toBe('unsupported-media-type');
  });

  it('404 for an unknown path, 405 for a wrong method, 426 for /v1/ws without upgrade', async () => {
    const missing = await fetch(`${api.url}/v1/nope`, { headers: auth() });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error).toBe('not-found');
    const wrong = await fetch(`${api.url}/v1/state`, { method: 'DELETE', headers: auth() });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    await wrong.body?.cancel();
    const ws = await fetch(`${api.url}/v1/ws`, { headers: auth() });
    expect(ws.status).toBe(426);
    await ws.body?.cancel();
  });

  it('GET /v1/state answers the state provider', async () => {
    const res = await fetch(`${api.url}/v1/state`, { headers: auth() });
    expect(await res.json()).toEqual({ interactions: [] });
  });
});

describe('local API WebSocket', () => {
  it('refuses an upgrade without the token or with an Origin', async () => {
    const attempt = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/ws`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
    expect(await attempt({})).toBe(401);
    expect(await attempt({ ...auth(), Origin: 'http://localhost' })).toBe(403);
  });

  it('pushes attached data, resolves on the ack, reports up/down, rejects with nobody connected', async () => {
    await expect(api.applyAttachedData('c1', { CoBrowseAssociated: 'Yes' }, 'w0')).rejects.toThrow(
      /no desktop app/,
    );
    const sim = new InteractionServerSim({ log: quietLogger() });
    await sim.connect({ url: api.url, token });
    try {
      const id = await sim.openChat('Ann');
      await api.applyAttachedData(id, { CoBrowseAssociated: 'Yes' }, 'w1');
      await api.applyAttachedData(id, { CoBrowseAssociated: 'Yes' }, 'w1');
      expect(sim.get(id).attachedData).toEqual({ CoBrowseAssociated: 'Yes' });
      expect(sim.get(id).writes).toHaveLength(1);
      expect(sim.deliveries).toBe(2);
      expect(statuses.at(-1)?.state).toBe('up');
    } finally {
      await sim.disconnect();
    }
    await expect.poll(() => statuses.at(-1)?.state).toBe('listening');
  });

  it('answers an invalid client message with a specific error', async () => {
    const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/ws`, { headers: auth() });
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<string>((r) => ws.once('message', (m) => r(String(m))));
    ws.send(JSON.stringify({ type: 'ack' }));
    expect(JSON.parse(await reply)).toMatchObject({ type: 'error', error: 'invalid-message' });
    ws.close();
  });
});

describe('local API routing between desktop apps', () => {
  const chatDesk = new InteractionServerSim({ log: quietLogger(), app: 'chat-desk' });
  const softphone = new InteractionServerSim({ log: quietLogger(), app: 'softphone' });

  it('two apps: each write reaches only the app that reported its interaction, acked', async () => {
    await chatDesk.connect({ url: api.url, token });
    await softphone.connect({ url: api.url, token });
    const chat = await chatDesk.openChat('Ann');
    const call = await softphone.openChat('Cleo', 'voice');
    await api.applyAttachedData(chat, { CoBrowseAssociated: 'Yes' }, 'r-chat');
    await api.applyAttachedData(call, { CoBrowseAssociated: 'Yes' }, 'r-call');
    expect(chatDesk.get(chat).writes.map((w) => w.writeId)).toEqual(['r-chat']);
    expect(softphone.get(call).writes.map((w) => w.writeId)).toEqual(['r-call']);
    expect([chatDesk.deliveries, softphone.deliveries]).toEqual([1, 1]);
  });

  it('the owner gone, its write goes to no other app and waits; back, it gets the write', async () => {
    const call = [...softphone.interactions.keys()][0]!;
    const tries: string[] = [];
    const outbox = await openOutbox({
      file: join(dir, 'routing.journal'),
      deliver: (id, data, writeId) =>
        api.applyAttachedData(id, data, writeId).then(
          () => void tries.push('acked'),
          (err: Error) => {
            tries.push(err.message);
            throw err;
          },
        ),
      log: quietLogger(),
      // Retries far apart: only the nudge on the owner's return can deliver within the test.
      backoff: { baseMs: 60_000, capMs: 60_000 },
      random: () => 1,
    });
    onUp = () => outbox.nudge();
    try {
      await softphone.disconnect();
      await outbox.enqueue(call, { CoBrowseAssociated: 'No' });
      await expect.poll(() => tries.length).toBe(1);
      expect(tries[0]).toMatch(/^the desktop app "softphone" that reported voice-\S+ is not connected/);
      expect(chatDesk.deliveries).toBe(1);
      // Its connection, named again, is enough: the source reports `up`, which nudges the outbox.
      await softphone.reconnect();
      await outbox.drained();
      expect(tries.at(-1)).toBe('acked');
      expect(softphone.get(call).attachedData).toEqual({ CoBrowseAssociated: 'No' });
      expect(chatDesk.deliveries).toBe(1);
    } finally {
      onUp = () => undefined;
      await outbox.close();
      await chatDesk.disconnect();
      await softphone.disconnect();
    }
  });

  it("a single unnamed app (today's clients) gets every write; beside another app, none", async () => {
    // Today's clients: no X-Cobrowse-App.
    const one = new InteractionServerSim({ log: quietLogger(), app: null });
    const other = new InteractionServerSim({ log: quietLogger(), app: null });
    await one.connect({ url: api.url, token });
    try {
      const call = await one.openChat('Old', 'voice');
      await api.applyAttachedData(call, { CoBrowseAssociated: 'Yes' }, 'u1');
      expect(one.get(call).writes.map((w) => w.writeId)).toEqual(['u1']);
      await other.connect({ url: api.url, token });
      await expect(api.applyAttachedData(call, { CoBrowseAssociated: 'No' }, 'u2')).rejects.toThrow(
        /^2 desktop apps without X-Cobrowse-App are connected and none is known to have reported voice-\S+: each app should name itself/,
      );
      expect([one.deliveries, other.deliveries]).toEqual([1, 0]);
    } finally {
      await other.disconnect();
      await one.disconnect();
    }
  });

  it('an unnamed app beside a named one: its interactions go to it, the named app gets only its own', async () => {
    const legacy = new InteractionServerSim({ log: quietLogger(), app: null });
    await legacy.connect({ url: api.url, token });
    await chatDesk.connect({ url: api.url, token });
    try {
      const call = await legacy.openChat('Lee', 'voice');
      const chat = await chatDesk.openChat('Mo');
      const before = chatDesk.deliveries;
      await api.applyAttachedData(call, { CoBrowseAssociated: 'Yes' }, 'm-call');
      await api.applyAttachedData(chat, { CoBrowseAssociated: 'Yes' }, 'm-chat');
      expect(legacy.get(call).writes.map((w) => w.writeId)).toEqual(['m-call']);
      expect(chatDesk.get(chat).writes.map((w) => w.writeId)).toEqual(['m-chat']);
      expect([legacy.deliveries, chatDesk.deliveries - before]).toEqual([1, 1]);
      // The unnamed app gone, its call's write waits instead of going to the named app.
      await legacy.disconnect();
      await expect(api.applyAttachedData(call, { CoBrowseAssociated: 'No' }, 'm-call-2')).rejects.toThrow(
        /^no connected desktop app is known to have reported voice-/,
      );
      expect(chatDesk.deliveries - before).toBe(1);
    } finally {
      await legacy.disconnect();
      await chatDesk.disconnect();
    }
  });

  it('remembers the apps of the latest 1000 interactions only', async () => {
    await chatDesk.connect({ url: api.url, token });
    await softphone.connect({ url: api.url, token });
    try {
      const ids = Array.from({ length: 1_001 }, (_, i) => `bulk-${i}`);
      for (let i = 0; i < ids.length; i += 100)
        await chatDesk.send(
          ids.slice(i, i + 100).map((id) => ({ type: 'handling-timeout' as const, interactionId: id })),
        );
      await expect(api.applyAttachedData('bulk-0', { CoBrowseAssociated: 'No' }, 'b0')).rejects.toThrow(
        /^no connected desktop app is known to have reported bulk-0: it came without X-Cobrowse-App/,
      );
      const before = [chatDesk.deliveries, softphone.deliveries];
      await api.applyAttachedData('bulk-1', { CoBrowseAssociated: 'No' }, 'b1');
      expect([chatDesk.deliveries, softphone.deliveries]).toEqual([before[0]! + 1, before[1]]);
    } finally {
      await chatDesk.disconnect();
      await softphone.disconnect();
    }
  });

  it('400 invalid-app for an X-Cobrowse-App that is not a name, on POSTs and on the upgrade', async () => {
    const r = await post(JSON.stringify({ type: 'handling-timeout', interactionId: 'x' }), {
      'X-Cobrowse-App': 'soft phone',
    });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('invalid-app');
    expect(r.body.message).toMatch(/X-Cobrowse-App/);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/ws`, {
        headers: { ...auth(), 'X-Cobrowse-App': 'x'.repeat(65) },
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(400);
  });
});

describe('OpenAPI file', () => {
  it('documents every route the server answers, with its method, and every error code', async () => {
    const doc = load(await readFile(new URL('./openapi.yaml', import.meta.url), 'utf8')) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: { Error: { properties: { error: { enum: string[] } } } } };
    };
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const r of routes) expect(doc.paths[r.path]?.[r.method], `${r.method} ${r.path}`).toBeDefined();
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(routes.map((r) => r.path))].sort());
    expect(doc.components.schemas.Error.properties.error.enum).toEqual(ErrorCode.options);
  });
});
