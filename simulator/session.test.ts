// A whole co-browse session over real HTTP and CometD through the balancer: customer, controller, agent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ActivatedNotification,
  channels,
  CreateSessionResponse,
  DeactivatedNotification,
  GetSessionResponse,
  JoinedNotification,
  JoinReply,
  paths,
  Role,
} from '../main/core/protocol';
import { quietLogger } from '../main/core/log/logger';
import { startSimulator, type Simulator } from './index';
import { createTestClient, type TestClient } from './test-support/cometd-client';
import { rest, stickyCookie } from './test-support/rest';

let sim: Simulator;
const clients: TestClient[] = [];
const client = (cookie?: string, base = sim.url) => {
  const c = createTestClient({ url: `${base}${paths.cometd}`, ...(cookie ? { cookie } : {}) });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0, nodes: 2, logger: quietLogger() });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
});
afterAll(async () => {
  await sim.stop();
});

/** Customer creates over REST (gets the cookie), connects with it and joins as role 1. */
async function customerSession() {
  const created = await rest(sim.url, '/sessions', { method: 'POST' });
  expect(created.status).toBe(200);
  const { sessionToken, sessionServerName } = CreateSessionResponse.parse(created.body);
  expect(created.setCookie).toContain(`gcbSessionServer=${sessionServerName}`);
  const customer = client(stickyCookie(sessionServerName));
  await customer.handshake();
  const joined = JoinReply.parse(
    await customer.request(channels.join, { sessionToken, role: Role.customer }),
  );
  return { sessionToken, sessionServerName, customer, joined };
}

describe('a full session', () => {
  it('customer + controller + agent: every reply and notification, with timestamps', async () => {
    const before = Date.now();
    const { sessionToken, customer, joined: customerJoin } = await customerSession();
    expect(customerJoin.users).toEqual([{ userId: customerJoin.userId, role: 1 }]);

    // Controller: get-session (any node may answer), then cookie-mode stickiness on every request.
    const got = await rest(sim.url, `/sessions/${sessionToken}`, { origin: sim.url });
    expect(got.status).toBe(200);
    const info = GetSessionResponse.parse(got.body);
    const owner = sim.nodes.find((n) => n.name === info.sessionServerName);
    expect(info.sessionServerUrl).toBe(`${owner?.url}/cobrowse`);
    const controller = client(stickyCookie(info.sessionServerName));
    await controller.handshake();
    const ctl = JoinReply.parse(
      await controller.request(channels.join, { sessionToken, role: Role.controller, name: 'Sidebar' }),
    );
    expect(ctl.sessionHistoryId).toBe(customerJoin.sessionHistoryId);
    expect(JoinedNotification.parse(await customer.next(channels.joined))).toEqual({
      userId: ctl.userId,
      role: 3,
      name: 'Sidebar',
    });

    const agent = client(stickyCookie(info.sessionServerName));
    await agent.handshake();
    const agentJoin = JoinReply.parse(await agent.request(channels.join, { sessionToken, role: Role.agent }));
    expect(agentJoin.users.map((u) => u.role)).toEqual([1, 3, 2]);
    for (const c of [customer, controller])
      expect(JoinedNotification.parse(await c.next(channels.joined))).toEqual({
        userId: agentJoin.userId,
        role: 2,
      });
    const activations = await Promise.all(
      [customer, controller, agent].map(async (c) =>
        ActivatedNotification.parse(await c.next(channels.activated)),
      ),
    );
    const activationTime = activations[0]?.activationTime ?? 0;
    expect(activationTime).toBeGreaterThanOrEqual(before);
    expect(activations.every((a) => a.activationTime === activationTime)).toBe(true);

    expect(await controller.request(channels.stop, { userToken: ctl.userToken })).toEqual({});
    for (const c of [customer, controller, agent]) {
      const d = DeactivatedNotification.parse(await c.next(channels.deactivated));
      expect(d).toMatchObject({ activationTime, reason: 'controller-stop' });
      expect(d.deactivationTime).toBeGreaterThanOrEqual(activationTime);
    }
    // The ended session is gone for get-session and cannot be re-joined.
    expect((await rest(sim.url, `/sessions/${sessionToken}`, { origin: sim.url })).status).toBe(404);
    expect(await agent.request(channels.join, { sessionToken, role: Role.agent })).toMatchObject({
      error: 'session-ended',
    });
  });
});
