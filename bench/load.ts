// The load the controller puts on a Co-browse cluster, and how fast it sees loss, in one run on loopback:
// - cost over a window (default 60 s): Bayeux requests a minute of one idle live session on long-polling
//   (HTTP requests) and on WebSocket (frames), and HTTP requests a minute of an idle app between sessions;
// - detection: a crashed node (connections closed) and a silent partition (a proxy dropping every byte) on
//   both transports; between sessions, the service killed and brought back on its port.
// The nodes advise CometD's default 30 s long-poll. Figures as ratios to the goals below (≤ 1 meets it).
// Usage: npm run bench:load [-- --window-ms 60000]
import { parseArgs } from 'node:util';
import { quietLogger } from '../common/logger';
import { CreateSessionResponse, paths, Role } from '../common/protocol';
import { defaultSettings } from '../common/settings-schema';
import { createController, type Controller, type ControllerEvent } from '../main/core/controller';
import { startServiceLink, type ServiceLink } from '../main/core/app/service-link';
import { startSimulator, type Simulator } from '../simulator';
import { createTestClient } from '../simulator/test-support/cometd-client';
import { rest, stickyCookie } from '../simulator/test-support/rest';
import { startLatencyProxy, type LatencyProxy } from '../main/core/test-support/latency-proxy';
import type { TransportKind } from '../common/settings-schema';

const { values } = parseArgs({ options: { 'window-ms': { type: 'string', default: '60000' } } });
const windowMs = Number(values['window-ms']);
if (!(windowMs >= 10_000)) throw new Error('--window-ms must be at least 10000');

