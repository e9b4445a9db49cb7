// The desktop's network on the stub Electron runtime with the REAL core, controller and simulator: the
// core's connections ask Chromium for the system proxy, and a resume from sleep makes the core check the
// live session's node at once (not at the end of its 30 s long-poll).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { paths } from '../../common/protocol';
import type { AppCore } from '../core/app-core';
import { until } from '../core/test-support/until';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { coreOnSimulator } from './test-support/core-on-simulator';
import { fake } from './test-support/fake-electron';

vi.mock('electron', () => import('./test-support/fake-electron'));
const { reportNetworkChanges, resolveSystemProxy } = await import('./network-events');

const fx = useSimulator({ nodes: 2 });
let core: AppCore;
let dir: string;
let stop: () => void;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'network-events-'));
  fake.ready();
  core = await coreOnSimulator(fx.sim.url, dir, { resolveProxy: resolveSystemProxy });
  stop = reportNetworkChanges(core);
});
afterEach(async () => {
  stop();
  await core.close();
  fake.reset();
  await rm(dir, { recursive: true, force: true });
});

describe('the desktop network (stub Electron runtime, real core and simulator)', () => {
  it('resume during a session: the owner node is asked at once and the session carries on', async () => {
    const session = await fx.customerSession();
    expect((await core.dispatch('join', { token: session.sessionToken, interactionId: null })).ok).toBe(true);
    await until(() => core.getState().connection.state === 'connected');
    fx.sim.balancer.clearLog();
    fake.resume();
    const resumed = performance.now();
    await until(() => fx.sim.balancer.log.some((e) => e.method === 'GET' && e.path === paths.cometd), 5000);
    // The long-poll in flight was dropped with its socket: reconnecting, then connected again, within 5 s.
    await until(() => core.getState().connection.state === 'connected', 5000);
    expect(performance.now() - resumed).toBeLessThan(5000);
    expect(core.getState().sessions.map((s) => s.phase)).toEqual(['joined']); // no agent member: not activated
  });

  it('the core asks Chromium for the system proxy of a non-loopback service', async () => {
    fake.setSystemProxy('PROXY 127.0.0.1:9; DIRECT');
    expect(await core.network().route('https://cobrowse.corp.example/cobrowse')).toMatchObject({
      route: { kind: 'proxy', origin: 'system' },
    });
    expect(fake.proxyAsked).toEqual(['https://cobrowse.corp.example/cobrowse']);
  });
});
