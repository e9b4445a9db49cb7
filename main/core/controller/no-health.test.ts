// A Co-browse service that has no `/cobrowse/health` (no public Genesys page defines one; this balancer answers
// it 404 as such a server would): the idle light reads reachable, a dropped long-poll keeps the session, and a
// node that really dies still ends it within the loss figures.
import { afterAll, describe, expect, it } from 'vitest';
import { paths, Role } from '../../../common/protocol';
import { TransportKind } from '../../../common/settings-schema';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { startLatencyProxy, type LatencyProxy } from '../test-support/latency-proxy';
import { holdsFor } from '../test-support/until';
import { eventLog, expectLostWhenOwnerDies, testController } from './test-support/controllers';
import type { Controller } from './types';

const withoutHealth = {
  nodes: 2,
  longPollTimeoutMs: 2000,
  routes: [
    (req: { url?: string }, res: { writeHead(s: number): { end(): void } }) =>
      req.url?.startsWith(paths.health) ? (res.writeHead(404).end(), true) : false,
  ],
};
const clusters = { 'long-polling': useSimulator(withoutHealth), websocket: useSimulator(withoutHealth) };
const closers: (Controller | LatencyProxy)[] = [];
afterAll(() => Promise.all(closers.map((c) => c.close())));

it('between sessions the service reads reachable although /cobrowse/health answers 404', async () => {
  const { sim } = clusters['long-polling'];
  const controller = testController(sim.url, {});
  closers.push(controller);
  expect(await controller.probe()).toEqual({ ok: true });
});

describe.each(TransportKind.options)('%s, no health endpoint', (transport) => {
  async function liveSession() {
    const fx = clusters[transport];
    const target = new URL(fx.sim.url);
    const link = await startLatencyProxy({ host: target.hostname, port: Number(target.port) }, 0);
    closers.push(link);
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const controller = testController(link.url, { transport, origin: fx.sim.url });
    closers.push(controller);
    const events = eventLog();
    await controller.join(sessionToken, events);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    await events.waitFor((e) => e.type === 'activated');
    return { events, link, sim: fx.sim, sessionServerName, controller };
  }

  it('a dropped long-poll (connections reset, the node up) keeps the session', async () => {
    const { events, link, controller } = await liveSession();
    const before = events.events.length;
    await holdsFor(300, () => !events.events.slice(before).some((e) => e.type !== 'joined'));
    link.reset();
    await events.waitFor((e) => e.type === 'connection' && e.state === 'reconnecting', 2000);
    await events.waitFor(
      (e) => e.type === 'connection' && e.state === 'connected' && events.events.indexOf(e) > before,
      2000,
    );
    await holdsFor(500, () => !events.events.some((e) => e.type === 'deactivated'));
    await controller.close();
  });

  it('a node that dies still ends the session within 2 s (node-lost)', async () => {
    const { events, sim, sessionServerName } = await liveSession();
    await expectLostWhenOwnerDies(sim, sessionServerName, events);
  });
});
