// The history through the composition root, over real sockets (embedded demo): a chat's co-browse session,
// ended by the agent, is in the `history` reply with its customer and attached data written, and still there
// after the app restarts on the same data folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../common/contract';
import { CreateSessionResponse } from '../../../common/protocol';
import { quietLogger } from '../../../common/logger';
import { rest } from '../../../simulator/test-support/rest';
import { startEmbeddedDemo } from '../../demo/embedded';
import { createAppCore } from '../app-core';
import { until } from '../test-support/until';

let dir = '';
afterAll(() => rm(dir, { recursive: true, force: true }));

const start = () =>
  createAppCore({
    startDemo: startEmbeddedDemo,
    dataDir: dir,
    settings: {
      userSettingsPath: join(dir, 'settings.json'),
      managedSettingsPath: join(dir, 'managed.json'),
    },
    log: quietLogger(),
    localApiPort: 0,
  });
const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const historyOf = async (core: Awaited<ReturnType<typeof start>>) => {
  const reply = await core.dispatch('history', {});
  if (!reply.ok) throw new Error(reply.error.code);
  return (reply.value as { entries: HistoryEntry[] }).entries;
};

it("keeps the day's co-browse sessions across a restart", async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-history-'));
  const core = await start();
  await until(() => core.getState().source.state === 'up');
  const sim = core.getState().service.url;
  const { interactionId } = (await (
    await post(`${sim}/sim/interactions/chats`, { customerName: 'Grace' })
  ).json()) as {
    interactionId: string;
  };
  const { sessionToken } = CreateSessionResponse.parse(
    (await rest(sim, '/sessions', { method: 'POST' })).body,
  );
  await post(`${sim}/sim/interactions/chats/${interactionId}/messages`, { text: `{start:${sessionToken}}` });
  const session = await until(() =>
    core.getState().sessions.find((s) => s.interactionId === interactionId && s.phase === 'joined'),
  );
  expect((await core.dispatch('exit', { sessionId: session.id })).ok).toBe(true);
  // Settled once the chat's last attached-data write was acknowledged.
  await until(() =>
    core
      .getState()
      .interactions.find(
        (i) => i.id === interactionId && i.pendingWrites === 0 && i.attachedData.CoBrowseAssociated === 'No',
      ),
  );
  const written = (await historyOf(core))[0]!;
  expect(written).toMatchObject({ customerName: 'Grace', interactionId, media: 'chat' });
  expect(written.sessionId).toBe(`******${sessionToken.slice(-3)}`);
  await core.close();

  const restarted = await start();
  try {
    expect(await historyOf(restarted)).toEqual([written]);
  } finally {
    await restarted.close();
  }
});
