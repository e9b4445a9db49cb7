// The Workspace simulator's control routes for calls, beside the chat ones and in the same shapes: make a call
// (201 and its id), read its state and attached data, act on it; and Workspace API call control refusing what
// the call's state does not offer, as its capabilities say.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_HEADER } from '../../common/workspace-wire';
import { quietLogger } from '../../common/logger';
import { CONTROL_PREFIX, WorkspaceSim, workspaceRoutes } from './index';

const ws = new WorkspaceSim({ log: quietLogger() });
const route = workspaceRoutes(ws);
const server = http.createServer((req, res) => {
  if (!route(req, res)) res.writeHead(404).end();
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  ws.close();
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const control = (method: string, path: string, body?: unknown) =>
  call(method, `${CONTROL_PREFIX}${path}`, body);

describe('call control routes', () => {
  it('make, read, answer, hold, retrieve and release a call, in the shapes of the chat routes', async () => {
    const made = await control('POST', '/calls', { number: '+15550123', name: 'Ann Lee' });
    const chat = await control('POST', '/chats', { customerName: 'Ann Lee' });
    expect(made.status).toBe(chat.status);
    expect(Object.keys(made.body)).toEqual(Object.keys(chat.body));
    const id = made.body.interactionId as string;
    expect(await control('GET', `/calls/${id}`)).toEqual({
      status: 200,
      body: {
        interactionId: id,
        state: 'Ringing',
        callType: 'Inbound',
        number: '+15550123',
        attachedData: { FirstName: 'Ann Lee' },
      },
    });
    for (const [action, state] of [
      ['answer', 'Established'],
      ['hold', 'Held'],
      ['retrieve', 'Established'],
      ['release', 'Released'],
    ] as const) {
      expect(await control('POST', `/calls/${id}/${action}`)).toEqual({ status: 202, body: { ok: true } });
      expect((await control('GET', `/calls/${id}`)).body.state).toBe(state);
    }
  });

  it('two-step and single-step transfers', async () => {
    const two = (await control('POST', '/calls', {})).body.interactionId as string;
    await control('POST', `/calls/${two}/answer`);
    expect((await control('POST', `/calls/${two}/transfer`, { to: '+15550142' })).status).toBe(202);
    expect(ws.call(two).state).toBe('Released');
    const consult = [...ws.calls.values()].find((c) => c.parentConnId === two);
    expect(consult).toMatchObject({ callType: 'Consult', state: 'Completed', number: '+15550142' });

    const one = (await control('POST', '/calls', {})).body.interactionId as string;
    await control('POST', `/calls/${one}/answer`);
    expect((await control('POST', `/calls/${one}/single-step-transfer`, { to: '+15550142' })).status).toBe(
      202,
    );
    expect(ws.call(one).state).toBe('Released');
  });

  it('refuses what the state does not offer (409), unknown calls (404), and GET on an action (405)', async () => {
    const id = (await control('POST', '/calls', {})).body.interactionId as string;
    expect(await control('POST', `/calls/${id}/hold`)).toMatchObject({
      status: 409,
      body: { error: 'invalid-request', message: expect.stringContaining('hold') },
    });
    expect((await control('POST', '/calls/nope/answer')).status).toBe(404);
    expect((await control('GET', `/calls/${id}/answer`)).status).toBe(405);
    expect((await control('POST', '/calls', { number: '' })).status).toBe(400);
  });
});

describe('Workspace API call control', () => {
  it('answers code 1 with an operationId, and 400 for an action the call state does not offer', async () => {
    const key = { [API_KEY_HEADER]: ws.apiKey };
    const init = await fetch(`${base}/workspace/v3/initialize-workspace`, {
      method: 'POST',
      headers: { ...key, Authorization: `Bearer ${ws.issueToken()}` },
    });
    const cookie = init.headers.getSetCookie()[0]!.split(';')[0]!;
    const id = ws.voice.ring('+15550123');
    const voice = (path: string, body: unknown = {}) =>
      call('POST', `/workspace/v3/voice${path}`, body, { ...key, Cookie: cookie });
    expect(await voice(`/calls/${id}/hold`)).toMatchObject({ status: 400, body: { status: { code: 400 } } });
    expect(await voice(`/calls/${id}/answer`, { operationId: 'op-1' })).toEqual({
      status: 200,
      body: { status: { code: 1 }, operationId: 'op-1' },
    });
    expect(ws.call(id).state).toBe('Established');
    expect((await voice('/calls/nope/answer')).status).toBe(404);
    expect((await voice('/make-call', { data: {} })).status).toBe(400);
    expect((await voice(`/calls/${id}/initiate-transfer`, { data: {} })).status).toBe(400);
  });
});
