// The controller against a deliberately bad server of our own (node:http on 127.0.0.1): garbage, silence,
// dropped connections, malformed or refusing CometD replies. Every case must end in a precise ControllerError
// within its deadline, never a crash, a hang or an unhandled rejection.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { channels, paths, SessionToken } from '../../../common/protocol';
import { eventLog, rejection, testController } from './test-support/controllers';
import type { Controller } from './types';
import type { TransportKind } from '../../../common/settings-schema';
import { holdsFor } from '../test-support/until';

type Behaviour = 'ok' | 'garbage' | 'silent' | 'drop' | 'http-500';
let rest: Behaviour;
let cometd: Behaviour;
let joinReply: unknown;
let healthy = true;
/** Messages the next held /meta/connect delivers. */
let pushed: unknown[] = [];
const TOKEN = SessionToken.parse('123456789');
/** The long-poll timeout this server advises: the silent-node bound is this + 5 s. */
const ADVISED_TIMEOUT_MS = 1000;

let server: Server;
let base = '';
const open = new Set<ServerResponse>();
/** Told when a request is held unanswered ('silent'). */
let onHeld: (() => void) | undefined;

function misbehave(b: Behaviour, req: IncomingMessage, res: ServerResponse): boolean {
  if (b === 'silent') return (open.add(res), onHeld?.(), true);
  if (b === 'drop') return (req.socket.destroy(), true);
  if (b === 'garbage') return (res.end('<html>hello</html>'), true);
  if (b === 'http-500') return (res.writeHead(500).end(), true);
  return false;
}

function bayeux(req: IncomingMessage, res: ServerResponse, body: string): void {
  const replies: unknown[] = [];
  let hold = false;
  for (const m of JSON.parse(body) as { channel: string; id: string }[]) {
    if (m.channel === '/meta/handshake')
      replies.push({
        channel: m.channel,
        id: m.id,
        successful: true,
        clientId: 'c1',
        version: '1.0',
        supportedConnectionTypes: ['long-polling'],
        advice: { reconnect: 'retry', interval: 0, timeout: ADVISED_TIMEOUT_MS },
      });
    else if (m.channel === '/meta/connect') {
      replies.push({ channel: m.channel, id: m.id, successful: true });
      hold = pushed.length === 0;
      replies.push(...pushed.splice(0));
    } else if (m.channel === channels.join)
      replies.push(
        { channel: m.channel, id: m.id, successful: true },
        { channel: m.channel, data: joinReply },
      );
    else replies.push({ channel: m.channel, id: m.id, successful: true });
  }
  const send = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(replies));
  if (hold) setTimeout(send, 200);
  else send();
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url?.startsWith(paths.restBase)) {
        if (misbehave(rest, req, res)) return;
        return void res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ sessionToken: TOKEN, sessionServerName: 'node1' }));
      }
      if (req.url === paths.health) return void res.writeHead(healthy ? 200 : 503).end();
      if (misbehave(cometd, req, res)) return;
      // The watchdog's node check is a GET without a message: any answer tells it the node is up.
      if (req.method !== 'POST') return void res.writeHead(400).end();
      bayeux(req, res, body);
    });
  });
  // Long-polling only, as a server without WebSocket support answers an upgrade.
  server.on('upgrade', (_req, socket: Duplex) =>
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of open) res.destroy();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const controllers: Controller[] = [];
afterAll(() => Promise.all(controllers.map((c) => c.close())));
const deadlines = { restMs: 300, handshakeMs: 300, joinMs: 300, disconnectMs: 200 };
const join = (signal?: AbortSignal) => {
  const c = testController(base, { deadlines });
  controllers.push(c);
  const events = eventLog();
  return rejection(() => c.join(TOKEN, { ...events, ...(signal ? { signal } : {}) }));
};
const host = () => new URL(base).host;

beforeEach(() => {
  rest = 'ok';
  cometd = 'ok';
  joinReply = undefined;
  onHeld = undefined;
  pushed = [];
  healthy = true;
});

/** A controller joined to this server while it behaves; its events. */
async function joinedWell(transport: TransportKind = 'long-polling') {
  joinReply = validJoinReply;
  const c = testController(base, { deadlines, transport });
  controllers.push(c);
  const events = eventLog();
  const session = await c.join(TOKEN, events);
  return Object.assign(events, { session });
}

/** Long-polls start failing on a healthy node: resolves once the session says it is reconnecting. */
async function failingLongPolls(events: ReturnType<typeof eventLog>) {
  cometd = 'http-500';
  await events.waitFor((e) => e.type === 'connection' && e.state === 'reconnecting');
}

/** Resolves when the session says connected again after the first time. */
const connectedAgain = (events: ReturnType<typeof eventLog>) =>
  events.waitFor(
    (e) => e.type === 'connection' && e.state === 'connected' && events.events.indexOf(e) > 0,
    3000,
  );

const validJoinReply = {
  userToken: 'user-token-1',
  userId: 'u3',
  users: [{ userId: 'u3', role: 3, name: 'Ada' }],
  sessionHistoryId: '4b0f7f5e-2a7e-4c57-9a51-7f2b3c1d9e10',
};