const LONG_POLL_MS = 30_000; // what the simulator's CometD advises (cometd-nodejs-server's default)
const goals = {
  requestsPerMin: 3,
  wsFramesPerMin: 60_000 / LONG_POLL_MS, // CometD's own heartbeat: one /meta/connect per advised timeout
  crashMs: 2000,
  lpPartitionMs: LONG_POLL_MS + 5000,
  wsPartitionMs: 10_000,
  recoveryMs: 2000,
};
const log = quietLogger();
const closers: { close(): Promise<void> }[] = [];
const sims: Simulator[] = [];
const sim = async (opts: Parameters<typeof startSimulator>[0] = {}) => {
  const s = await startSimulator({ port: 0, logger: log, bayeuxLog: true, ...opts });
  sims.push(s);
  return s;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const perMin = (count: number) => (count * 60_000) / windowMs;

/** Resolves with the ms until the first event matching, from now. */
function timeTo(
  events: ControllerEvent[],
  listeners: Set<() => void>,
  match: (e: ControllerEvent) => boolean,
) {
  const started = performance.now();
  return new Promise<number>((resolve) => {
    const check = () => {
      if (!events.some(match)) return;
      listeners.delete(check);
      resolve(performance.now() - started);
    };
    listeners.add(check);
    check();
  });
}

/** A live session: customer and agent (test clients) on the simulator, the controller joined through `via`. */
async function liveSession(s: Simulator, transport: TransportKind, via = s.url) {
  const created = await rest(s.url, '/sessions', { method: 'POST' });
  const { sessionToken, sessionServerName } = CreateSessionResponse.parse(created.body);
  for (const role of [Role.customer, Role.agent]) {
    const client = createTestClient({
      url: `${s.url}${paths.cometd}`,
      cookie: stickyCookie(sessionServerName),
    });
    await client.handshake();
    await client.request('/service/session/join', { sessionToken, role });
    closers.push({ close: () => client.disconnect() });
  }
  const controller: Controller = createController({ serviceUrl: via, origin: s.url, transport, logger: log });
  closers.push(controller);
  const events: ControllerEvent[] = [];
  const listeners = new Set<() => void>();
  await controller.join(sessionToken, {
    onEvent: (e) => {
      events.push(e);
      listeners.forEach((fn) => fn());
    },
  });
  return {
    sessionServerName,
    lost: () => timeTo(events, listeners, (e) => e.type === 'connection' && e.state === 'lost'),
  };
}

async function idleApp(s: Simulator) {
  const listeners = new Set<() => void>();
  const link: ServiceLink = await startServiceLink({ ...defaultSettings, serviceUrl: s.url }, log, {
    startDemo: () => Promise.reject(new Error('no demo')),
    changed: () => listeners.forEach((fn) => fn()),
  });
  closers.push(link);
  const idle = { state: 'idle' as const, detail: null };
  const shows = (lost: boolean) => {
    const started = performance.now();
    return new Promise<number>((resolve) => {
      const check = () => {
        const c = link.connection(idle);
        if (lost ? c.state !== 'lost' : c.detail?.code !== 'service-reachable') return;
        listeners.delete(check);
        resolve(performance.now() - started);
      };
      listeners.add(check);
      check();
    });
  };
  await shows(false);
  return { lost: () => shows(true), reachable: () => shows(false) };
}

async function cost() {
  const [lpSim, wsSim, appSim] = await Promise.all([sim(), sim(), sim()]);
  await liveSession(lpSim, 'long-polling');
  await liveSession(wsSim, 'websocket');
  await idleApp(appSim);
  await sleep(1000); // past the join and the warm-up
  for (const s of [lpSim, wsSim, appSim]) {
    s.balancer.clearLog();
    s.bayeux.clearLog();
  }
  await sleep(windowMs);
  // The controller posts to the bare endpoint; the test clients append the message type.
  const lp = lpSim.balancer.log.filter((e) => e.path === paths.cometd).length;
  const wsFrames = wsSim.bayeux.log.filter((e) => e.transport === 'websocket').length;
  const wsHttp = wsSim.balancer.log.filter((e) => e.path === paths.cometd).length;
  const app = appSim.balancer.log.length;
  return { lp: perMin(lp), wsFrames: perMin(wsFrames), wsHttp: perMin(wsHttp), app: perMin(app) };
}

async function crash(transport: TransportKind) {
  const s = await sim();
  const session = await liveSession(s, transport);
  const lost = session.lost();
  await s.stopNode(session.sessionServerName);
  return lost;
}

async function partition(transport: TransportKind) {
  const s = await sim();
  const target = new URL(s.url);
  const link: LatencyProxy = await startLatencyProxy({ host: target.hostname, port: Number(target.port) }, 0);
  closers.push(link);
  const session = await liveSession(s, transport, link.url);
  await sleep(1000); // the partition falls inside a long-poll, as it would in life
  const lost = session.lost();
  link.blackhole(true);
  return lost;
}

async function betweenSessions() {
  let s = await sim();
  const port = Number(new URL(s.url).port);
  const app = await idleApp(s);
  const lost = app.lost();
  await s.stop();
  const lostMs = await lost;
  s = await sim({ port });
  const reachable = app.reachable();
  const recoveredMs = await reachable;
  return { lostMs, recoveredMs };
}

try {
  console.log(
    `load: ${windowMs / 1000} s window, long-poll timeout advised by the nodes ${LONG_POLL_MS / 1000} s`,
  );
  const [c, crashLp, crashWs, partLp, partWs, app] = await Promise.all([
    cost(),
    crash('long-polling'),
    crash('websocket'),
    partition('long-polling'),
    partition('websocket'),
    betweenSessions(),
  ]);
  const lines: [string, number, string][] = [
    ['idle session, long-polling: requests/min', c.lp, `goal ≤ ${goals.requestsPerMin}`],
    ['idle session, WebSocket: frames/min', c.wsFrames, `CometD heartbeat ${goals.wsFramesPerMin}`],
    ['idle session, WebSocket: HTTP requests/min', c.wsHttp, 'goal 0'],
    ['idle app between sessions: requests/min', c.app, `goal ≤ ${goals.requestsPerMin}`],
    ['crashed node seen lost, long-polling (ms)', crashLp, `goal ≤ ${goals.crashMs}`],
    ['crashed node seen lost, WebSocket (ms)', crashWs, `goal ≤ ${goals.crashMs}`],
    ['silent partition seen lost, long-polling (ms)', partLp, `goal ≤ ${goals.lpPartitionMs}`],
    ['silent partition seen lost, WebSocket (ms)', partWs, `goal ≤ ${goals.wsPartitionMs}`],
    ['service killed between sessions, seen lost (ms)', app.lostMs, `goal ≤ ${goals.crashMs}`],
    ['service back, seen reachable (ms)', app.recoveredMs, `goal ≤ ${goals.recoveryMs}`],
  ];
  for (const [what, value, goal] of lines) console.log(`${what}: ${value.toFixed(1)} (${goal})`);
  const ratios = {
    lp_session_requests_per_min_ratio: c.lp / goals.requestsPerMin,
    ws_session_frames_vs_heartbeat_ratio: c.wsFrames / goals.wsFramesPerMin,
    idle_app_requests_per_min_ratio: c.app / goals.requestsPerMin,
    crash_lp_ratio: crashLp / goals.crashMs,
    crash_ws_ratio: crashWs / goals.crashMs,
    partition_lp_ratio: partLp / goals.lpPartitionMs,
    partition_ws_ratio: partWs / goals.wsPartitionMs,
    app_lost_ratio: app.lostMs / goals.crashMs,
    app_recovered_ratio: app.recoveredMs / goals.recoveryMs,
  };
  console.log(
    Object.entries(ratios)
      .map(([k, v]) => `${k}=${v.toFixed(2)}`)
      .join(' '),
  );
} finally {
  await Promise.allSettled(closers.map((c) => c.close()));
  await Promise.allSettled(sims.map((s) => s.stop()));
}
