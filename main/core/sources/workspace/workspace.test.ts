// The Workspace connector end to end against OUR Workspace simulator (fast; Genesys's own simulator is in
// genesys-sim.test.ts): the real engine and Controller against the co-browse simulator, with the Workspace API
// simulator mounted on the same port (real HTTP, real CometD). Attached data are asserted where they land: on
// the simulated Workspace interaction.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../simulator/test-support/session-setup';
import { WorkspaceSim, workspaceRoutes } from '../../../../simulator/workspace';
import { channels, Role } from '../../../../common/protocol';
import type { InteractionEngine } from '../../interactions/engine';
import { startEngine } from '../../interactions/test-harness';
import { createLogger, quietLogger } from '../../../../common/logger';
import { historyEntryOf } from '../../history/history';
import { FakeFileSecretStore } from './fake-secret-store.test-support';
import { createWorkspaceSource, type WorkspaceSource } from './source';

const ws = new WorkspaceSim({ log: quietLogger(), longPollMs: 1000 });
const fixture = useSimulator({ nodes: 2, routes: [workspaceRoutes(ws)] });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface App {
  engine: InteractionEngine;
  source: WorkspaceSource;
  secrets: FakeFileSecretStore;
  statuses: string[];
}

/** Follows the authorize redirect like the system browser would, landing on the app's loopback listener. */
async function browser(url: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`sign-in page answered ${res.status}`);
}

