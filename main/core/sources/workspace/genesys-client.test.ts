// GENESYS'S OFFICIAL Workspace client (genesys-workspace-client-js, fetched from the registry into the temp dir,
// never a dependency) against OUR Workspace simulator, used as an integrator would: sign-in with a token,
// activate-channels, then a call made, seen, updated, held, transferred and released through its documented
// voice API, with every CallStateChanged read back through the client's own `Call` model. Skipped, saying why,
// only when the registry cannot be reached.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NOTIFICATION_TYPES, SentCall } from '../../../../common/workspace-wire';
import { quietLogger } from '../../../../common/logger';
import { CONTROL_PREFIX, WorkspaceSim, workspaceRoutes } from '../../../../simulator/workspace';
import { until } from '../../test-support/until';
import {
  installGenesysClient,
  loadGenesysClient,
  registryUnreachable,
  type GenesysWorkspaceApi,
} from './test-support/genesys-client';

let dir: string | undefined;
let whyNot: string | undefined;
try {
  dir = await installGenesysClient();
} catch (err) {
  whyNot = await registryUnreachable();
  // The registry answers, so the install itself is broken: that must fail, not skip.
  if (!whyNot) throw err;
}
if (!dir) console.warn(`official Workspace client tests skipped: ${whyNot}`);

const ws = new WorkspaceSim({ log: quietLogger(), longPollMs: 1000 });
const route = workspaceRoutes(ws);
const server = http.createServer((req, res) => {
  if (!route(req, res)) res.writeHead(404).end();
});
let base = '';
const notices: Record<string, unknown>[] = [];
const notificationTypes = new Set<string>();
let api: GenesysWorkspaceApi;

beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  if (api) {
    // The client's destroy() does not wait for its own logout: wait for it here, before the server goes.
    const logouts = ws.counts.logouts;
    await api.destroy();
    await until(() => ws.counts.logouts > logouts);
  }
  ws.close();
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

/** A control route of our simulator (the other side of the call). */
async function control(path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${CONTROL_PREFIX}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

/** The next notice (from index `from`) the client raised for `id` in `state`. */
const seen = (from: number, id: string, state: string) =>
  until(() => notices.slice(from).find((c) => c.id === id && c.state === state));

describe.skipIf(!dir)("Genesys's official Workspace client against our simulator", () => {
  it('signs in with a token, activates the channels as the client does by default', async () => {
    const { WorkspaceApi } = loadGenesysClient(dir!);
    api = new WorkspaceApi(ws.apiKey, base);
    api.on('CallStateChanged', (msg) => {
      notices.push(msg.call);
      notificationTypes.add(msg.notificationType);
    });
    await api.initialize({ token: ws.issueToken() });
    await api.activateChannels();
    expect(ws.lastActivation).toEqual({ agentId: ws.agent.agentLogin, placeName: ws.agent.defaultPlace });
  });

  it('an inbound call: seen ringing with the caller, answered, data updated, held, retrieved, transferred in two steps', async () => {
    const from = notices.length;
    const { interactionId: id } = (await control('/calls', { number: '+15550123', name: 'Ann Lee' })) as {
      interactionId: string;
    };
    const ringing = await seen(from, id, 'Ringing');
    expect(ringing).toMatchObject({
      type: 'Call',
      callType: 'Inbound',
      ani: '+15550123',
      participants: [{ number: '+15550123', role: 'RoleOrigination' }],
      capabilities: expect.arrayContaining(['answer']),
    });
    expect(api.voice.calls.get(id)).toBeDefined();

    await api.voice.answerCall(id);
    await seen(from, id, 'Established');
    await api.voice.updateUserData(id, [{ key: 'Note', type: 'str', value: 'VIP' }]);
    await until(() => ws.call(id).userData.Note === 'VIP');
    await api.voice.holdCall(id);
    expect(await seen(from, id, 'Held')).toMatchObject({
      capabilities: expect.arrayContaining(['retrieve']),
    });
    const held = notices.length;
    await api.voice.retrieveCall(id);
    await seen(held, id, 'Established');

    await api.voice.initiateTransfer(id, '+15550142');
    const consult = await until(() => notices.slice(from).find((c) => c.parentConnId === id));
    expect(consult).toMatchObject({ callType: 'Consult', state: 'Dialing' });
    await api.voice.completeTransfer(consult.id as string, id);
    await seen(from, id, 'Released');
    await seen(from, consult.id as string, 'Completed');
    // The client forgets a Released call, as its VoiceApi does.
    expect(api.voice.calls.has(id)).toBe(false);
  });

  it('an outbound call made with makeCall, listed by GET /voice/calls, then single-step transferred', async () => {
    const from = notices.length;
    const { generated } = loadGenesysClient(dir!);
    expect((await api.voice.makeCall('+15550777')).status.code).toBe(1);
    const dialing = await until(() => notices.slice(from).find((c) => c.state === 'Dialing'));
    const id = dialing.id as string;
    expect(dialing).toMatchObject({ callType: 'Outbound', dnis: '+15550777' });
    await seen(from, id, 'Established');
    const listed = await new generated.VoiceApi(api.agent).getCalls();
    expect(listed.data.calls.map((c) => c.id)).toContain(id);
    await api.voice.singleStepTransfer(id, '+15550142');
    await seen(from, id, 'Released');
  });

  it('a call renumbered by the server and released by the agent; every notice carries every field of the client Call model', async () => {
    const from = notices.length;
    const { interactionId: id } = (await control('/calls', { number: '+15550456' })) as {
      interactionId: string;
    };
    await seen(from, id, 'Ringing');
    await api.voice.answerCall(id);
    await seen(from, id, 'Established');
    // The server renumbers the call (as for the target of a two-step transfer): the client follows it.
    const renumbered = ws.voice.renumber(id);
    expect(await seen(from, renumbered, 'Established')).toMatchObject({ previousConnId: id });
    expect([api.voice.calls.has(renumbered), api.voice.calls.has(id)]).toEqual([true, false]);
    await api.voice.releaseCall(renumbered);
    await seen(from, renumbered, 'Released');

    const { generated } = loadGenesysClient(dir!);
    const modelFields = Object.keys(generated.Call.prototype).sort();
    // Present only when they apply (the model says so): a renumbered call, a consult call.
    const conditional = ['previousConnId', 'parentConnId'];
    for (const call of notices) {
      const missing = modelFields.filter((f) => !(f in call) && !conditional.includes(f));
      expect(missing, `call ${String(call.id)} ${String(call.state)}`).toEqual([]);
    }
    for (const field of conditional)
      expect(
        notices.some((c) => field in c),
        field,
      ).toBe(true);
    expect(new Set(notices.map((c) => c.state))).toEqual(
      new Set(['Ringing', 'Dialing', 'Established', 'Held', 'Released', 'Completed']),
    );
    // Strict in what we send: each call is exactly SentCall, no field more.
    for (const call of notices) expect(SentCall.safeParse(call).error).toBeUndefined();
    expect(
      [...notificationTypes].filter((t) => !(CALL_NOTIFICATION_TYPES as readonly string[]).includes(t)),
    ).toEqual([]);
    expect(notificationTypes).toContain('AttachedDataChanged');
  });
});
