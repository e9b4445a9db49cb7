// The connection check's steps, each a small probe on the network layer's own route (so it sees what a join
// would see): name resolution, the proxy and its answer, the TLS chain, get-session with the Origin, a Bayeux
// handshake over long-polling and over WebSocket, and the Workspace API key.
import { lookup } from 'node:dns/promises';
import { WebSocket } from 'ws';
import type { ConnectionCheckStep } from '../../../../common/contract';
import { paths } from '../../../../common/protocol';
import { WORKSPACE_PREFIX } from '../../../../common/workspace-wire';
import { HttpClient, NetworkFailure } from '../http-client';
import type { Network } from '../network';
import { explainFailure } from '../problems';
import { describeRoute } from '../proxy-rules';
import { inspectTls } from '../tls-inspect';

/** One step's finding, as the contract carries it to the sidebar. */
export type StepResult = ConnectionCheckStep;
/** Whom to ask when a step fails. */
export type AskWhom = NonNullable<StepResult['ask']>;

export interface CheckTarget {
  network: Network;
  /** The Co-browse service base (`https://cobrowse.example.com`). */
  serviceUrl: string;
  /** The Origin get-session sends. */
  origin: string;
  workspaceUrl?: string;
  workspaceApiKey?: string;
  timeoutMs: number;
}

const pass = (step: string, detail: string): StepResult => ({ step, outcome: 'pass', detail });
const info = (step: string, detail: string): StepResult => ({ step, outcome: 'info', detail });
const fail = (step: string, detail: string, ask: AskWhom): StepResult => ({
  step,
  outcome: 'fail',
  detail,
  ask,
});

/** Whom a request failure sends the administrator to. */
async function failed(step: string, t: CheckTarget, url: string, e: unknown): Promise<StepResult> {
  if (!(e instanceof NetworkFailure)) return fail(step, String(e), 'Genesys team');
  const problem = await explainFailure(t.network, url, e);
  if (problem?.code.startsWith('proxy-')) return fail(step, e.message, 'proxy team');
  if (problem?.code.startsWith('certificate-'))
    return fail(
      step,
      `${e.message} (issued by ${(problem.params as { issuer: string }).issuer})`,
      'PKI team',
    );
  if (problem?.code === 'plain-http-refused') return fail(step, e.message, 'administrator');
  return fail(step, e.message, 'network team');
}

export async function resolveName(t: CheckTarget): Promise<StepResult> {
  const step = 'name resolution';
  const { hostname } = new URL(t.serviceUrl);
  const route = await t.network.route(t.serviceUrl).catch(() => undefined);
  try {
    const found = await lookup(hostname, { all: true });
    return pass(step, `${hostname} → ${found.map((a) => a.address).join(', ')}`);
  } catch (e) {
    const code = (e as { code?: string }).code ?? String(e);
    // Behind a proxy the name need only resolve for the proxy.
    if (route?.route.kind === 'proxy')
      return info(step, `${hostname} does not resolve here (${code}); the proxy resolves it`);
    return fail(step, `${hostname} does not resolve (${code})`, 'network team');
  }
}

export async function proxyAnswer(t: CheckTarget, client: HttpClient): Promise<StepResult> {
  const step = 'proxy';
  let route;
  try {
    route = await t.network.route(t.serviceUrl);
  } catch (e) {
    return fail(step, (e as Error).message, 'administrator');
  }
  const chosen = describeRoute(route.route);
  try {
    // Any HTTP answer means the path to the service works; the path asked for need not exist.
    const reply = await client.request(
      t.serviceUrl + paths.restBase,
      { method: 'GET' },
      AbortSignal.timeout(t.timeoutMs),
    );
    return pass(step, `${chosen}: the service answered (HTTP ${reply.status})`);
  } catch (e) {
    const r = await failed(step, t, t.serviceUrl, e);
    return { ...r, detail: `${chosen}: ${r.detail}` };
  }
}

export async function tlsChain(t: CheckTarget): Promise<StepResult> {
  const step = 'TLS certificate';
  if (!t.serviceUrl.startsWith('https:')) return info(step, 'plain http: no certificate');
  try {
    const r = await inspectTls(t.network, t.serviceUrl, t.timeoutMs);
    const chain = r.chain.map((c) => `${c.subject} (until ${c.validTo})`).join(' ← ');
    if (r.verdict === 'trusted') return pass(step, `issued by ${r.issuer}: ${chain}`);
    const why = {
      untrusted: 'not trusted here',
      expired: 'expired or not yet valid',
      'wrong-name': 'made out to another name',
    };
    return fail(
      step,
      `${why[r.verdict]} (${r.error}), issued by ${r.issuer}: ${chain}`,
      r.verdict === 'untrusted' ? 'PKI team' : 'Genesys team',
    );
  } catch (e) {
    return failed(step, t, t.serviceUrl, e);
  }
}

