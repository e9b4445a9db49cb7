// The controller against an independent Bayeux server, Faye (not our simulator, not CometD's code), over real
// long-polling and real WebSocket on loopback: so our client speaks standard Bayeux, not only our server's
// dialect. The co-browse service channels are played by a Faye extension; Faye has no public server-side way
// to answer one client on a service channel, so the replies go through its engine's `deliver` (Faye
// internals, used by this harness only).
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { channels, paths, SessionToken } from '../../../common/protocol';
import { eventLog, testController } from './test-helpers';
import type { Controller } from './types';
import type { TransportKind } from '../../../common/settings-schema';

interface FayeMessage {
  channel: string;
  clientId?: string;
  connectionType?: string;
  data?: Record<string, unknown>;
}
interface FayeAdapter {
  attach(server: Server): void;
  addExtension(ext: { incoming(m: FayeMessage, callback: (m: FayeMessage) => void): void }): void;
  _server: { _engine: { deliver(clientId: string, messages: FayeMessage[]): boolean } };
}
const faye = createRequire(import.meta.url)('faye') as {
  NodeAdapter: new (opts: { mount: string; timeout: number }) => FayeAdapter;
};

const TOKEN = SessionToken.parse('246813579');
const controllers: Controller[] = [];
const fayes: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(controllers.map((c) => c.close()));
  await Promise.all(fayes.map((f) => f.stop()));
});

/** A Faye server on loopback playing the co-browse service: REST get-session, health, join/exit replies. */
async function startFaye() {
  const connectionTypes: string[] = [];
  let joined = ''; // the Bayeux client id of the last controller that joined
  // Faye's timeout is in seconds: the long-poll it advises (our client follows it).
  const bayeux = new faye.NodeAdapter({ mount: paths.cometd, timeout: 30 });
  // Faye can only deliver while the client holds a connection (a long-poll or its socket): retry until then.
  const send = (clientId: string, channel: string, data: Record<string, unknown>, tries = 100): void => {
    if (bayeux._server._engine.deliver(clientId, [{ channel, data }]) || tries === 0) return;
    setTimeout(() => send(clientId, channel, data, tries - 1), 20);
  };
  bayeux.addExtension({
    incoming(m, callback) {
      if (m.channel === '/meta/connect' && m.connectionType) connectionTypes.push(m.connectionType);
      const from = m.clientId;
      if (from && m.channel === channels.join) {
        joined = from;
        setImmediate(() =>
          send(from, channels.join, {
            userToken: 'faye-user-token',
            userId: '3',
            users: [{ userId: '3', role: 3 }],
            sessionHistoryId: '4b0f7f5e-2a7e-4c57-9a51-7f2b3c1d9e10',
          }),
        );
      }
      if (from && m.channel === channels.exit) setImmediate(() => send(from, channels.exit, {}));
      callback(m);
    },
  });
  const server: Server = createServer((req, res) => {
    if (req.url === paths.health) return void res.writeHead(200).end();
    if (req.url === `${paths.restBase}/sessions/${TOKEN}`)
      return void res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ sessionToken: TOKEN, sessionServerName: 'faye' }));
    res.writeHead(404).end();
  });
  bayeux.attach(server);
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const f = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connectionTypes,
    notifyJoined: (channel: string, data: Record<string, unknown>) => send(joined, channel, data),
    /** Like a crashed server: every connection dropped, the port closed. */
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  fayes.push(f);
  return f;
}

async function joinFaye(transport: TransportKind) {
  const f = await startFaye();
  const c = testController(f.base, { transport });
  controllers.push(c);
  const events = eventLog();
  const session = await c.join(TOKEN, events);
  return { f, events, session };
}

describe.each(['long-polling', 'websocket'] as const)('against Faye over %s', (transport) => {
  it('joins as Controller, receives a notification, exits', async () => {
    const { f, events, session } = await joinFaye(transport);
    expect(session.result).toMatchObject({ userToken: 'faye-user-token', userId: '3' });
    expect(new Set(f.connectionTypes)).toEqual(new Set([transport]));
    // A server-initiated notification, as the Co-browse Server sends it on activation.
    f.notifyJoined(channels.activated, { activationTime: 1_764_571_555_610 });
    expect(await events.waitFor((e) => e.type === 'activated')).toMatchObject({
      activationTime: 1_764_571_555_610,
    });
    await session.exit();
    await events.waitFor((e) => e.type === 'connection' && e.state === 'closed');
  });

  it('the server killed: shown lost within 2 s, the session ends node-lost', async () => {
    const { f, events } = await joinFaye(transport);
    const started = performance.now();
    await f.stop();
    await events.waitFor((e) => e.type === 'connection' && e.state === 'lost', 2000);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await events.waitFor((e) => e.type === 'deactivated', 100)).toMatchObject({ reason: 'node-lost' });
  });
});
