// The cluster: stickiness by cookie or by node URL, `not-owner` without it, round-robin, a node dying.
import { describe, expect, it } from 'vitest';
import type { Message } from 'cometd';
import {
  channels,
  CreateSessionResponse,
  DeactivatedNotification,
  GetSessionResponse,
  JoinReply,
  paths,
  Role,
} from '../common/protocol';
import { rest, stickyCookie } from './test-support/rest';
import { useSimulator } from './test-support/session-setup';

const fx = useSimulator({ nodes: 2 });

const otherNode = (name: string) => {
  const other = fx.sim.nodes.find((n) => n.name !== name);
  if (!other) throw new Error('needs two nodes');
  return other;
};

describe('stickiness', () => {
  it('cookie mode: every request of the controller carries gcbSessionServer and reaches the owner', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const controller = fx.client(stickyCookie(sessionServerName));
    await controller.handshake();
    JoinReply.parse(await controller.request(channels.join, { sessionToken, role: Role.controller }));
    const cometd = fx.sim.balancer.log.filter((e) => e.path.startsWith(paths.cometd));
    // handshake, first connect, the join publish at least
    expect(cometd.length).toBeGreaterThanOrEqual(3);
    expect(cometd.some((e) => e.path.endsWith('/handshake'))).toBe(true);
    for (const entry of cometd) {
      expect(entry.cookie).toContain(stickyCookie(sessionServerName));
      expect(entry.routedTo).toBe(sessionServerName);
    }
  });

  it('URL mode: the controller goes straight to sessionServerUrl, past the balancer', async () => {
    const { sessionToken } = await fx.customerSession();
    const info = GetSessionResponse.parse(
      (await rest(fx.sim.url, `/sessions/${sessionToken}`, { origin: fx.sim.url })).body,
    );
    expect(info.sessionServerUrl).toBeDefined();
    fx.sim.balancer.clearLog();
    const controller = fx.client(undefined, info.sessionServerUrl?.replace(/\/cobrowse$/, ''));
    await controller.handshake();
    const joined = JoinReply.parse(
      await controller.request(channels.join, { sessionToken, role: Role.controller }),
    );
    expect(joined.users.map((u) => u.role)).toEqual([1, 3]);
    // The controller's own CometD browser cookie never went through the balancer (the customer's did).
    const browserCookie = controller.cookieStore['127.0.0.1']?.BAYEUX_BROWSER;
    expect(browserCookie).toMatch(/^BAYEUX_BROWSER=\w+$/);
    expect(fx.sim.balancer.log.filter((e) => e.cookie.includes(browserCookie ?? '?'))).toEqual([]);
  });

  it('a join on a node that does not host the session is refused with not-owner', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const wrong = fx.client(undefined, otherNode(sessionServerName).url);
    await wrong.handshake();
    expect(await wrong.request(channels.join, { sessionToken, role: Role.controller })).toMatchObject({
      error: 'not-owner',
    });
    // The same through the balancer with the other node's cookie.
    const misrouted = fx.client(stickyCookie(otherNode(sessionServerName).name));
    await misrouted.handshake();
    expect(await misrouted.request(channels.join, { sessionToken, role: Role.agent })).toMatchObject({
      error: 'not-owner',
    });
  });

  it('a REST stop on the wrong node answers 409 not-owner', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const { joined } = await fx.member(sessionToken, sessionServerName, Role.controller);
    const answer = await rest(otherNode(sessionServerName).url, `/users/${joined.userToken}/session/stop`);
    expect(answer).toMatchObject({ status: 409, body: { error: 'not-owner' } });
  });

  it('without the cookie the balancer spreads requests round-robin over the nodes', async () => {
    fx.sim.balancer.clearLog();
    for (let i = 0; i < 4; i++) expect((await fetch(`${fx.sim.url}${paths.health}`)).status).toBe(200);
    const routed = fx.sim.balancer.log.map((e) => e.routedTo);
    expect(new Set(routed)).toEqual(new Set(['node1', 'node2']));
    expect(routed[0]).not.toBe(routed[1]);
    expect(fx.sim.balancer.log.every((e) => e.status === 200 && e.cookie === '')).toBe(true);
  });

  it('creates land on the node the request reached, which sets the cookie', async () => {
    fx.sim.balancer.clearLog();
    const owners = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const created = await rest(fx.sim.url, '/sessions', { method: 'POST', body: '{}' });
      const { sessionServerName } = CreateSessionResponse.parse(created.body);
      owners.add(sessionServerName);
      expect(created.setCookie).toMatch(new RegExp(`^gcbSessionServer=${sessionServerName}; Path=/`));
    }
    expect(owners).toEqual(new Set(['node1', 'node2']));
  });
});

