// The REST calls of the controller (get-session, stop, health), each answer checked against the protocol schemas
// and every failure turned into a ControllerError an agent can act on.
import {
  GetSessionResponse,
  RestErrorBody,
  StopResponse,
  paths,
  type RestErrorCode,
} from '../../../common/protocol';
import { NetworkFailure, type HttpClient, type HttpReply } from '../net/http-client';
import { ControllerError, type ControllerErrorCode, type JoinStep } from './types';

const restCodes: Record<RestErrorCode, ControllerErrorCode> = {
  'session-not-found': 'session-not-found',
  'invalid-token': 'invalid-token',
  'origin-not-allowed': 'origin-not-allowed',
  'not-owner': 'not-owner',
  forbidden: 'join-refused',
  'invalid-request': 'protocol',
};

const advice: Partial<Record<ControllerErrorCode, string>> = {
  'session-not-found': 'the session does not exist or has ended; ask the customer for a new session ID',
  'origin-not-allowed':
    "the server's allowed origins do not include ours; fix the Origin setting or the server's CORS list",
  'not-owner':
    'a node that does not host the session answered: stickiness is broken between us and the balancer',
  'invalid-token': 'the server rejected the session ID format',
};

/** Turns a failed request (no HTTP answer) into `unreachable`, naming the host and the likely cause. */
export function networkError(e: unknown, step: JoinStep): ControllerError {
  if (e instanceof ControllerError) return e;
  if (e instanceof NetworkFailure) {
    const tlsProblem = /CERT|SELF_SIGNED|UNABLE_TO|DEPTH|TLS|SSL/i.test(e.code);
    const hint = tlsProblem
      ? "the server's certificate is not trusted: add its CA with the extra CA file setting"
      : 'check the service URL and the network';
    return new ControllerError('unreachable', `cannot reach ${e.host} during ${step} (${e.code}): ${hint}`, {
      step,
      host: e.host,
    });
  }
  return new ControllerError('protocol', `${step} failed: ${String(e)}`, { step });
}

/** Parses a REST answer: the success schema on 200, the protocol's error body otherwise. */
export function readRest<T>(
  reply: HttpReply,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  step: JoinStep,
  host: string,
): T {
  let json: unknown;
  try {
    json = JSON.parse(reply.body);
  } catch {
    json = undefined;
  }
  if (reply.status === 200) {
    const ok = schema.safeParse(json);
    if (ok.success) return ok.data;
  } else {
    const err = RestErrorBody.safeParse(json);
    if (err.success) {
      const code = restCodes[err.data.error];
      const why = advice[code] ?? err.data.message ?? err.data.error;
      return fail(code, `${host} refused ${step} (${err.data.error}): ${why}`, step, host, err.data.error);
    }
  }
  return fail(
    'protocol',
    `${host} answered ${step} with HTTP ${reply.status} and a body that is not a Co-browse reply; is the service URL right?`,
    step,
    host,
  );
}

function fail(
  code: ControllerErrorCode,
  msg: string,
  step: JoinStep,
  host: string,
  serverCode?: string,
): never {
  throw new ControllerError(code, msg, { step, host, ...(serverCode ? { serverCode } : {}) });
}

export interface RestTarget {
  client: HttpClient;
  /** `<scheme>://<host>:<port>` of the service or the owning node. */
  base: string;
  cookie?: string | undefined;
  signal: AbortSignal;
}

const call = async (t: RestTarget, path: string, step: JoinStep, headers: Record<string, string> = {}) => {
  try {
    return await t.client.request(
      t.base + path,
      { method: 'GET', headers: { Accept: 'application/json', Cookie: t.cookie, ...headers } },
      t.signal,
    );
  } catch (e) {
    throw networkError(e, step);
  }
};

export async function getSession(t: RestTarget, token: string, origin: string): Promise<GetSessionResponse> {
  const host = new URL(t.base).host;
  const reply = await call(t, `${paths.restBase}/sessions/${token}`, 'get-session', { Origin: origin });
  const session = readRest(reply, GetSessionResponse, 'get-session', host);
  if (session.sessionToken !== token)
    fail('protocol', `${host} answered get-session for another session`, 'get-session', host);
  return session;
}

export async function stopSession(t: RestTarget, userToken: string) {
  const host = new URL(t.base).host;
  const reply = await call(
    t,
    `${paths.restBase}/users/${encodeURIComponent(userToken)}/session/stop`,
    'stop',
  );
  return readRest(reply, StopResponse, 'stop', host);
}

/** True when the node answers its health check with 200. */
export async function isHealthy(t: RestTarget): Promise<boolean> {
  try {
    const reply = await t.client.request(
      t.base + paths.health,
      { method: 'GET', headers: { Cookie: t.cookie } },
      t.signal,
    );
    return reply.status === 200;
  } catch {
    return false;
  }
}