/** get-session for a token no session has: 404 means REST and the Origin are accepted; 403 the Origin is not. */
export async function getSession(t: CheckTarget, client: HttpClient): Promise<StepResult> {
  const step = 'get-session with the Origin';
  const url = `${t.serviceUrl}${paths.restBase}/sessions/000000000`;
  try {
    const reply = await client.request(
      url,
      { method: 'GET', headers: { Origin: t.origin } },
      AbortSignal.timeout(t.timeoutMs),
    );
    if (reply.status === 403)
      return fail(step, `the service refuses the Origin ${t.origin} (HTTP 403)`, 'Genesys team');
    if (reply.status === 404 || reply.status === 200)
      return pass(step, `Origin ${t.origin} accepted (HTTP ${reply.status} for an unknown session)`);
    return fail(step, `HTTP ${reply.status} from get-session`, 'Genesys team');
  } catch (e) {
    return failed(step, t, url, e);
  }
}

const handshake = JSON.stringify([
  {
    channel: '/meta/handshake',
    version: '1.0',
    supportedConnectionTypes: ['long-polling', 'websocket'],
    id: '1',
  },
]);

const handshakeOk = (text: string): boolean => {
  try {
    const [m] = JSON.parse(text) as { channel?: string; successful?: boolean }[];
    return m?.channel === '/meta/handshake' && m.successful === true;
  } catch {
    return false;
  }
};

export async function longPollingHandshake(t: CheckTarget, client: HttpClient): Promise<StepResult> {
  const step = 'CometD handshake (long-polling)';
  const url = t.serviceUrl + paths.cometd;
  try {
    const reply = await client.request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: t.origin }, body: handshake },
      AbortSignal.timeout(t.timeoutMs),
    );
    if (reply.status === 200 && handshakeOk(reply.body)) return pass(step, 'the service shook hands');
    return fail(step, `HTTP ${reply.status}: ${reply.body.slice(0, 120)}`, 'Genesys team');
  } catch (e) {
    return failed(step, t, url, e);
  }
}

export async function webSocketHandshake(t: CheckTarget): Promise<StepResult> {
  const step = 'CometD handshake (WebSocket)';
  const url = (t.serviceUrl + paths.cometd).replace(/^http/, 'ws');
  let route;
  try {
    route = await t.network.route(url);
  } catch (e) {
    return fail(step, (e as Error).message, 'administrator');
  }
  const options = {
    agent: route.agent,
    secureContext: route.secureContext,
    headers: { Origin: t.origin },
    handshakeTimeout: t.timeoutMs,
  };
  return new Promise((resolve) => {
    const ws = new WebSocket(url, options as object);
    const done = (r: StepResult) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () => done(fail(step, `no handshake within ${t.timeoutMs} ms`, 'network team')),
      t.timeoutMs,
    );
    ws.once('open', () => ws.send(handshake));
    ws.once('message', (m: Buffer) =>
      done(
        handshakeOk(m.toString())
          ? pass(step, 'upgraded and shook hands')
          : fail(step, `unexpected reply: ${m.toString().slice(0, 120)}`, 'Genesys team'),
      ),
    );
    // A proxy or load balancer that does not carry WebSocket answers the upgrade with HTTP.
    ws.once('unexpected-response', (_req, res) =>
      done(
        fail(
          step,
          `the upgrade was answered HTTP ${res.statusCode}: WebSocket is blocked on the way (proxy or load balancer)`,
          res.statusCode === 407 ? 'proxy team' : 'network team',
        ),
      ),
    );
    ws.once('error', (e: Error & { code?: string }) =>
      done(fail(step, `${e.code ?? ''} ${e.message}`.trim(), 'network team')),
    );
  });
}

/**
 * The Workspace API key, without signing in: the gateway refuses a call with a wrong key (403) before it
 * asks for a sign-in (401). Our reading of an API gateway's answers; the check says which it saw.
 */
export async function workspaceKey(t: CheckTarget, client: HttpClient): Promise<StepResult> {
  const step = 'Workspace API key';
  if (!t.workspaceUrl) return info(step, 'no Workspace URL set: not checked');
  const url = `${t.workspaceUrl.replace(/\/+$/, '')}${WORKSPACE_PREFIX}/current-session`;
  try {
    const headers = t.workspaceApiKey ? { 'x-api-key': t.workspaceApiKey } : {};
    const reply = await client.request(url, { method: 'GET', headers }, AbortSignal.timeout(t.timeoutMs));
    if (reply.status === 403) return fail(step, 'the gateway refuses the key (HTTP 403)', 'Genesys team');
    return pass(
      step,
      `the gateway took the request (HTTP ${reply.status}; ${reply.status === 401 ? 'sign-in still needed' : 'answered'})`,
    );
  } catch (e) {
    return failed(step, t, url, e);
  }
}
