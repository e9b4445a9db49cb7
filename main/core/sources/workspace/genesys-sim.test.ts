// The Workspace connector against GENESYS'S OWN Workspace simulator (agent-api-simulator, run as its README
// says, from a copy of the shared folder's genesys-agent-api-simulator) behind a recording proxy that refuses any API
// call without the API key: the real engine and Controller, the co-browse simulator for the co-browse side.
// Genesys's simulator has voice, not chat; what it reports (`/sim/monitor/…`) is the ground truth here. Our own
// Workspace simulator runs beside it, so the same call can be played on both and the cards compared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../simulator/test-support/session-setup';
import { WorkspaceSim, workspaceRoutes } from '../../../../simulator/workspace';
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

const ours = new WorkspaceSim({ log: quietLogger(), longPollMs: 1000 });
const fixture = useSimulator({ routes: [workspaceRoutes(ours)] });
let genesys: GenesysSim;
let proxy: RecordingProxy;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  if (!installed) return;
  genesys = await startGenesysSim(installed);
  proxy = await startRecordingProxy(genesys.url, API_KEY);
}, 60_000);
afterAll(async () => {
  ours.close();
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

interface Target {
  url: string;
  clientId: string;
  apiKey: string;
  openBrowser: (url: string) => Promise<void>;
}

async function startApp(target: Target): Promise<App> {
  const dir = await mkdtemp(join(tmpdir(), 'genesys-ws-'));
  const log = process.env.WSDEBUG ? createLogger({ level: 'debug' }) : quietLogger();
  const source = createWorkspaceSource({
    workspaceUrl: target.url,
    clientId: target.clientId,
    apiKey: target.apiKey,
    secrets: new FakeFileSecretStore(join(dir, 'secrets.json')),
    openBrowser: target.openBrowser,
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
  return { engine, source };
}

/** Our app signed in to Genesys's simulator (through the recording proxy) as the agent of its agents.yaml. */
async function signedIn(): Promise<App> {
  const app = await startApp({
    url: proxy.url,
    clientId: 'wwe-desktop',
    apiKey: API_KEY,
    openBrowser: (url) => signInAsAgent(url, AGENT.user, AGENT.password),
  });
  expect(app.engine.getState().source).toMatchObject({
    state: 'up',
    detail: { code: 'signed-in', params: expect.objectContaining({ user: AGENT.user }) },
  });
  return app;
}

/** Our app signed in to our simulator (its sign-in page signs the agent in at once). */
async function signedInOurs(): Promise<App> {
  const app = await startApp({
    url: fixture.sim.url,
    clientId: ours.clientId,
    apiKey: ours.apiKey,
    openBrowser: async (url) => void (await fetch(url)).arrayBuffer(),
  });
  expect(app.engine.getState().source.state).toBe('up');
  return app;
}

const interaction = (app: App, id: string) => app.engine.getState().interactions.find((i) => i.id === id);
const voiceCalls = (app: App) => app.engine.getState().interactions.filter((i) => i.media === 'voice');
/** What the interaction card shows. */
const card = (app: App, id: string) => {
  const i = interaction(app, id);
  return i && { media: i.media, customerName: i.customerName, caller: i.caller, state: i.state };
};

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

  it("the same calls on Genesys's simulator and on ours give the same cards, step by step", async () => {
    const theirs = await signedIn();
    const mine = await signedInOurs();
    const same = async (g: string, o: string) => {
      await expect.poll(() => card(mine, o)).toEqual(card(theirs, g));
      return card(theirs, g);
    };

    const g = await ring(theirs, '+15550654');
    const o = ours.voice.ring('+15550654');
    await until(() => interaction(mine, o));
    expect(await same(g, o)).toEqual({
      media: 'voice',
      customerName: '+15550654',
      caller: '+15550654',
      state: 'active',
    });
    for (const step of ['answer', 'hold', 'retrieve'] as const) {
      expect((await asAgent(`/voice/calls/${g}/${step}`)).ok).toBe(true);
      ours.voice[step](o);
      await same(g, o);
    }
    expect((await asAgent(`/voice/calls/${g}/release`)).ok).toBe(true);
    ours.voice.release(o);
    await expect.poll(() => interaction(theirs, g)?.state).toBe('closed');
    expect(await same(g, o)).toMatchObject({ state: 'closed' });

    // A two-step transfer to a colleague: transferred on both.
    const g2 = await ring(theirs, '+15550655');
    const o2 = ours.voice.ring('+15550655');
    await until(() => interaction(mine, o2));
    expect((await asAgent(`/voice/calls/${g2}/answer`)).ok).toBe(true);
    ours.voice.answer(o2);
    const colleague = '+33298025011'; // ThomasWatson in Genesys's agents.yaml
    expect(
      (await asAgent(`/voice/calls/${g2}/initiate-transfer`, { data: { destination: colleague } })).ok,
    ).toBe(true);
    const consult = ours.voice.initiateTransfer(o2, colleague);
    const listed = (await genesys.sim(`/sim/monitor/get-interactions?agent=${AGENT.user}`)) as {
      id: string;
      type: string;
    }[];
    const theirConsult = listed.findLast((i) => i.type === 'Consult')!;
    // Genesys's simulator never answers complete-transfer (its handler sends no reply): its events are what count.
    void asAgent(`/voice/calls/${theirConsult.id}/complete-transfer`, { data: { parentConnId: g2 } }).catch(
      () => undefined,
    );
    ours.voice.completeTransfer(consult);
    await expect.poll(() => interaction(theirs, g2)?.state).toBe('transferred');
    expect(await same(g2, o2)).toMatchObject({ state: 'transferred' });
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
