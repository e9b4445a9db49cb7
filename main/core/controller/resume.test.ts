// Sleep, resume and a network switch, as the host reports them (network.reset()): the live session's node is
// asked at once on a fresh connection, so the session is kept or declared lost within 5 s (not at the end of
// a 30 s long-poll). The nodes advise CometD's default 30 s long-poll, as a real cluster does.
import { afterAll, describe, expect, it } from 'vitest';
import { paths, Role } from '../../../common/protocol';
import { TransportKind } from '../../../common/settings-schema';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { createNetwork } from '../net/network';
import { startLatencyProxy, type LatencyProxy } from '../test-support/latency-proxy';
import { holdsFor, until } from '../test-support/until';
import { eventLog, testController } from './test-support/controllers';
import type { Controller } from './types';

const RESUME_BOUND_MS = 5000;
const clusters = { 'long-polling': useSimulator({ nodes: 2 }), websocket: useSimulator({ nodes: 2 }) };
const closers: (Controller | LatencyProxy)[] = [];
afterAll(() => Promise.all(closers.map((c) => c.close())));

describe.each(TransportKind.options)('%s', (transport) => {
  async function liveSession() {
    const fx = clusters[transport];
    const target = new URL(fx.sim.url);
    const link = await startLatencyProxy({ host: target.hostname, port: Number(target.port) }, 0);
    const network = createNetwork({ proxy: 'direct', extraCaFile: '', allowPlainHttp: false });
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const controller = testController(link.url, { transport, origin: fx.sim.url, network });
    closers.push(controller, link);
    const events = eventLog();
    await controller.join(sessionToken, events);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    await events.waitFor((e) => e.type === 'activated');
    return { events, link, network, sim: fx.sim };
  }

  it('resumed on a network that is gone (packets vanish): lost within 5 s, the session ends node-lost', async () => {
    const { events, link, network } = await liveSession();
    link.blackhole(true); // asleep, the Wi-Fi is gone; nothing closes the old connections
    const resumed = performance.now();
    network.reset();
    await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', RESUME_BOUND_MS);
    expect(performance.now() - resumed).toBeLessThan(RESUME_BOUND_MS);
    expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({ reason: 'node-lost' });
  });

  it('resumed on a network that works: the node is asked at once and the session kept', async () => {
    const { events, network, sim } = await liveSession();
    sim.balancer.clearLog();
    const resumed = performance.now();
    network.reset();
    await until(
      () => sim.balancer.log.some((e) => e.method === 'GET' && e.path === paths.cometd),
      RESUME_BOUND_MS,
    );
    expect(performance.now() - resumed).toBeLessThan(RESUME_BOUND_MS);
    await holdsFor(
      1000,
      () =>
        !events.events.some(
          (e) => e.type === 'deactivated' || (e.type === 'connection' && e.state === 'lost'),
        ),
    );
  });
});