describe('a node dies mid-session', () => {
  it('its clients see failures; restarted, it is empty and serves new sessions', async () => {
    const { sim } = fx;
    const { sessionToken, sessionServerName, customer } = await fx.customerSession();
    const { client: agent } = await fx.member(sessionToken, sessionServerName, Role.agent);
    await customer.next(channels.activated);
    const failed = new Promise<Message>((resolve) =>
      agent.cometd.addListener('/meta/unsuccessful', (m: Message) => resolve(m)),
    );

    await sim.stopNode(sessionServerName);
    const node = sim.nodes.find((n) => n.name === sessionServerName);
    await expect(fetch(`${node?.url}${paths.health}`)).rejects.toThrow(); // its socket is really closed
    expect((await failed).successful).toBe(false);
    // The balancer cannot reach the cookie's node; any node answers get-session, and the session is gone.
    expect(
      (await rest(sim.url, '/sessions', { method: 'POST', cookie: stickyCookie(sessionServerName) })).status,
    ).toBe(503);
    expect(
      (await rest(otherNode(sessionServerName).url, `/sessions/${sessionToken}`, { origin: sim.url })).status,
    ).toBe(404);
    expect(sim.balancer.log.some((e) => e.routedTo === sessionServerName && e.status === 503)).toBe(true);

    await sim.startNode(sessionServerName);
    expect((await fetch(`${node?.url}${paths.health}`)).status).toBe(200);
    const created = await rest(sim.url, '/sessions', {
      method: 'POST',
      cookie: stickyCookie(sessionServerName),
    });
    expect(CreateSessionResponse.parse(created.body).sessionServerName).toBe(sessionServerName);
    const late = fx.client(stickyCookie(sessionServerName));
    await late.handshake();
    expect(await late.request(channels.join, { sessionToken, role: Role.agent })).toMatchObject({
      error: 'session-not-found',
    });
  });
});

describe('inactivity', () => {
  const short = useSimulator({ nodes: 1, inactivityTimeoutMs: 300 });
  it('no activity for the timeout ends the session with reason inactivity-timeout', async () => {
    const started = Date.now();
    const { sessionToken, sessionServerName, customer } = await short.customerSession();
    await short.member(sessionToken, sessionServerName, Role.agent);
    const d = DeactivatedNotification.parse(await customer.next(channels.deactivated, 3000));
    expect(d.reason).toBe('inactivity-timeout');
    expect(d.deactivationTime - started).toBeGreaterThanOrEqual(300);
    expect(d.activationTime).toBeDefined();
  });

  it('activity from any client of the session restarts the clock', async () => {
    const { sessionToken, sessionServerName, customer } = await short.customerSession();
    const controller = short.client(stickyCookie(sessionServerName));
    await controller.handshake();
    // Most of the timeout passes with the session still up.
    await expect(customer.next(channels.deactivated, 200)).rejects.toThrow(/no message/);
    const lastActivity = Date.now();
    JoinReply.parse(await controller.request(channels.join, { sessionToken, role: Role.controller }));
    const d = DeactivatedNotification.parse(await customer.next(channels.deactivated, 3000));
    expect(d.reason).toBe('inactivity-timeout');
    expect(d.deactivationTime - lastActivity).toBeGreaterThanOrEqual(300);
  });
});
