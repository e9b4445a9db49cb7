// The controller against the real simulator cluster (two nodes behind the sticky balancer), over real HTTP.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  channels,
  DeactivatedNotification,
  paths,
  Role,
  SessionToken,
  sessionTokenOf,
} from '../../../common/protocol';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { createLogger } from '../../../common/logger';
import { eventLog, rejection, suiteControllers } from './test-helpers';
import { ControllerError, type Controller } from './types';
import { holdsFor } from '../test-support/until';

const fx = useSimulator({ nodes: 2 });
const controller = suiteControllers(() => fx.sim.url);
// The controller posts to the bare endpoint; the test clients (customer, agent) append the message type
// (`/cobrowse/cometd/connect`), which tells their requests apart in the balancer's log.
const isControllerCometd = (path: string) => path === paths.cometd;

describe('joining as Controller', () => {
  it('a malformed token never reaches the controller: it is no SessionToken, the only type join takes', () => {
    for (const bad of ['12345678', '1234567890', '12345678a', ' 123456789']) {
      expect(sessionTokenOf(bad)).toBeNull();
      // @ts-expect-error a plain string is not a SessionToken: only the boundary's check makes one
      const asked: Parameters<Controller['join']>[0] = bad;
      expect(asked).toBe(bad);
    }
  });

  it('cookie mode: joins, reports activation, and every request of the session carries the cookie', async () => {
    const { sessionToken, sessionServerName, joined: customer } = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const events = eventLog();
    const session = await controller().join(sessionToken, events);
    expect(session.result).toMatchObject({
      sessionHistoryId: customer.sessionHistoryId,
      owner: { sessionServerName, baseUrl: fx.sim.url, cookie: `gcbSessionServer=${sessionServerName}` },
    });
    expect(session.result.users.map((u) => u.role)).toEqual([Role.customer, Role.controller]);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    expect(await events.waitFor((e) => e.type === 'joined')).toMatchObject({ user: { role: Role.agent } });
    expect(await events.waitFor((e) => e.type === 'activated')).toMatchObject({
      activationTime: expect.any(Number),
    });

    await session.close();
    // The first request is get-session (no stickiness known yet); everything after carries the cookie.
    const log = fx.sim.balancer.log;
    const getSession = log.findIndex((e) => e.path === `${paths.restBase}/sessions/${sessionToken}`);
    expect(getSession).toBeGreaterThanOrEqual(0);
    expect(getSession).toBeLessThan(log.findIndex((e) => isControllerCometd(e.path)));
    const ours = log.filter((e) => isControllerCometd(e.path));
    expect(ours.length).toBeGreaterThanOrEqual(4); // handshake, connect(s), join, disconnect
    for (const e of ours) {
      expect(e.cookie).toContain(`gcbSessionServer=${sessionServerName}`);
      expect(e.routedTo).toBe(sessionServerName);
    }
    // After the handshake, the server's BAYEUX_BROWSER cookie rides along too (the session's own jar).
    expect(ours.slice(1).every((e) => /BAYEUX_BROWSER=\w+/.test(e.cookie))).toBe(true);
    expect(events.events.at(-1)).toEqual({ type: 'connection', state: 'closed' });
  });

  it('names the owning node as soon as get-session did, before any CometD request (hosts warm the agent page)', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const told: { owner: unknown; heard: string[] }[] = [];
    const onOwner = (owner: unknown) =>
      // the customer's own long-polls (`/cobrowse/cometd/connect`) aside
      told.push({
        owner,
        heard: fx.sim.balancer.log.map((e) => e.path).filter((p) => !p.startsWith(`${paths.cometd}/`)),
      });
    const session = await controller().join(sessionToken, { ...eventLog(), onOwner });
    await session.close();
    expect(told).toEqual([
      { owner: session.result.owner, heard: [`${paths.restBase}/sessions/${sessionToken}`] },
    ]);
    expect(session.result.owner.sessionServerName).toBe(sessionServerName);
  });

  it('URL mode: CometD goes to the owning node itself, never through the balancer', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const session = await controller({ stickiness: 'url' }).join(sessionToken, eventLog());
    const node = fx.sim.nodes.find((n) => n.name === sessionServerName);
    expect(session.result.owner).toMatchObject({
      baseUrl: node?.url,
      sessionServerUrl: `${node?.url}/cobrowse`,
    });
    expect(session.result.owner.cookie).toBeUndefined();
    await session.stop();
    const ours = fx.sim.balancer.log.filter((e) => isControllerCometd(e.path) || e.path.includes('/users/'));
    expect(ours).toEqual([]);
    expect(fx.sim.balancer.log.filter((e) => e.path.startsWith(paths.restBase)).map((e) => e.path)).toEqual([
      `${paths.restBase}/sessions/${sessionToken}`,
    ]);
  });

  it('names the error: unknown or ended session, refused origin, unreachable host', async () => {
    expect(
      await rejection(() => controller().join(SessionToken.parse('000000001'), eventLog())),
    ).toMatchObject({
      code: 'session-not-found',
      details: { step: 'get-session' },
    });
    const { sessionToken } = await fx.customerSession();
    const origin = await rejection(() =>
      controller({ origin: 'https://evil.example' }).join(sessionToken, eventLog()),
    );
    expect(origin).toBeInstanceOf(ControllerError);
    expect(origin).toMatchObject({
      code: 'origin-not-allowed',
      details: { step: 'get-session', serverCode: 'origin-not-allowed' },
    });

    const down = controller({ serviceUrl: 'http://127.0.0.1:9' });
    const unreachable = await rejection(() => down.join(sessionToken, eventLog()));
    expect(unreachable).toMatchObject({
      code: 'unreachable',
      details: { host: '127.0.0.1:9', step: 'get-session' },
    });
    expect(unreachable.message).toContain('127.0.0.1:9');
  });

  it('broken stickiness: the wrong node refuses the join with not-owner', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const wrong = fx.sim.nodes.find((n) => n.name !== sessionServerName)?.name ?? '';
    // A front that lies about the owner in get-session and passes everything else to the balancer.
    const target = new URL(fx.sim.url);
    const front = createServer((req, res) => {
      const lie = req.url === `${paths.restBase}/sessions/${sessionToken}`;
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          if (!lie) return void (res.writeHead(answer.statusCode ?? 502, answer.headers), answer.pipe(res));
          let body = '';
          answer.on('data', (c: Buffer) => (body += c.toString()));
          answer.on('end', () =>
            res.writeHead(200).end(JSON.stringify({ sessionToken, sessionServerName: wrong })),
          );
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    try {
      const c = controller({ serviceUrl: `http://127.0.0.1:${(front.address() as AddressInfo).port}` });
      const refused = await rejection(() => c.join(sessionToken, eventLog()));
      expect(refused).toMatchObject({
        code: 'not-owner',
        details: { step: 'join', serverCode: 'not-owner' },
      });
      expect(
        fx.sim.balancer.log.some(
          (e) => e.routedTo === wrong && e.cookie.includes(`gcbSessionServer=${wrong}`),
        ),
      ).toBe(true);
    } finally {
      front.closeAllConnections();
      await new Promise((r) => front.close(r));
    }
  });

  it('logs never hold a whole session token or user token', async () => {
    const { sessionToken } = await fx.customerSession();
    const lines: string[] = [];
    const c = controller({ logger: createLogger({ level: 'debug', sink: (l) => lines.push(l) }) });
    const session = await c.join(sessionToken, eventLog());
    await session.stop();
    await rejection(() => c.join(SessionToken.parse('000000002'), eventLog()));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(sessionToken);
      expect(line).not.toContain(session.result.userToken);
    }
    expect(lines.some((l) => l.includes(`******${sessionToken.slice(-3)}`))).toBe(true);
  });

  it('an ended session cannot be joined', async () => {
    const { sessionToken, customer, joined } = await fx.customerSession();
    expect(await customer.request(channels.exit, { userToken: joined.userToken })).toEqual({});
    expect(await rejection(() => controller().join(sessionToken, eventLog()))).toMatchObject({
      code: 'session-not-found',
    });
  });
});

