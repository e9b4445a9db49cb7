// The network layer's figures on a corporate network: Debian's squid with Basic authentication in a network
// namespace (the cluster's name resolves only there), a TLS balancer with a private chain in front of the
// simulator, a link with a fixed round trip (default 50 ms) between the app and the proxy (or, for the
// baseline, the balancer). Prints:
// - token → joined through the proxy, in RTT, first join (tunnel and TLS set up) and warm joins, against
//   the same joins direct: `proxy_join_rtt_ratio=<warm median through the proxy / direct>`;
// - resume to verdict: network.reset() on a network that is gone → lost, on one that works → the node's
//   answer (`resume_lost_ratio`, goal 5 s);
// - an idle app between sessions: requests in the window after its start check, and the scheduled rate.
// Needs root, ip netns and squid (as the proxy tests). Usage: npm run bench:network [-- --rtt 50 --runs 10
// --window-ms 30000]
import { parseArgs } from 'node:util';
import { quietLogger } from '../common/logger';
import { CreateSessionResponse, paths, SessionToken } from '../common/protocol';
import { defaultSettings } from '../common/settings-schema';
import { PROBE_INTERVAL_MS, startServiceLink } from '../main/core/app/service-link';
import { createController, type Controller } from '../main/core/controller';
import { createNetwork, type Network } from '../main/core/net/network';
import { makePki } from '../main/core/net/test-support/pki';
import { squidSkipReason, startCorpProxy } from '../main/core/net/test-support/squid';
import { startTlsFront } from '../main/core/net/test-support/tls-front';
import { startLatencyProxy } from '../main/core/test-support/latency-proxy';
import { until } from '../main/core/test-support/until';
import { startSimulator } from '../simulator';

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '50' },
    runs: { type: 'string', default: '10' },
    'window-ms': { type: 'string', default: '30000' },
  },
});
const rtt = Number(values.rtt);
const runs = Number(values.runs);
const windowMs = Number(values['window-ms']);
if (squidSkipReason) {
  console.log(`network bench skipped: ${squidSkipReason}`);
  process.exit(0);
}

const NAME = 'cobrowse.corp.test';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pki = makePki('Corp');
const proxy = await startCorpProxy({ names: [NAME], users: { agent: 's3cret' } });
const sim = await startSimulator({
  nodes: 2,
  logger: quietLogger(),
  allowedOrigins: [`https://${NAME}:*`, 'https://127.0.0.1:*'],
});
const front = await startTlsFront(pki.server([NAME, '127.0.0.1']), proxy.hostAddress, new URL(sim.url));
const squidAddress = new URL(proxy.bare);
const toProxy = await startLatencyProxy(
  { host: squidAddress.hostname, port: Number(squidAddress.port) },
  rtt / 2,
);
const toFront = await startLatencyProxy({ host: proxy.hostAddress, port: front.port }, rtt / 2);
const store = pki.store([pki.rootPem]);
const viaProxy = () =>
  createNetwork({
    proxy: 'system',
    extraCaFile: '',
    allowPlainHttp: false,
    env: { HTTPS_PROXY: `http://agent:s3cret@127.0.0.1:${new URL(toProxy.url).port}`, SSL_CERT_FILE: store },
  });
const direct = () =>
  createNetwork({ proxy: 'direct', extraCaFile: '', allowPlainHttp: false, env: { SSL_CERT_FILE: store } });

const controllerOn = (serviceUrl: string, network: Network): Controller =>
  createController({ serviceUrl, agentName: 'Bench', warmUp: false, logger: quietLogger(), network });

async function customerSession(): Promise<SessionToken> {
  const created = await fetch(`${sim.url}${paths.restBase}/sessions`, { method: 'POST' });
  return SessionToken.parse(CreateSessionResponse.parse(await created.json()).sessionToken);
}

async function joins(label: string, serviceUrl: string, network: Network): Promise<number[]> {
  const controller = controllerOn(serviceUrl, network);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const token = await customerSession();
    const started = performance.now();
    const session = await controller.join(token, { onEvent: () => {} });
    times.push(performance.now() - started);
    await session.close();
  }
  await controller.close();
  const [first, ...warm] = times;
  console.log(
    `${label}: first join ${(first! / rtt).toFixed(2)} RTT, warm median ${(median(warm) / rtt).toFixed(2)} RTT`,
  );
  return warm;
}

async function resumeToVerdict(gone: boolean): Promise<number> {
  const network = viaProxy();
  const controller = controllerOn(`https://${NAME}:${front.port}`, network);
  const token = await customerSession();
  let lost = false;
  await controller.join(token, {
    onEvent: (e) => void (e.type === 'connection' && e.state === 'lost' && (lost = true)),
  });
  sim.balancer.clearLog();
  if (gone) toProxy.blackhole(true);
  const started = performance.now();
  network.reset();
  await until(
    () => (gone ? lost : sim.balancer.log.some((e) => e.method === 'GET' && e.path === paths.cometd)),
    10_000,
  );
  const ms = performance.now() - started;
  toProxy.blackhole(false);
  await controller.close();
  return ms;
}

async function idleCost(): Promise<number> {
  const link = await startServiceLink(
    {
      ...defaultSettings,
      serviceUrl: `https://${NAME}:${front.port}`,
      proxy: `http://agent:s3cret@127.0.0.1:${new URL(toProxy.url).port}`,
      extraCaFile: pki.rootFile,
    },
    quietLogger(),
    { startDemo: () => Promise.reject(new Error('no demo')), changed: () => {} },
  );
  const idle = { state: 'idle' as const, detail: null };
  await until(() => link.connection(idle).detail?.code === 'service-reachable', 10_000);
  sim.balancer.clearLog();
  await new Promise((r) => setTimeout(r, windowMs));
  const count = sim.balancer.log.length;
  await link.close();
  return count;
}

try {
  console.log(`network bench: ${runs} joins each way, ${rtt} ms round trip to the proxy (or the balancer)`);
  const directWarm = await joins(
    'direct to the balancer',
    `https://127.0.0.1:${new URL(toFront.url).port}`,
    direct(),
  );
  const proxiedWarm = await joins(
    'through squid (CONNECT, Basic)',
    `https://${NAME}:${front.port}`,
    viaProxy(),
  );
  const lostMs = await resumeToVerdict(true);
  const keptMs = await resumeToVerdict(false);
  console.log(`resume on a network that is gone → lost: ${(lostMs / 1000).toFixed(2)} s (goal ≤ 5 s)`);
  console.log(`resume on a network that works → the node answered: ${(keptMs / 1000).toFixed(2)} s`);
  const requests = await idleCost();
  console.log(
    `idle app between sessions: ${requests} requests in ${windowMs / 1000} s after its start check; ` +
      `scheduled ${(60_000 / PROBE_INTERVAL_MS).toFixed(2)} requests/min (goal ≤ 0.2)`,
  );
  console.log(`proxy_join_rtt_ratio=${(median(proxiedWarm) / median(directWarm)).toFixed(2)}`);
  console.log(`proxy_join_rtt=${(median(proxiedWarm) / rtt).toFixed(2)}`);
  console.log(`resume_lost_ratio=${(lostMs / 5000).toFixed(2)}`);
  console.log(`idle_requests_per_min_ratio=${(60_000 / PROBE_INTERVAL_MS / 0.2).toFixed(2)}`);
} finally {
  await Promise.all([toProxy.close(), toFront.close()]);
  await front.close();
  await sim.stop();
  await proxy.stop();
  pki.remove();
}