async function startApp(secretsFile?: string, apiKey = ws.apiKey, dn = ''): Promise<App> {
  const dir = await mkdtemp(join(tmpdir(), 'workspace-'));
  const log = process.env.WSDEBUG ? createLogger({ level: 'debug' }) : quietLogger();
  const secrets = new FakeFileSecretStore(secretsFile ?? join(dir, 'secrets.json'));
  const source = createWorkspaceSource({
    workspaceUrl: fixture.sim.url,
    clientId: ws.clientId,
    apiKey,
    dn,
    secrets,
    openBrowser: browser,
    log,
    retryMs: 200,
    requestTimeoutMs: 5000,
  });
  const { controller, engine } = await startEngine(fixture.sim.url, source, dir, log);
  const statuses: string[] = [];
  engine.subscribe((s) => {
    const line = `${s.source.state}: ${s.source.detail?.code ?? ''}`;
    if (statuses.at(-1) !== line) statuses.push(line);
  });
  await engine.start();
  cleanups.push(async () => {
    await engine.close();
    await controller.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { engine, source, secrets, statuses };
}

async function signedIn(): Promise<App> {
  const app = await startApp();
  expect(app.engine.getState().source.state).toBe('signed-out');
  await app.source.signIn();
  expect(app.engine.getState().source).toMatchObject({ kind: 'workspace', state: 'up' });
  return app;
}

const interaction = (app: App, id: string) => app.engine.getState().interactions.find((i) => i.id === id);
const sessionOn = (app: App, id: string) =>
  app.engine.getState().sessions.filter((s) => s.interactionId === id);

async function chatCobrowse(app: App) {
  const customer = await fixture.customerSession();
  const id = ws.openChat('Ann Lee');
  await expect.poll(() => interaction(app, id)?.customerName).toBe('Ann Lee');
  ws.say(id, 'customer', `{start:${customer.sessionToken}}`);
  await expect.poll(() => sessionOn(app, id).at(-1)?.phase).toBe('joined');
  return { id, customer };
}

describe('chats through the Workspace API', () => {
  it('signs in as WWE does (code to initialize-workspace), sees a chat, joins on {start:…} and writes the attached data', async () => {
    const activations = ws.counts.activations;
    const app = await signedIn();
    expect(ws.counts.activations).toBe(activations + 1);
    // As Genesys's clients: the agent's login and default place from the initialization data.
    expect(ws.lastActivation).toEqual({ agentId: ws.agent.agentLogin, placeName: ws.agent.defaultPlace });
    // What is kept is the session initialize-workspace opened, never the one-shot code.
    const stored = await app.secrets.all();
    expect(Object.keys(stored)).toEqual([`workspace-session:${new URL(fixture.sim.url).origin}`]);
    expect(JSON.parse(Object.values(stored)[0]!)).toMatchObject({
      kind: 'session',
      cookie: expect.stringMatching(/WORKSPACE_SESSIONID=/),
    });

    const { id, customer } = await chatCobrowse(app);
    await app.engine.outboxDrained();
    expect(ws.chat(id).userData).toEqual({
      CoBrowseAssociated: 'Yes',
      CoBrowseSessionsQuantity: '1',
      CoBrowseSessionId: customer.joined.sessionHistoryId,
      IsCoBrowseDenied: 'No',
    });
    // KVList types as Genesys reporting reads them: the quantity an `int`.
    expect(ws.chat(id).writes[0]!.pairs).toContainEqual({
      key: 'CoBrowseSessionsQuantity',
      type: 'int',
      value: 1,
    });
    expect(ws.chat(id).writes[0]!.pairs).toContainEqual({
      key: 'CoBrowseAssociated',
      type: 'str',
      value: 'Yes',
    });
    await fixture.member(customer.sessionToken, customer.sessionServerName, Role.agent);
    await expect.poll(() => sessionOn(app, id)[0]?.phase).toBe('active');
    await app.engine.outboxDrained();
    const activatedAt = sessionOn(app, id)[0]!.activatedAt!;
    expect(ws.chat(id).userData.CoBrowseStartTime).toBe(String(activatedAt));
    expect(ws.chat(id).writes).toHaveLength(2);
  });

  it('an agent message with a token never joins; the offer before accept is not an interaction', async () => {
    const app = await signedIn();
    const { sessionToken } = await fixture.customerSession();
    const id = ws.openChat();
    ws.say(id, 'agent', `{start:${sessionToken}}`);
    ws.say(id, 'customer', 'hello');
    await expect
      .poll(() => interaction(app, id)?.timeline.map((t) => ('params' in t ? t.params : null)))
      .toContainEqual({ from: 'customer', text: 'hello' });
    expect(app.engine.getState().sessions).toEqual([]);
    expect(app.engine.getState().interactions.filter((i) => i.id === id)).toHaveLength(1);
  });

  const ends = [
    ['transfer', (id: string) => ws.transfer(id, 'Billing')],
    ['completion', (id: string) => ws.complete(id)],
  ] as const;
  for (const [name, act] of ends)
    it(`${name} (Completed for this agent) ends co-browse: "the chat ended or was transferred"`, async () => {
      const app = await signedIn();
      const { id, customer } = await chatCobrowse(app);
      act(id);
      await expect.poll(() => interaction(app, id)?.state).toBe('closed');
      expect(sessionOn(app, id)[0]).toMatchObject({
        phase: 'ended',
        endReason: 'chat-ended-or-transferred',
      });
      expect(await customer.customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    });
});

describe('calls through the Workspace API', () => {
  it('an answered call is an interaction; attached data go through the voice endpoint; release closes it', async () => {
    const app = await signedIn();
    const callId = ws.openCall('+15550123');
    await expect
      .poll(() => interaction(app, callId))
      .toMatchObject({ media: 'voice', customerName: '+15550123' });
    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: callId, via: 'typed' });
    await app.engine.outboxDrained();
    expect(ws.call(callId).userData).toMatchObject({
      CoBrowseAssociated: 'Yes',
      CoBrowseSessionsQuantity: '1',
    });
    ws.releaseCall(callId);
    await expect.poll(() => interaction(app, callId)?.state).toBe('closed');
    expect(sessionOn(app, callId)[0]).toMatchObject({
      phase: 'ended',
      endReason: 'call-ended-or-transferred',
    });
  });

  it("the caller as Genesys gives it: the name from the call's data on the card with the number; History keeps the number masked", async () => {
    const app = await signedIn();
    const named = ws.voice.ring('+15550123', 'Ann Lee');
    await expect
      .poll(() => interaction(app, named))
      .toMatchObject({ media: 'voice', customerName: 'Ann Lee', caller: '+15550123', state: 'active' });
    const unnamed = ws.voice.ring('+15550777');
    await expect
      .poll(() => interaction(app, unnamed))
      .toMatchObject({ customerName: '+15550777', caller: '+15550777' });
    // Calls outlive an app here (the simulator is shared): end this one for the next test.
    ws.releaseCall(unnamed);

    ws.voice.answer(named);
    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: named, via: 'typed' });
    ws.releaseCall(named);
    await expect.poll(() => sessionOn(app, named)[0]?.phase).toBe('ended');
    expect(historyEntryOf(sessionOn(app, named)[0]!, interaction(app, named))).toMatchObject({
      customerName: 'Ann Lee',
      caller: '+****0123',
      media: 'voice',
    });
  });

  it('a call the server renumbers (previousConnId) stays one interaction: its data go to the new id, its release ends co-browse', async () => {
    const app = await signedIn();
    const first = ws.openCall('+15550888');
    await expect.poll(() => interaction(app, first)).toBeDefined();
    const renumbered = ws.voice.renumber(first);
    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: first, via: 'typed' });
    await app.engine.outboxDrained();
    expect(ws.call(renumbered).userData).toMatchObject({ CoBrowseAssociated: 'Yes' });
    expect(
      app.engine.getState().interactions.filter((i) => i.media === 'voice' && i.state === 'active'),
    ).toHaveLength(1);
    ws.releaseCall(renumbered);
    await expect.poll(() => interaction(app, first)?.state).toBe('closed');
    expect(sessionOn(app, first)[0]).toMatchObject({
      phase: 'ended',
      endReason: 'call-ended-or-transferred',
    });
  });

  it('a two-step transfer (consult call, then Released) is told apart: the interaction is transferred', async () => {
    const app = await signedIn();
    const callId = ws.openCall();
    await expect.poll(() => interaction(app, callId)).toBeDefined();
    ws.transferCall(callId);
    await expect.poll(() => interaction(app, callId)?.state).toBe('transferred');
    // The consult leg is never an interaction of its own.
    expect(app.engine.getState().interactions.filter((i) => i.media === 'voice')).toHaveLength(1);
  });
});

