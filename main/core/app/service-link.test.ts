// Between sessions, against the real simulator over loopback: the service killed is shown lost within 2 s
// (from the held connection, not the 30 s health check), shown back within 2 s of answering again on the same
// port, the stale "cannot be reached" alert of a join made meanwhile cleared, and no request while idle.
import { afterAll, expect, it } from 'vitest';
import type { AppState, CobrowseSessionView } from '../../../common/contract';
import { quietLogger } from '../../../common/logger';
import { defaultSettings } from '../../../common/settings-schema';
import { startSimulator, type Simulator } from '../../../simulator';
import { startServiceLink, type ServiceLink } from './service-link';
import { holdsFor } from '../test-support/until';

const idle: AppState['connection'] = { state: 'idle', detail: null };
let sim: Simulator = await startSimulator({ port: 0, logger: quietLogger() });
const port = Number(new URL(sim.url).port);
const waiters = new Set<() => void>();
const link: ServiceLink = await startServiceLink({ ...defaultSettings, serviceUrl: sim.url }, quietLogger(), {
  startDemo: () => Promise.reject(new Error('no demo here')),
  changed: () => waiters.forEach((w) => w()),
});
afterAll(async () => {
  await link.close();
  await sim.stop();
});

/** Resolves with the ms it took for the indicator to say `state`, or rejects after `withinMs`. */
function indicator(state: 'reachable' | 'lost', withinMs: number): Promise<number> {
  const shows = () =>
    state === 'lost'
      ? link.connection(idle).state === 'lost'
      : link.connection(idle).detail?.code === 'service-reachable';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!shows()) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(performance.now() - started);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(
        new Error(`indicator not ${state} within ${withinMs} ms: ${JSON.stringify(link.connection(idle))}`),
      );
    }, withinMs);
    waiters.add(check);
    check();
  });
}

const failedJoin = (endedAt: number): CobrowseSessionView => ({
  id: 's1',
  token: '123456789',
  interactionId: null,
  sessionHistoryId: null,
  phase: 'failed',
  joinedAt: null,
  activatedAt: null,
  endedAt,
  endReason: null,
  error: { code: 'unreachable' },
});

it('an idle app makes no request to the service while it is up', async () => {
  await indicator('reachable', 2000);
  sim.balancer.clearLog();
  await holdsFor(3000, () => sim.balancer.log.length === 0);
  expect(sim.balancer.log.map((e) => e.path)).toEqual([]);
});

it('the service killed: lost within 2 s; back on the same port: reachable within 2 s, stale alert cleared', async () => {
  await indicator('reachable', 2000);
  await sim.stop();
  expect(await indicator('lost', 2000)).toBeLessThan(2000);
  expect(link.connection(idle).detail).toMatchObject({
    code: 'service-unreachable',
    params: { host: expect.stringMatching(/^127\.0\.0\.1:\d+$/), cause: 'ECONNREFUSED' },
  });
  const duringOutage = failedJoin(Date.now());
  expect(link.withoutStaleAlerts([duringOutage])[0]?.error?.code).toBe('unreachable');

  sim = await startSimulator({ port, logger: quietLogger() });
  expect(await indicator('reachable', 2000)).toBeLessThan(2000);
  expect(link.connection(idle).detail).toEqual({ code: 'service-reachable' });
  expect(link.withoutStaleAlerts([duringOutage])[0]?.error).toBeNull();
  // A join that fails after the service came back keeps its alert.
  expect(link.withoutStaleAlerts([failedJoin(Date.now() + 1)])[0]?.error?.code).toBe('unreachable');
});
