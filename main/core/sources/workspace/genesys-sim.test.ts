// The Workspace connector against GENESYS'S OWN Workspace simulator (agent-api-simulator, run as its README
// says, from a copy of ../shared/genesys-agent-api-simulator) behind a recording proxy that refuses any API
// call without the API key: the real engine and Controller, the co-browse simulator for the co-browse side.
// Genesys's simulator has voice, not chat; what it reports (`/sim/monitor/…`) is the ground truth here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../simulator/test-support/session-setup';
import type { InteractionEngine } from '../../interactions/engine';
import { startEngine } from '../../interactions/test-harness';
import { createLogger, quietLogger } from '../../../../common/logger';
import { until } from '../../test-support/until';
import { FakeFileSecretStore } from './fake-secret-store.test-support';
import {
  installGenesysSim,
  signInAsAgent,
  startGenesysSim,
  startRecordingProxy,
  type GenesysSim,
  type RecordingProxy,
} from './genesys-sim.test-support';
import { createWorkspaceSource, type WorkspaceSource } from './source';

const API_KEY = 'test-gateway-key';
// From Genesys's data/agents.yaml.
const AGENT = { user: 'JohnSmith', password: 'JohnSmith', login: '+33298025003', place: 'Place_JohnSmith' };

let installed: string | undefined;
let whyNot = '';
try {
  installed = await installGenesysSim();
} catch (err) {
  whyNot = `cannot copy Genesys's simulator or npm ci its packages (${(err as Error).message})`;
}
if (!installed) console.warn(`Genesys simulator tests skipped: ${whyNot}`);

