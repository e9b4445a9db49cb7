// Node loss on both transports, against the real simulator cluster over loopback: a crashed node (its
// connections closed) and a silent partition (a proxy that drops every byte, closes nothing). For
// long-polling the nodes advise a 2 s long-poll (CometD's default is 30 s) so that its partition bound,
// advised timeout + 5 s, keeps the test short; WebSocket runs on CometD's default 30 s, so only its ping
// frames can meet the 10 s bound.
import { afterAll, describe, expect, it } from 'vitest';
import { paths, Role } from '../../../common/protocol';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { startLatencyProxy, type LatencyProxy } from '../test-support/latency-proxy';
import { eventLog, testController } from './test-helpers';
import type { Controller } from './types';
import { holdsFor } from '../test-support/until';
import { TransportKind } from '../../../common/settings-schema';

const LONG_POLL_MS = 2000;
const clusters = {
  'long-polling': useSimulator({ nodes: 2, longPollTimeoutMs: LONG_POLL_MS }),
  websocket: useSimulator({ nodes: 2 }),
};
const closers: (Controller | LatencyProxy)[] = [];
afterAll(() => Promise.all(closers.map((c) => c.close())));
const transports = TransportKind.options;
type Transport = TransportKind;

async function liveSession(transport: Transport, proxied = false) {
  const fx = clusters[transport];
  let link: LatencyProxy | undefined;
  if (proxied) {
    const target = new URL(fx.sim.url);
    link = await startLatencyProxy({ host: target.hostname, port: Number(target.port) }, 0);
    closers.push(link);
  }
  const { sessionToken, sessionServerName } = await fx.customerSession();
  const controller = testController(link?.url ?? fx.sim.url, { transport, origin: fx.sim.url });
  closers.push(controller);
  const events = eventLog();
  fx.sim.balancer.clearLog();
  await controller.join(sessionToken, events);
  await fx.member(sessionToken, sessionServerName, Role.agent);
  await events.waitFor((e) => e.type === 'activated');
  // The controller posts to the bare endpoint (test clients append the message type): over WebSocket, never.
  const posts = fx.sim.balancer.log.filter((e) => e.method === 'POST' && e.path === paths.cometd);
  expect(posts.length > 0).toBe(transport === 'long-polling');
  return { events, sessionServerName, link, sim: fx.sim, controller };
}

describe.each(transports)('%s', (transport) => {
  it('a crashed node (its connections closed) is shown lost within 2 s; the session ends node-lost', async () => {
    const { events, sessionServerName, sim } = await liveSession(transport);
    const started = performance.now();
    await sim.stopNode(sessionServerName);
    try {
      await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', 2000);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({
        reason: 'node-lost',
      });
    } finally {
      await sim.startNode(sessionServerName);
    }
  });

  const partitionBoundMs = transport === 'websocket' ? 10_000 : LONG_POLL_MS + 5000;
  it(`a silent partition (bytes dropped, nothing closed) is shown lost within ${partitionBoundMs} ms`, async () => {
    const { events, link } = await liveSession(transport, true);
    link!.blackhole(true);
    const started = performance.now();
    await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', partitionBoundMs + 1000);
    expect(performance.now() - started).toBeLessThanOrEqual(partitionBoundMs);
    expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({ reason: 'node-lost' });
  });

  it('a connection reset while the node stays up is a blip: connected again within 2 s, the session kept', async () => {
    const { events, link, controller } = await liveSession(transport, true);
    const before = events.events.length;
    // Right after a notification cometd re-sends its /meta/connect on a timer; a reset in that gap fails
    // nothing and the next connect simply opens a new connection. Reset while the long-poll is held.
    await holdsFor(300, () => !events.events.slice(before).some((e) => e.type !== 'joined'));
    link!.reset();
    await events.waitFor((e) => e.type === 'connection' && e.state === 'reconnecting', 2000);
    const started = performance.now();
    await events.waitFor(
      (e) => e.type === 'connection' && e.state === 'connected' && events.events.indexOf(e) > before,
      2000,
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(events.events.some((e) => e.type === 'deactivated')).toBe(false);
    await controller.close(); // a live session would otherwise go on polling into the next test's count
  });
});

it('an idle long-polling session holds each long-poll for the server-advised timeout, not a short cap', async () => {
  const { sim } = await liveSession('long-polling');
  sim.balancer.clearLog();
  const cometdPosts = () => sim.balancer.log.filter((e) => e.path === paths.cometd);
  await holdsFor(2 * LONG_POLL_MS + 500, () => cometdPosts().length <= 3);
  const polls = sim.balancer.log.filter((e) => e.path === paths.cometd);
  expect(polls.length).toBeGreaterThanOrEqual(2);
  expect(polls.length).toBeLessThanOrEqual(3);
});
