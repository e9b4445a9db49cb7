// A node's REST calls under /cobrowse/rest/live (protocol.md "REST") with the spec's error bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  CreateSessionResponse,
  GetSessionResponse,
  paths,
  RestErrorBody,
  StopResponse,
  TOKEN_PATTERN,
  type CometErrorCode,
  type RestErrorCode,
} from '../../common/protocol';
import type { Logger } from '../../common/logger';
import { BodyTooLarge, decodeSegment, readBody, sendJson } from '../http/io';
import { requestUrl } from '../../common/request-path';
import { loggablePath } from '../http/log-safe';
import { requestOrigin, type OriginCheck } from '../http/origins';
import type { ClusterDirectory } from './directory';
import type { Notice, SessionStore } from './session-store';
import { stickyCookieHeader } from './sticky-cookie';

export interface RestContext {
  node: string;
  store: SessionStore;
  directory: ClusterDirectory;
  originAllowed: OriginCheck;
  /** `<nodeUrl>/cobrowse` of a node when server URLs are on, else undefined. */
  serverUrlOf: (node: string) => string | undefined;
  send: (notices: Notice[]) => void;
  logger: Logger;
  /** Errors as the Genesys docs give them: a status and no body. */
  bareErrors?: boolean;
}

const MAX_CREATE_BODY = 4 * 1024;
const MALFORMED_ESCAPE = 'the path has a malformed %-escape';
const CreateBody = z.union([z.literal(''), z.string().transform((t, ctx) => parseObject(t, ctx))]);

const statusOf: Record<CometErrorCode, { status: number; error: RestErrorCode }> = {
  'session-not-found': { status: 404, error: 'session-not-found' },
  'session-ended': { status: 404, error: 'session-not-found' },
  'not-owner': { status: 409, error: 'not-owner' },
  forbidden: { status: 403, error: 'forbidden' },
  'invalid-request': { status: 400, error: 'invalid-request' },
};

export async function handleRest(req: IncomingMessage, res: ServerResponse, ctx: RestContext): Promise<void> {
  // The node routed here on this very path, so it parses.
  const path = requestUrl(req.url)!.pathname.slice(paths.restBase.length);
  const origin = requestOrigin(req);
  const fail = (status: number, error: RestErrorCode, message: string) => {
    ctx.logger.warn('REST request refused', {
      method: req.method,
      path: loggablePath(path),
      status,
      error,
      message,
    });
    if (ctx.bareErrors) return void res.writeHead(status, { ...cors, 'Content-Length': 0 }).end();
    sendJson(res, status, RestErrorBody.parse({ error, message }), cors);
  };
  const originOk = origin !== undefined && ctx.originAllowed(origin);
  const cors: Record<string, string> = originOk
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
    : {};
  // Browsers send Origin on cross-origin and POST requests; a foreign one is refused everywhere. Get-session
  // additionally requires one (protocol.md: get-session is subject to CORS).
  if (origin !== undefined && !originOk)
    return fail(403, 'origin-not-allowed', `origin ${origin} is not allowed`);

  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET, POST',
      'Access-Control-Allow-Headers': 'Content-Type',
    });
    return void res.end();
  }

  const call: RestCall = { req, res, ctx, cors, originOk, fail };
  if (path === '/sessions') return createSession(call);
  const get = /^\/sessions\/([^/]*)$/.exec(path);
  if (get) return getSession(call, get[1] ?? '');
  const stop = /^\/users\/([^/]+)\/session\/stop$/.exec(path);
  if (stop) return stopSession(call, stop[1] ?? '');

  fail(404, 'invalid-request', `no REST call ${req.method} ${paths.restBase}${path}`);
}

/** One REST request as its route sees it: CORS decided, and how to refuse it. */
interface RestCall {
  req: IncomingMessage;
  res: ServerResponse;
  ctx: RestContext;
  cors: Record<string, string>;
  originOk: boolean;
  fail: (status: number, error: RestErrorCode, message: string) => void;
}

async function createSession({ req, res, ctx, cors, fail }: RestCall): Promise<void> {
  if (req.method !== 'POST') return fail(405, 'invalid-request', 'use POST to create a session');
  let body: string;
  try {
    body = await readBody(req, MAX_CREATE_BODY);
  } catch (err) {
    return fail(err instanceof BodyTooLarge ? 413 : 400, 'invalid-request', String(err));
  }
  const parsed = CreateBody.safeParse(body.trim());
  if (!parsed.success) return fail(400, 'invalid-request', 'the body must be empty or a JSON object');
  const { sessionToken } = ctx.store.create();
  const reply = CreateSessionResponse.parse({ sessionToken, sessionServerName: ctx.node });
  return sendJson(res, 200, reply, { ...cors, 'Set-Cookie': stickyCookieHeader(ctx.node) });
}

function getSession({ req, res, ctx, cors, originOk, fail }: RestCall, segment: string): void {
  if (req.method !== 'GET') return fail(405, 'invalid-request', 'use GET to read a session');
  if (!originOk) return fail(403, 'origin-not-allowed', 'get-session needs an allowed Origin or Referer');
  const token = decodeSegment(segment);
  if (token === undefined) return fail(400, 'invalid-request', MALFORMED_ESCAPE);
  if (!TOKEN_PATTERN.test(token)) return fail(400, 'invalid-token', 'a session token is exactly 9 digits');
  const owner = ctx.directory.sessionOwner(token);
  if (!owner) return fail(404, 'session-not-found', 'no live session with this token');
  const url = ctx.serverUrlOf(owner);
  const reply = GetSessionResponse.parse({
    sessionToken: token,
    sessionServerName: owner,
    ...(url ? { sessionServerUrl: url } : {}),
  });
  return sendJson(res, 200, reply, cors);
}

function stopSession({ req, res, ctx, cors, fail }: RestCall, segment: string): void {
  if (req.method !== 'GET') return fail(405, 'invalid-request', 'use GET to stop a session');
  const userToken = decodeSegment(segment);
  if (userToken === undefined) return fail(400, 'invalid-request', MALFORMED_ESCAPE);
  const outcome = ctx.store.stop(userToken);
  if (!outcome.ok) {
    const { status, error } = statusOf[outcome.error];
    return fail(status, error, outcome.message);
  }
  ctx.send(outcome.notices);
  return sendJson(res, 200, StopResponse.parse(outcome.value), cors);
}

function parseObject(text: string, ctx: z.RefinementCtx): unknown {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
  } catch {
    // reported below
  }
  ctx.addIssue({ code: 'custom', message: 'not a JSON object' });
  return z.NEVER;
}