const fixture = useSimulator();
let genesys: GenesysSim;
let proxy: RecordingProxy;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  if (!installed) return;
  genesys = await startGenesysSim(installed);
  proxy = await startRecordingProxy(genesys.url, API_KEY);
}, 60_000);
afterAll(async () => {
  await proxy?.stop();
  await genesys?.stop();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface App {
  engine: InteractionEngine;
  source: WorkspaceSource;
}

async function signedIn(): Promise<App> {
  const dir = await mkdtemp(join(tmpdir(), 'genesys-ws-'));
  const log = process.env.WSDEBUG ? createLogger({ level: 'debug' }) : quietLogger();
  const source = createWorkspaceSource({
    workspaceUrl: proxy.url,
    clientId: 'wwe-desktop',
    apiKey: API_KEY,
    secrets: new FakeFileSecretStore(join(dir, 'secrets.json')),
    openBrowser: (url) => signInAsAgent(url, AGENT.user, AGENT.password),
    log,
    retryMs: 200,
    requestTimeoutMs: 8000,
  });
  const { controller, engine } = await startEngine(fixture.sim.url, source, dir, log);
  await engine.start();
  cleanups.push(async () => {
    await engine.close();
    await controller.close();
    await rm(dir, { recursive: true, force: true });
  });
  await source.signIn();
  expect(engine.getState().source).toMatchObject({
    state: 'up',
    detail: { code: 'signed-in', params: expect.objectContaining({ user: AGENT.user }) },
  });
  return { engine, source };
}

const interaction = (app: App, id: string) => app.engine.getState().interactions.find((i) => i.id === id);
const voiceCalls = (app: App) => app.engine.getState().interactions.filter((i) => i.media === 'voice');

/** Rings the agent from `orig` as Genesys's management page does; resolves with the call id our app saw. */
async function ring(app: App, orig: string): Promise<string> {
  const before = new Set(voiceCalls(app).map((i) => i.id));
  await genesys.sim('/sim/manage/voice/create-call', { callType: 'Inbound', agent: AGENT.user, orig });
  return (await until(() => voiceCalls(app).find((i) => !before.has(i.id)))).id;
}

/** What WWE or a softphone does for the agent: a call on the agent's own Workspace session (its cookie). */
function asAgent(path: string, body: unknown = {}): Promise<Response> {
  const cookie = proxy.log.findLast((r) => r.path.endsWith('/activate-channels'))?.cookie ?? '';
  return fetch(`${genesys.url}/workspace/v3${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: cookie },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
}

describe.skipIf(!installed)("Genesys's Workspace simulator", () => {
  it('signs in through the WWE flow, activates the channels, and every API request carries the key', async () => {
    const from = proxy.log.length;
    await signedIn();
    const mine = proxy.log.slice(from);
    const init = mine.find((r) => r.path === '/workspace/v3/initialize-workspace');
    expect(init).toBeDefined();
    expect(mine.some((r) => r.path === '/workspace/v3/notifications')).toBe(true);
    expect(mine.some((r) => r.path === '/workspace/v3/activate-channels')).toBe(true);
    expect(mine.filter((r) => r.refused)).toEqual([]);
    expect(
      mine
        .filter((r) => r.path.startsWith('/workspace/v3/') && r.path !== '/workspace/v3/start')
        .every((r) => r.apiKey === API_KEY),
    ).toBe(true);
  });

  it('a call rung with create-call appears; a co-browse join writes attached data Genesys reports; release ends co-browse', async () => {
    const app = await signedIn();
    const callId = await ring(app, '+15550123');
    expect(interaction(app, callId)).toMatchObject({ media: 'voice', customerName: '+15550123' });

    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: callId, via: 'typed' });
    await app.engine.outboxDrained();
    const reported = (await genesys.sim(
      `/sim/monitor/get-ixn-user-data?id=${encodeURIComponent(callId)}`,
    )) as {
      key: string;
      value: unknown;
    }[];
    const byKey = Object.fromEntries(reported.map((p) => [p.key, p.value]));
    expect(byKey).toMatchObject({
      CoBrowseAssociated: 'Yes',
      // An integer, as ADOverview types it: sent as a KVList `int`, reported back as a number.
      CoBrowseSessionsQuantity: 1,
      CoBrowseSessionId: customer.joined.sessionHistoryId,
    });

    expect((await asAgent(`/voice/calls/${callId}/release`)).ok).toBe(true);
    await expect.poll(() => interaction(app, callId)?.state).toBe('closed');
    expect(app.engine.getState().sessions.find((s) => s.interactionId === callId)).toMatchObject({
      phase: 'ended',
      endReason: 'call-ended-or-transferred',
    });
  });

  it('a two-step transfer (consult, then complete-transfer) is told apart from a hang-up', async () => {
    const app = await signedIn();
    const callId = await ring(app, '+15550321');
    expect((await asAgent(`/voice/calls/${callId}/answer`)).ok).toBe(true);
    const colleague = '+33298025011'; // ThomasWatson in Genesys's agents.yaml
    expect(
      (await asAgent(`/voice/calls/${callId}/initiate-transfer`, { data: { destination: colleague } })).ok,
    ).toBe(true);
    const listed = (await genesys.sim(`/sim/monitor/get-interactions?agent=${AGENT.user}`)) as {
      id: string;
      type: string;
    }[];
    const consult = listed.find((i) => i.type === 'Consult');
    expect(consult).toBeDefined();
    // Genesys's simulator never answers complete-transfer (its handler sends no reply): its events are what count.
    void asAgent(`/voice/calls/${consult!.id}/complete-transfer`, { data: { parentConnId: callId } }).catch(
      () => undefined,
    );
    await expect.poll(() => interaction(app, callId)?.state).toBe('transferred');
    // The consult leg was never an interaction of its own.
    expect(interaction(app, consult!.id)).toBeUndefined();
  });

  it('a dropped notification channel: the source goes down, comes back, and a call rung meanwhile appears', async () => {
    const app = await signedIn();
    proxy.dropNotifications(1500);
    await expect.poll(() => app.engine.getState().source.state).toBe('down');
    expect(app.engine.getState().source.detail?.code).toBe('notifications-lost');
    await genesys.sim('/sim/manage/voice/create-call', {
      callType: 'Inbound',
      agent: AGENT.user,
      orig: '+15550999',
    });
    await expect.poll(() => app.engine.getState().source.state, { timeout: 10_000 }).toBe('up');
    await expect
      .poll(() => voiceCalls(app).some((i) => i.customerName === '+15550999'), { timeout: 10_000 })
      .toBe(true);
  });

  // Last: it restarts Genesys's simulator, which forgets every session (as an expired or lost server session).
  it('an expired session: the source shows signed-out with what to do; attached data wait in the outbox', async () => {
    const app = await signedIn();
    const callId = await ring(app, '+15550456');
    await genesys.restart();
    await expect.poll(() => app.engine.getState().source.state, { timeout: 15_000 }).toBe('signed-out');
    expect(app.engine.getState().source.detail?.code).toBe('sign-in-expired');
    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: callId, via: 'typed' });
    expect(interaction(app, callId)?.pendingWrites).toBe(1);
  }, 40_000);
});
