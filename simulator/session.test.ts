// Session semantics over real HTTP and CometD through the balancer: customer, controller, agent.
import { describe, expect, it } from 'vitest';
import {
  ActivatedNotification,
  channels,
  CreateReply,
  DeactivatedNotification,
  GetSessionResponse,
  JoinedNotification,
  JoinReply,
  Role,
  StopResponse,
} from '../common/protocol';
import { rest } from './test-support/rest';
import { useSimulator } from './test-support/session-setup';

const fx = useSimulator({ nodes: 2 });

describe('a full session', () => {
  it('customer + controller + agent: every reply and notification, with timestamps', async () => {
    const { sim } = fx;
    const before = Date.now();
    const { sessionToken, customer, joined: customerJoin } = await fx.customerSession();
    expect(customerJoin.users).toEqual([{ userId: customerJoin.userId, role: 1 }]);

    // Controller: get-session (any node may answer), then cookie-mode stickiness on every request.
    const got = await rest(sim.url, `/sessions/${sessionToken}`, { origin: sim.url });
    expect(got.status).toBe(200);
    const info = GetSessionResponse.parse(got.body);
    const owner = sim.nodes.find((n) => n.name === info.sessionServerName);
    expect(info.sessionServerUrl).toBe(`${owner?.url}/cobrowse`);
    const controller = fx.client(`gcbSessionServer=${info.sessionServerName}`);
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

    const { client: agent, joined: agentJoin } = await fx.member(
      sessionToken,
      info.sessionServerName,
      Role.agent,
    );
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

  it('a create over CometD lands on the node it reached, which sets the stickiness cookie', async () => {
    const node = fx.sim.nodes[1];
    const c = fx.client(undefined, node?.url);
    await c.handshake();
    const { sessionToken } = CreateReply.parse(await c.request(channels.create, {}));
    expect(c.cookieStore['127.0.0.1']?.gcbSessionServer).toBe(`gcbSessionServer=${node?.name}`);
    const got = await rest(fx.sim.url, `/sessions/${sessionToken}`, { origin: fx.sim.url });
    expect(GetSessionResponse.parse(got.body).sessionServerName).toBe(node?.name);
    const joined = JoinReply.parse(await c.request(channels.join, { sessionToken, role: Role.customer }));
    expect(joined.users).toEqual([{ userId: joined.userId, role: 1 }]);
  });

  it('tokens are 9 digits and unique, history ids are UUIDs', async () => {
    const tokens = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const { sessionToken, joined } = await fx.customerSession();
      expect(sessionToken).toMatch(/^\d{9}$/);
      expect(joined.sessionHistoryId).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      tokens.add(sessionToken);
    }
    expect(tokens.size).toBe(5);
  });

  it('a customer exit ends the session for everyone, and the agent cannot join afterwards', async () => {
    const { sessionToken, sessionServerName, customer, joined } = await fx.customerSession();
    const { client: controller } = await fx.member(sessionToken, sessionServerName, Role.controller);
    expect(await customer.request(channels.exit, { userToken: joined.userToken })).toEqual({});
    for (const c of [customer, controller]) {
      const d = DeactivatedNotification.parse(await c.next(channels.deactivated));
      expect(d.reason).toBe('customer-exit');
      expect(d.activationTime).toBeUndefined(); // never activated: no agent joined
    }
    const late = fx.client(`gcbSessionServer=${sessionServerName}`);
    await late.handshake();
    expect(await late.request(channels.join, { sessionToken, role: Role.agent })).toMatchObject({
      error: 'session-ended',
    });
  });

  it('an agent exit ends the session with reason agent-exit', async () => {
    const { sessionToken, sessionServerName, customer } = await fx.customerSession();
    const { client: agent, joined } = await fx.member(sessionToken, sessionServerName, Role.agent);
    await customer.next(channels.activated);
    expect(await agent.request(channels.exit, { userToken: joined.userToken })).toEqual({});
    expect(DeactivatedNotification.parse(await customer.next(channels.deactivated)).reason).toBe(
      'agent-exit',
    );
  });

  it('one agent per session: a second agent is refused', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    await fx.member(sessionToken, sessionServerName, Role.agent);
    const second = fx.client(`gcbSessionServer=${sessionServerName}`);
    await second.handshake();
    expect(await second.request(channels.join, { sessionToken, role: Role.agent })).toMatchObject({
      error: 'forbidden',
      message: expect.stringContaining('agent'),
    });
  });

  it('stop by a non-controller is refused (forbidden), over CometD and REST', async () => {
    const { sessionToken, sessionServerName, customer, joined } = await fx.customerSession();
    const { client: agent, joined: agentJoin } = await fx.member(sessionToken, sessionServerName, Role.agent);
    expect(await agent.request(channels.stop, { userToken: agentJoin.userToken })).toMatchObject({
      error: 'forbidden',
    });
    const viaRest = await rest(fx.sim.url, `/users/${joined.userToken}/session/stop`, {
      cookie: `gcbSessionServer=${sessionServerName}`,
    });
    expect(viaRest).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    // Still running: the customer never saw a deactivation.
    expect(customer.received.some((m) => m.channel === channels.deactivated)).toBe(false);
  });

  it('the controller stops over REST: times back, deactivation to all', async () => {
    const { sessionToken, sessionServerName, customer } = await fx.customerSession();
    const { joined: ctl } = await fx.member(sessionToken, sessionServerName, Role.controller);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    const { activationTime } = ActivatedNotification.parse(await customer.next(channels.activated));
    const stopped = await rest(fx.sim.url, `/users/${ctl.userToken}/session/stop`, {
      cookie: `gcbSessionServer=${sessionServerName}`,
    });
    expect(stopped.status).toBe(200);
    const times = StopResponse.parse(stopped.body);
    expect(times.activationTime).toBe(activationTime);
    expect(DeactivatedNotification.parse(await customer.next(channels.deactivated))).toEqual({
      ...times,
      reason: 'controller-stop',
    });
  });

  it('a controller exit leaves the session running', async () => {
    const { sessionToken, sessionServerName, customer } = await fx.customerSession();
    const { client, joined } = await fx.member(sessionToken, sessionServerName, Role.controller);
    expect(await client.request(channels.exit, { userToken: joined.userToken })).toEqual({});
    const { joined: agent } = await fx.member(sessionToken, sessionServerName, Role.agent);
    expect(agent.users.map((u) => u.role)).toEqual([1, 2]);
    await customer.next(channels.activated);
  });
});