describe('a faulty server', () => {
  it('get-session: garbage, silence, a dropped connection, a 500', async () => {
    rest = 'garbage';
    expect(await join()).toMatchObject({ code: 'protocol', details: { step: 'get-session', host: host() } });
    rest = 'silent';
    const started = Date.now();
    expect(await join()).toMatchObject({ code: 'timeout', details: { step: 'get-session', host: host() } });
    expect(Date.now() - started).toBeLessThan(1000);
    rest = 'drop';
    expect(await join()).toMatchObject({
      code: 'unreachable',
      details: { step: 'get-session', host: host() },
    });
    rest = 'http-500';
    expect(await join()).toMatchObject({ code: 'protocol', details: { step: 'get-session' } });
  });

  it('handshake: garbage, silence, a dropped connection', async () => {
    cometd = 'garbage';
    expect(await join()).toMatchObject({ code: 'protocol', details: { step: 'handshake', host: host() } });
    cometd = 'silent';
    expect(await join()).toMatchObject({ code: 'timeout', details: { step: 'handshake' } });
    cometd = 'drop';
    expect(await join()).toMatchObject({ code: 'unreachable', details: { step: 'handshake', host: host() } });
  });

  it('join: a malformed reply, a refusal with the server reason, no reply at all', async () => {
    joinReply = { userToken: 'u', users: 'everyone' };
    expect(await join()).toMatchObject({ code: 'protocol', details: { step: 'join' } });
    joinReply = { error: 'forbidden', message: 'no controllers today' };
    const refused = await join();
    expect(refused).toMatchObject({
      code: 'join-refused',
      details: { step: 'join', serverCode: 'forbidden' },
    });
    expect(refused.message).toContain('no controllers today');
    joinReply = { error: 'not-owner', message: 'hosted elsewhere' };
    expect(await join()).toMatchObject({ code: 'not-owner', details: { step: 'join' } });
    joinReply = undefined; // the server acknowledges the publish but never replies
    expect(await join()).toMatchObject({ code: 'timeout', details: { step: 'join' } });
  });

  it('an AbortSignal cancels a join under way', async () => {
    rest = 'silent';
    const abort = new AbortController();
    onHeld = () => abort.abort(); // the server holds the get-session: the join is under way
    expect(await join(abort.signal)).toMatchObject({ code: 'closed', details: { step: 'get-session' } });
  });

  it('malformed notifications are dropped, valid ones still arrive', async () => {
    joinReply = validJoinReply;
    const c = testController(base, { deadlines });
    controllers.push(c);
    const events = eventLog();
    const session = await c.join(TOKEN, events);
    pushed = [
      { channel: channels.activated, data: { activationTime: 'soon' } },
      { channel: channels.joined, data: { role: 9 } },
      { channel: channels.deactivated, data: { deactivationTime: 5, reason: 'customer-exit' } },
    ];
    expect(await events.waitFor((e) => e.type === 'deactivated')).toEqual({
      type: 'deactivated',
      deactivationTime: 5,
      reason: 'customer-exit',
    });
    expect(events.events.filter((e) => e.type === 'activated' || e.type === 'joined')).toEqual([]);
    await session.close();
  });

  it('a node that goes silent (no socket closes) is declared lost within its advised timeout + 5 s', async () => {
    const events = await joinedWell();
    cometd = 'silent';
    healthy = false;
    const started = Date.now();
    expect(
      await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', ADVISED_TIMEOUT_MS + 6000),
    ).toMatchObject({ detail: { code: 'node-silent', params: { node: expect.stringContaining(host()) } } });
    expect(Date.now() - started).toBeLessThanOrEqual(ADVISED_TIMEOUT_MS + 5000);
    expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({ reason: 'node-lost' });
  });

  it('a failed long-poll on a healthy node is a blip: reconnecting, then connected again, the session kept', async () => {
    const events = await joinedWell();
    await failingLongPolls(events);
    cometd = 'ok';
    await connectedAgain(events);
    expect(events.events.map((e) => (e.type === 'connection' ? e.state : e.type))).toEqual([
      'connected',
      'reconnecting',
      'connected',
    ]);
  });

  it('long-polls failing for 4 s on a healthy node: retried at most 1 s apart, connected within 2 s of answering', async () => {
    const events = await joinedWell();
    await failingLongPolls(events);
    // cometd's own backoff would have climbed to 4 s by now; the session is kept meanwhile
    await holdsFor(4000, () => !events.events.some((e) => e.type === 'deactivated'));
    cometd = 'ok';
    const answering = Date.now();
    await connectedAgain(events);
    expect(Date.now() - answering).toBeLessThanOrEqual(2000);
  });

  it('WebSocket refused (this server has no upgrade): the session joins over long-polling instead', async () => {
    const { session } = await joinedWell('websocket');
    expect(session.result.userToken).toBe(validJoinReply.userToken);
  });
});
