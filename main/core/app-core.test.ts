// The composition root in demo mode, end to end over real sockets: embedded simulator + chat desk, a chat
// `{start:…}` joins, attached data land on the chat; settings are saved, locked during a session, and a new
// service URL takes effect after it; a settings file with problems still starts, and says so.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppState } from '../../common/contract';
import { createAppCore, type AppCore } from './app-core';
import { quietLogger } from '../../common/logger';
import { rest } from '../../simulator/test-support/rest';
import { CreateSessionResponse } from '../../common/protocol';
import { until } from './test-support/until';
import { startEmbeddedDemo } from '../demo/embedded';

const open: { core: AppCore; dir: string }[] = [];
afterEach(async () => {
  for (const { core, dir } of open.splice(0)) {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  }
});

async function start(userSettings?: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'app-core-'));
  const userSettingsPath = join(dir, 'settings.json');
  if (userSettings !== undefined) await writeFile(userSettingsPath, JSON.stringify(userSettings));
  const core = await createAppCore({
    startDemo: startEmbeddedDemo,
    dataDir: dir,
    settings: { userSettingsPath, managedSettingsPath: join(dir, 'managed.json') },
    log: quietLogger(),
    localApiPort: 0,
  });
  open.push({ core, dir });
  return core;
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('app core', () => {
  it('demo mode: a chat {start:…} joins and the attached data land on the chat', async () => {
    const core = await start();
    const state = AppState.parse(core.getState()); // what both hosts send is the contract's shape
    expect(state.mode).toBe('demo');
    expect(state.service.demoCustomerUrl).toMatch(/\/cobrowse\/demo\/$/);
    await until(() => core.getState().source.state === 'up');

    const sim = state.service.url;
    const opened = await post(`${sim}/sim/interactions/chats`, { customerName: 'Grace' });
    const { interactionId } = (await opened.json()) as { interactionId: string };
    const created = await rest(sim, '/sessions', { method: 'POST' });
    const { sessionToken } = CreateSessionResponse.parse(created.body);
    await post(`${sim}/sim/interactions/chats/${interactionId}/messages`, {
      text: `{start:${sessionToken}}`,
    });

    const session = await until(() =>
      core.getState().sessions.find((s) => s.interactionId === interactionId),
    );
    await until(() => core.getState().agentView);
    expect(session.token).toBe(sessionToken); // shown back to the agent; masked only in logs
    const data = await until(() => {
      const i = core.getState().interactions.find((x) => x.id === interactionId);
      return i && i.pendingWrites === 0 && i.attachedData.CoBrowseSessionId ? i.attachedData : undefined;
    });
    expect(data).toMatchObject({ CoBrowseAssociated: 'Yes', CoBrowseSessionsQuantity: 1 });
    const onChat = (await (await fetch(`${sim}/sim/interactions/chats/${interactionId}`)).json()) as {
      attachedData: Record<string, string>;
    };
    expect(onChat.attachedData.CoBrowseSessionId).toBe(data.CoBrowseSessionId);
  });

  it('saves settings, refuses connection changes during a session, applies them after', async () => {
    const core = await start();
    await until(() => core.getState().connection.detail?.code === 'service-reachable');
    const sim = core.getState().service.url;
    const created = CreateSessionResponse.parse((await rest(sim, '/sessions', { method: 'POST' })).body);
    const joined = await core.dispatch('join', { token: created.sessionToken, interactionId: null });
    expect(joined.ok).toBe(true);
    const sessionId = (joined as { value: { sessionId: string } }).value.sessionId;
    await until(() => core.getState().sessions.find((s) => s.id === sessionId && s.phase === 'joined'));

    // A deep link while a session is live: nobody waits for its reply, so the refusal is main's lastError.
    core.joinFromLink('123456780');
    const busy = await until(() => core.getState().lastError);
    expect(busy).toMatchObject({ code: 'session-live', params: { token: created.sessionToken } });
    expect(core.getState().sessions).toHaveLength(1);

    const refused = await core.dispatch('updateSettings', { stickiness: 'url' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'settings-during-session' } });
    // The agent may switch the sidebar's language mid-session.
    const harmless = await core.dispatch('updateSettings', { debug: true, language: 'ar' });
    expect(harmless).toMatchObject({ ok: true, value: { debug: true, language: 'ar' } });
    await until(() => core.getState().agentView?.url.includes('debug=1'));

    expect((await core.dispatch('stop', { sessionId })).ok).toBe(true);
    await until(() => core.getState().sessions.find((s) => s.id === sessionId && s.phase === 'ended'));
    const later = await core.dispatch('updateSettings', {
      serviceUrl: 'http://127.0.0.1:9',
      stickiness: 'url',
    });
    expect(later).toMatchObject({ ok: true, value: { serviceUrl: 'http://127.0.0.1:9', stickiness: 'url' } });
    expect(core.getState().mode).toBe('live'); // the embedded demo stopped
    const down = await until(() => core.getState().connection.state === 'lost' && core.getState().connection);
    expect(down.detail).toMatchObject({ code: 'service-unreachable', params: { host: '127.0.0.1:9' } });

    // The new service is down: a join says so, specifically.
    const r = await core.dispatch('join', { token: '123456789', interactionId: null });
    // The reply carries the settled outcome, not just an id to watch.
    expect(r).toMatchObject({ ok: true, value: { outcome: 'failed', error: { code: 'unreachable' } } });
    const id = (r as { value: { sessionId: string } }).value.sessionId;
    const failed = await until(() => core.getState().sessions.find((s) => s.id === id && s.error));
    expect(failed.error?.code).toBe('unreachable');

    const bad = await core.dispatch('updateSettings', { serviceUrl: 'ftp://nope' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'settings-invalid' } });
  });

  it('starts with safe defaults when the settings file has problems, and shows them', async () => {
    const core = await start({ transport: 'carrier-pigeon', agentName: 'Ada' });
    const state = core.getState();
    expect(state.settings.agentName).toBe('Ada');
    expect(state.settings.transport).toBe('long-polling');
    expect(state.lastError).toMatchObject({
      code: 'settings-problem',
      params: { problem: expect.stringContaining('transport') },
    });
    expect((await core.dispatch('dismissError', {})).ok).toBe(true);
    expect(core.getState().lastError).toBeNull();
  });
});