describe('a joined session', () => {
  it('controller stop ends the session for everyone; the events say so', async () => {
    const { sessionToken, sessionServerName, customer } = await fx.customerSession();
    const events = eventLog();
    const session = await controller().join(sessionToken, events);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    const activated = await events.waitFor((e) => e.type === 'activated');
    const times = await session.stop();
    expect(times.deactivationTime).toBeGreaterThanOrEqual(times.activationTime ?? 0);
    expect(await events.waitFor((e) => e.type === 'deactivated')).toEqual({
      type: 'deactivated',
      activationTime: (activated as { activationTime: number }).activationTime,
      deactivationTime: times.deactivationTime,
      reason: 'controller-stop',
    });
    expect(DeactivatedNotification.parse(await customer.next(channels.deactivated)).reason).toBe(
      'controller-stop',
    );
    await events.waitFor((e) => e.type === 'connection' && e.state === 'closed');
    expect(events.events.filter((e) => e.type === 'deactivated')).toHaveLength(1);
    expect(await rejection(() => session.stop())).toMatchObject({ code: 'closed' });
  });

  it('exit leaves the session running for the others; deactivation by the customer disconnects without exit', async () => {
    const { sessionToken, sessionServerName, customer, joined } = await fx.customerSession();
    const first = eventLog();
    const leaving = await controller().join(sessionToken, first);
    await leaving.exit();
    await first.waitFor((e) => e.type === 'connection' && e.state === 'closed');
    expect(first.events.some((e) => e.type === 'deactivated')).toBe(false);

    // The session goes on: a second controller can join it, then the customer ends it.
    fx.sim.balancer.clearLog();
    const second = eventLog();
    const staying = await controller().join(sessionToken, second);
    expect(staying.result.owner.sessionServerName).toBe(sessionServerName);
    expect(await customer.request(channels.exit, { userToken: joined.userToken })).toEqual({});
    expect(await second.waitFor((e) => e.type === 'deactivated')).toMatchObject({ reason: 'customer-exit' });
    await second.waitFor((e) => e.type === 'connection' && e.state === 'closed');
    const bodies = fx.sim.balancer.log.filter((e) => isControllerCometd(e.path));
    expect(bodies.length).toBeGreaterThan(0);
  });

  it('the owning node stops mid-session: lost within 2 s, then deactivated (node-lost), no rejoin', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const events = eventLog();
    await controller().join(sessionToken, events);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    await events.waitFor((e) => e.type === 'activated');
    const started = Date.now();
    await fx.sim.stopNode(sessionServerName);
    try {
      await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', 2000);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({
        reason: 'node-lost',
        activationTime: expect.any(Number),
      });
      await events.waitFor((e) => e.type === 'connection' && e.state === 'closed');
      const types = events.events.map((e) => (e.type === 'connection' ? e.state : e.type));
      expect(types.indexOf('lost')).toBeLessThan(types.indexOf('deactivated'));
      fx.sim.balancer.clearLog();
      await holdsFor(300, () => !fx.sim.balancer.log.some((e) => isControllerCometd(e.path)));
      // Nothing more from this session: no silent re-handshake elsewhere.
      expect(fx.sim.balancer.log.filter((e) => isControllerCometd(e.path))).toEqual([]);
    } finally {
      await fx.sim.startNode(sessionServerName);
    }
  });

  it('two sessions on two nodes in one process keep their own stickiness', async () => {
    const a = await fx.customerSession();
    let b = await fx.customerSession();
    while (b.sessionServerName === a.sessionServerName) b = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const ctl = controller();
    const [sa, sb] = await Promise.all([
      ctl.join(a.sessionToken, eventLog()),
      ctl.join(b.sessionToken, eventLog()),
    ]);
    expect([sa.result.owner.sessionServerName, sb.result.owner.sessionServerName]).toEqual([
      a.sessionServerName,
      b.sessionServerName,
    ]);
    await Promise.all([sa.close(), sb.close()]);
    const browsers = new Map<string, Set<string>>();
    for (const e of fx.sim.balancer.log.filter((e) => isControllerCometd(e.path))) {
      const node = /gcbSessionServer=(\w+)/.exec(e.cookie)?.[1] ?? 'none';
      expect(e.routedTo).toBe(node);
      const browser = /BAYEUX_BROWSER=(\w+)/.exec(e.cookie)?.[1];
      if (browser) browsers.set(node, (browsers.get(node) ?? new Set()).add(browser));
    }
    expect([...browsers.keys()].sort()).toEqual([a.sessionServerName, b.sessionServerName].sort());
    // Each session kept exactly one server cookie, and they differ: the jars never mixed.
    const [x, y] = [...browsers.values()];
    expect(x?.size).toBe(1);
    expect(y?.size).toBe(1);
    expect([...(x ?? [])][0]).not.toBe([...(y ?? [])][0]);
  });

  it('WebSocket carried end to end: join, notifications and stop over one socket whose upgrade has the cookie', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    fx.sim.balancer.clearLog();
    const events = eventLog();
    const session = await controller({ transport: 'websocket' }).join(sessionToken, events);
    await fx.member(sessionToken, sessionServerName, Role.agent);
    await events.waitFor((e) => e.type === 'activated');
    await session.stop();
    expect(await events.waitFor((e) => e.type === 'deactivated')).toMatchObject({
      reason: 'controller-stop',
    });
    await events.waitFor((e) => e.type === 'connection' && e.state === 'closed');
    const ours = fx.sim.balancer.log.filter((e) => isControllerCometd(e.path));
    expect(ours.map((e) => [e.method, e.cookie, e.routedTo, e.status])).toEqual([
      ['GET', `gcbSessionServer=${sessionServerName}`, sessionServerName, 101],
    ]);
  });

  it('WebSocket: exit over the socket leaves the session to the others', async () => {
    const { sessionToken, customer } = await fx.customerSession();
    const session = await controller({ transport: 'websocket' }).join(sessionToken, eventLog());
    await session.exit();
    expect(customer.received.map((m) => m.channel)).not.toContain(channels.deactivated);
  });
});
