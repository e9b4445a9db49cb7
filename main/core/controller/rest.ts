// The REST calls of the controller (get-session, stop, health), each answer checked against the protocol schemas
// and every failure turned into a ControllerError an agent can act on.
import { GetSessionResponse, RestErrorBody, StopResponse, paths } from '../../../common/protocol';
import { NetworkFailure, type HttpClient, type HttpReply } from '../net/http-client';
import { ControllerError, type ControllerErrorCode, type JoinStep } from './types';

// Status first (protocol.md): a real server's 404 or 403 may carry any body or none, so the status decides what
// happened; our simulator's JSON body only adds its words to the log line.
const byStatus: Partial<Record<JoinStep, Partial<Record<number, ControllerErrorCode>>>> = {
  'get-session': {
    400: 'invalid-token',
    403: 'origin-not-allowed',
    404: 'session-not-found',
    409: 'not-owner',
  },
  stop: { 403: 'join-refused', 404: 'session-ended', 409: 'not-owner' },
};

const advice: Partial<Record<ControllerErrorCode, string>> = {
  'session-not-found': 'no live session has this ID: it has ended or was mistyped',
  'session-ended': 'the session has already ended',
  'origin-not-allowed': "the server's allowed origins do not include the Origin sent",
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

/** Parses a REST answer: the success schema on 200; otherwise the status says what went wrong. */
export function readRest<T>(
  reply: HttpReply,
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
  step: JoinStep,
  host: string,
  origin?: string,
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
  }
  const body = RestErrorBody.safeParse(json);
  const serverCode = body.success ? body.data.error : undefined;
  const code = byStatus[step]?.[reply.status];
  if (code) {
    const said = body.success
      ? ` (${body.data.error}${body.data.message ? `: ${body.data.message}` : ''})`
      : '';
    const sent = code === 'origin-not-allowed' && origin ? ` (Origin sent: ${origin})` : '';
    throw new ControllerError(
      code,
      `${host} answered ${step} with HTTP ${reply.status}${said}: ${advice[code]}${sent}`,
      {
        step,
        host,
        ...(serverCode ? { serverCode } : {}),
        ...(code === 'origin-not-allowed' && origin ? { origin } : {}),
      },
    );
  }
  return fail(
    'protocol',
    `${host} answered ${step} with HTTP ${reply.status} and ${reply.status === 200 ? 'a body that is not a Co-browse reply' : 'no status the protocol defines here'}; is the service URL right?`,
    step,
    host,
  );
}

function fail(code: ControllerErrorCode, msg: string, step: JoinStep, host: string): never {
  throw new ControllerError(code, msg, { step, host });
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
  const session = readRest(reply, GetSessionResponse, 'get-session', host, origin);
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

/** A balancer's answers for a node behind it that is gone: not the node answering. */
const GATEWAY_STATUS = new Set([502, 503, 504]);

/**
 * Whether the node answers at all, on its CometD endpoint (a path every Co-browse node serves): any HTTP
 * status but a gateway's means it is up. Our choice: no health endpoint is asked, as no public Genesys
 * page defines one, and a server without it must not look down.
 */
export async function nodeAnswers(t: RestTarget): Promise<boolean> {
  try {
    const reply = await t.client.request(
      t.base + paths.cometd,
      { method: 'GET', headers: { Cookie: t.cookie } },
      t.signal,
    );
    return !GATEWAY_STATUS.has(reply.status);
  } catch {
    return false;
  }
}