describe('app core with the Workspace API source (demo: embedded Workspace simulator)', () => {
  it('switches source, signs in through the page-opened URL, and a Workspace chat {start:…} joins', async () => {
    const core = await start();
    expect(core.getState().source.kind).toBe('local-api');
    expect(await core.dispatch('workspaceSignIn', {})).toMatchObject({
      ok: false,
      error: { code: 'not-workspace' },
    });

    const switched = await core.dispatch('updateSettings', { source: 'workspace' });
    expect(switched).toMatchObject({ ok: true, value: { source: 'workspace' } });
    await until(
      () => core.getState().source.kind === 'workspace' && core.getState().source.state === 'signed-out',
    );
    expect(core.getState().mode).toBe('demo');
    expect(core.localApi()).toBeNull();

    // The web edition's way: the reply carries the sign-in URL, the page opens it (here: fetch follows it).
    const signIn = await core.dispatch('workspaceSignIn', {});
    const openUrl = (signIn as { value: { openUrl: string } }).value.openUrl;
    expect(openUrl).toMatch(/\/auth\/v3\/oauth\/authorize\?response_type=code&/);
    expect((await fetch(openUrl)).ok).toBe(true);
    await until(() => core.getState().source.state === 'up');

    const sim = core.getState().service.url;
    const opened = await post(`${sim}/sim/interactions/chats`, { customerName: 'Linus' });
    const { interactionId } = (await opened.json()) as { interactionId: string };
    const { sessionToken } = CreateSessionResponse.parse(
      (await rest(sim, '/sessions', { method: 'POST' })).body,
    );
    await post(`${sim}/sim/interactions/chats/${interactionId}/messages`, {
      text: `{start:${sessionToken}}`,
    });
    const session = await until(() =>
      core.getState().sessions.find((s) => s.phase === 'joined' && s.interactionId !== null),
    );
    expect(core.getState().interactions.find((i) => i.id === session.interactionId)?.media).toBe('chat');

    expect(await core.dispatch('workspaceSignOut', {})).toMatchObject({
      ok: false,
      error: { code: 'sign-out-during-session' },
    });
    expect((await core.dispatch('stop', { sessionId: session.id })).ok).toBe(true);
    await until(() => core.getState().sessions.find((s) => s.id === session.id && s.phase === 'ended'));
    expect((await core.dispatch('workspaceSignOut', {})).ok).toBe(true);
    await until(() => core.getState().source.state === 'signed-out');
  });
});