describe('faults', () => {
  it('the notification channel drops: the source goes down, reconnects, and the chat message sent meanwhile still joins', async () => {
    const app = await signedIn();
    const id = ws.openChat();
    await expect.poll(() => interaction(app, id)).toBeDefined();
    const customer = await fixture.customerSession();
    ws.dropNotifications(1500);
    ws.say(id, 'customer', `{start:${customer.sessionToken}}`);
    await expect.poll(() => app.engine.getState().source.state).toBe('down');
    expect(app.engine.getState().source.detail?.code).toBe('notifications-lost');
    await expect.poll(() => app.engine.getState().source.state, { timeout: 10_000 }).toBe('up');
    await expect.poll(() => sessionOn(app, id).at(-1)?.phase).toBe('joined');
    expect(sessionOn(app, id)).toHaveLength(1);
  });

  it('an expired sign-in turns the source signed-out with a clear detail; signing in again delivers the pending writes', async () => {
    const app = await signedIn();
    const id = ws.openChat();
    await expect.poll(() => interaction(app, id)).toBeDefined();
    ws.expireSessions();
    await expect.poll(() => app.engine.getState().source.state, { timeout: 5000 }).toBe('signed-out');
    expect(app.engine.getState().source.detail?.code).toBe('sign-in-expired');
    expect(await app.secrets.all()).toEqual({});

    const customer = await fixture.customerSession();
    await app.engine.join(customer.sessionToken, { interactionId: id, via: 'typed' });
    expect(interaction(app, id)?.pendingWrites).toBe(1);
    await app.source.signIn();
    await app.engine.outboxDrained();
    expect(ws.chat(id).userData.CoBrowseSessionId).toBe(customer.joined.sessionHistoryId);
  });

  it('5xx on update-user-data: the outbox retries until the write lands, applied once', async () => {
    const app = await signedIn();
    const before = ws.counts.updateRequests;
    ws.failUpdateUserData(2);
    const { id } = await chatCobrowse(app);
    await app.engine.outboxDrained();
    expect(ws.counts.updateRequests - before).toBe(3);
    expect(ws.chat(id).writes).toHaveLength(1);
    expect(ws.chat(id).userData.CoBrowseAssociated).toBe('Yes');
  });
});

describe('sign-in', () => {
  it('without the API key the gateway refuses: signed-out, saying which setting to set', async () => {
    const refused = ws.counts.missingKey;
    const app = await startApp(undefined, '');
    await app.source.signIn();
    expect(app.engine.getState().source).toMatchObject({ state: 'signed-out' });
    expect(app.engine.getState().source.detail?.code).toBe('sign-in-refused');
    expect(ws.counts.missingKey).toBeGreaterThan(refused);
  });

  it('activate-channels takes the configured DN over the default place', async () => {
    const app = await startApp(undefined, ws.apiKey, '5001');
    await app.source.signIn();
    expect(app.engine.getState().source.state).toBe('up');
    expect(ws.lastActivation).toEqual({ agentId: ws.agent.agentLogin, dn: '5001' });
  });

  it('a restart resumes the stored session; sign-out logs it out and forgets it', async () => {
    const first = await signedIn();
    const open = ws.openChat('Still Open');
    await expect.poll(() => interaction(first, open)).toBeDefined();
    const second = await startApp(first.secrets.file);
    expect(second.engine.getState().source.state).toBe('up');
    // The resumed session re-activates its channels and recovers the agent's open chat.
    await expect.poll(() => interaction(second, open)?.customerName).toBe('Still Open');
    const logouts = ws.counts.logouts;
    await second.source.signOut();
    expect(second.engine.getState().source).toMatchObject({ state: 'signed-out' });
    expect(ws.counts.logouts).toBe(logouts + 1);
    expect(await second.secrets.all()).toEqual({});
  });

  it('a pasted token signs in without the browser', async () => {
    const app = await startApp();
    await app.source.useToken(`Bearer ${ws.issueToken()}`);
    expect(app.engine.getState().source.state).toBe('up');
    const callId = ws.openCall('+15550777');
    await expect.poll(() => interaction(app, callId)?.customerName).toBe('+15550777');
  });
});
