// The `/sim/interactions` routes on the simulator's public port, driving the real local API (an API with no
// engine behind it: the events it accepts are collected).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietLogger } from '../../../../common/logger';
import type { SourceEvent } from '../../../../common/source-events';
import { createLocalApiSource, type LocalApiSource } from './server';
import { readDiscovery } from '../../../../common/node/local-api-discovery';
import { startSimulator, type Simulator } from '../../../../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../../../../simulator/interactions/index';

let dir: string;
let api: LocalApiSource;
let sim: Simulator;
const desk = new InteractionServerSim({ log: quietLogger() });
const events: SourceEvent[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-routes-'));
  const discoveryFile = join(dir, 'local-api.json');
  api = createLocalApiSource({ port: 0, discoveryFile, log: quietLogger() });
  await api.start(
    (e) => events.push(e),
    () => undefined,
  );
  await desk.connect(await readDiscovery(discoveryFile));
  sim = await startSimulator({ port: 0, nodes: 1, logger: quietLogger(), routes: [interactionRoutes(desk)] });
});

afterAll(async () => {
  await desk.disconnect();
  await sim?.stop();
  await api?.stop();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body?: unknown) =>
  fetch(`${sim.url}/sim/interactions${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });

describe('/sim/interactions routes', () => {
  it('open a chat, send a message, transfer, time out and close, each reported to the local API', async () => {
    const opened = await post('/chats', { customerName: 'Zoe' });
    expect(opened.status).toBe(201);
    const { interactionId } = (await opened.json()) as { interactionId: string };
    expect((await post(`/chats/${interactionId}/messages`, { text: '{start:123456789}' })).status).toBe(202);
    expect((await post(`/chats/${interactionId}/transfer`, { to: 'Sales' })).status).toBe(202);
    expect((await post(`/chats/${interactionId}/timeout`)).status).toBe(202);
    expect((await post(`/chats/${interactionId}/close`)).status).toBe(202);
    expect(events).toEqual([
      { type: 'interaction-added', interactionId, media: 'chat', customerName: 'Zoe' },
      { type: 'chat-message', interactionId, from: 'customer', text: '{start:123456789}' },
      { type: 'interaction-transferred', interactionId, to: 'Sales' },
      { type: 'handling-timeout', interactionId },
      { type: 'interaction-closed', interactionId },
    ]);
    const shown = (await (await fetch(`${sim.url}/sim/interactions/chats/${interactionId}`)).json()) as {
      state: string;
      messages: { text: string }[];
    };
    expect(shown.state).toBe('closed');
    expect(shown.messages.map((m) => m.text)).toEqual(['{start:123456789}']);
  });

  it('refuses bad input specifically: 400, 404, 405, 413', async () => {
    expect((await post('/chats', '{"customerName":')).status).toBe(400);
    expect((await post('/chats', { customerName: 'A', extra: 1 })).status).toBe(400);
    expect((await post('/chats/none/messages', { text: 'hi' })).status).toBe(404);
    expect((await post('/nowhere')).status).toBe(404);
    const { interactionId } = (await (await post('/chats', {})).json()) as { interactionId: string };
    expect((await post(`/chats/${interactionId}/messages`, { text: '' })).status).toBe(400);
    expect((await fetch(`${sim.url}/sim/interactions/chats/${interactionId}/close`)).status).toBe(405);
    expect((await post(`/chats/${interactionId}/messages`, { text: 'x'.repeat(20_000) })).status).toBe(413);
  });
});
