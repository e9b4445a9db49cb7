// The controller's public face: what the lifecycle engine and the hosts may rely on.
import type { AppError, AppErrorCode, ConnectionDetail } from '../../../common/contract';
import type { EndReason, SessionToken, User } from '../../../common/protocol';
import type { LinkState } from '../net/held-connection';

export type { LinkState } from '../net/held-connection';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'lost' | 'closed';

/** Join steps, in the spec's order; errors and traces name the step they happened at. */
export type JoinStep = 'validate' | 'get-session' | 'handshake' | 'join' | 'exit' | 'stop' | 'disconnect';

/**
 * The controller's failures, each one of the agent's error codes (common/contract.ts): `invalid-token` (the
 * server refused the ID's format), `session-not-found` (unknown token, or one that already ended),
 * `session-ended`, `origin-not-allowed` (the server's CORS allow-list refused our Origin), `unreachable`
 * (connection refused / DNS / TLS: `host` says which), `timeout` (a step passed its deadline: `step` says
 * which), `join-refused` (the server answered the join with an error: `message` is its reason), `not-owner`
 * (stickiness broken: a node that does not host the session answered), `node-lost` (the owning node went away
 * mid-session), `protocol` (a malformed or unexpected reply), `closed` (the controller or session was closed
 * while the call was under way).
 */
export type ControllerErrorCode = Extract<
  AppErrorCode,
  | 'invalid-token'
  | 'session-not-found'
  | 'session-ended'
  | 'origin-not-allowed'
  | 'unreachable'
  | 'timeout'
  | 'join-refused'
  | 'not-owner'
  | 'node-lost'
  | 'protocol'
  | 'closed'
>;

/**
 * A controller failure. It stays an Error (not a bare AppError) as it carries what only the log needs: the
 * step, the host, the server's own code; `toAppError` keeps what the agent reads.
 */
export class ControllerError extends Error {
  override readonly name = 'ControllerError';
  constructor(
    readonly code: ControllerErrorCode,
    message: string,
    /** `origin`: the Origin header a 403 refused, so the agent's message can name it. */
    readonly details: { step?: JoinStep; host?: string; serverCode?: string; origin?: string } = {},
  ) {
    super(message);
  }
}

const NAMES_THE_ID = new Set<ControllerErrorCode>([
  'invalid-token',
  'session-not-found',
  'session-ended',
  'join-refused',
]);

/** A failure as the agent's error, `id` the session ID as typed; anything but a ControllerError is ours. */
export function toAppError(err: unknown, id: string): AppError {
  if (!(err instanceof ControllerError)) return { code: 'internal' };
  if (NAMES_THE_ID.has(err.code)) return { code: err.code, params: { id } } as AppError;
  if (err.code === 'origin-not-allowed')
    return { code: err.code, params: { origin: err.details.origin ?? null } };
  return { code: err.code } as AppError;
}

export interface SessionOwner {
  sessionServerName: string;
  sessionServerUrl?: string;
  /** The base every request of this session goes to (`<scheme>://<host>:<port>`). */
  baseUrl: string;
  /** The cookie the agent page must carry too (cookie mode), e.g. `gcbSessionServer=node1`. */
  cookie?: string;
}

export interface JoinResult {
  userToken: string;
  userId: string;
  users: User[];
  sessionHistoryId: string;
  owner: SessionOwner;
}

export type ControllerEvent =
  | { type: 'joined'; user: User }
  | { type: 'activated'; activationTime: number }
  | { type: 'deactivated'; activationTime?: number; deactivationTime: number; reason: EndReason | 'unknown' }
  | { type: 'connection'; state: ConnectionState; detail?: ConnectionDetail };

/** One joined co-browse session, as Controller. */
export interface ControllerSession {
  readonly token: SessionToken;
  readonly result: JoinResult;
  /** Leave the session (the session goes on for the others only if the server says so). */
  exit(): Promise<void>;
  /** End the session for everyone (controller only). */
  stop(): Promise<{ activationTime?: number; deactivationTime: number }>;
  /** Drop the connection without telling the server (used after `deactivated`). Idempotent. */
  close(): Promise<void>;
}

export interface JoinOptions {
  /** Every event of this session, from the join reply on; called synchronously, never throws back. */
  onEvent: (event: ControllerEvent) => void;
  /**
   * The owning node, as soon as get-session named it (before the CometD join): a host may warm its way to the
   * agent page meanwhile, never show it (Genesys: the Controller joins before the agent UI loads). Must not throw.
   */
  onOwner?: (owner: SessionOwner) => void;
  signal?: AbortSignal;
}

export type ProbeResult = { ok: true } | { ok: false; detail: ConnectionDetail };

export interface Controller {
  join(token: SessionToken, options: JoinOptions): Promise<ControllerSession>;
  /** `GET /cobrowse/health` on the service, over the warm connection (which this also keeps warm). */
  probe(): Promise<ProbeResult>;
  /**
   * Holds one idle connection to the service (no requests) and says when it is refused, reset or closed
   * and when it opens again; returns the function that stops watching.
   */
  watch(onChange: (state: LinkState) => void): () => void;
  /** Close every session and the warm connection. */
  close(): Promise<void>;
}
