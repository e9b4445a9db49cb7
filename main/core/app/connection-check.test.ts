// The sidebar's connection check (the `checkConnection` request) against the real simulator on loopback:
// every step on its line, and a service that refuses the configured Origin named as the failing step.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { RequestOutput } from '../../../common/contract';
import { quietLogger } from '../../../common/logger';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { createAppCore } from '../app-core';

const fx = useSimulator({ nodes: 2 });
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function check(settings: Record<string, unknown>) {
  const dir = await mkdtemp(join(tmpdir(), 'check-'));
  dirs.push(dir);
  await writeFile(join(dir, 'user.json'), JSON.stringify(settings));
  const core = await createAppCore({
    startDemo: () => Promise.reject(new Error('no demo here')),
    dataDir: dir,
    settings: { userSettingsPath: join(dir, 'user.json'), managedSettingsPath: join(dir, 'managed.json') },
    log: quietLogger(),
    localApiPort: 0,
  });
  try {
    const reply = await core.dispatch('checkConnection', {});
    if (!reply.ok) throw new Error(JSON.stringify(reply.error));
    return reply.value as RequestOutput<'checkConnection'>;
  } finally {
    await core.close();
  }
}

it('the configured service: every step passes, one line each', async () => {
  const { ok, report, steps } = await check({ serviceUrl: fx.sim.url });
  expect(ok).toBe(true);
  // The same steps, one per line, for the sidebar's list.
  expect(steps.map((s) => s.step)).toEqual(expect.arrayContaining(['name resolution', 'proxy']));
  expect(steps.filter((s) => s.outcome === 'fail')).toEqual([]);
  for (const step of ['name resolution', 'proxy', 'TLS certificate', 'get-session with the Origin'])
    expect(report).toMatch(new RegExp(`^(PASS|INFO)  ${step}: `, 'm'));
  expect(report).toMatch(/^PASS {2}CometD handshake \(WebSocket\): /m);
  expect(report).toMatch(/VERDICT: every step passed/);
});

it('an Origin the service does not allow: the get-session step fails, naming the Genesys team', async () => {
  const { ok, report } = await check({ serviceUrl: fx.sim.url, origin: 'https://elsewhere.example' });
  expect(ok).toBe(false);
  expect(report).toMatch(/VERDICT: fails at "get-session with the Origin" → ask the Genesys team/);
});
