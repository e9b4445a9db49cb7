// The local API's HTTP side: its routes, `POST /v1/events` and `GET /v1/state`, and the WebSocket upgrade
// on `/v1/ws`; every request passes the gate first, and every refusal is a documented ErrorBody.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger, LogFields } from '../../../../common/logger';
import type { SourceEvent } from '../../../../common/source-events';
import { BodyTooLarge, readBody, sendJson } from '../../../../common/node/http-io';
import { requestUrl } from '../../../../common/request-path';
import { API_PREFIX, BODY_LIMIT_BYTES, EventsBody, issuesOf } from '../../../../common/local-api-wire';
import { appOf } from './gate';
import { HttpError } from './http-error';

/** Every route the server answers; the OpenAPI test checks each one is documented. */
export const routes = [
  { method: 'post', path: `${API_PREFIX}/events` },
  { method: 'get', path: `${API_PREFIX}/state` },
  { method: 'get', path: `${API_PREFIX}/ws` },
] as const;

export interface HttpApiDeps {
  log: Logger;
  /** Logs a refusal at a rate. */
  refused: (fields: LogFields) => void;
  /** The gate (rate, origin, host, token); throws an HttpError. */
  check: (req: IncomingMessage) => void;
  getState: () => unknown;
  /** The events of one POST, with the app that named itself on it. */
  onEvents: (events: SourceEvent[], app: string | undefined) => void;
}

function route(req: IncomingMessage) {
  const path = requestUrl(req.url)?.pathname;
  if (path === undefined)
    throw new HttpError(404, { error: 'not-found', message: 'the request target is not a path' });
  const matches = routes.filter((r) => r.path === path);
  if (matches.length === 0) throw new HttpError(404, { error: 'not-found', message: `no route ${path}` });
  const method = (req.method ?? 'GET').toLowerCase();
  const found = matches.find((r) => r.method === method);
  if (!found)
    throw new HttpError(
      405,
      { error: 'method-not-allowed', message: `${req.method} is not allowed on ${path}` },
      { Allow: matches.map((r) => r.method.toUpperCase()).join(', ') },
    );
  return found;
}

async function readText(req: IncomingMessage): Promise<string> {
  try {
    return await readBody(req, BODY_LIMIT_BYTES);
  } catch (err) {
    if (!(err instanceof BodyTooLarge)) throw err;
    throw new HttpError(413, { error: 'body-too-large', message: `the body exceeds ${err.limit} bytes` });
  }
}

async function postEvents(req: IncomingMessage, res: ServerResponse, deps: HttpApiDeps): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(415, {
      error: 'unsupported-media-type',
      message: 'send the events as Content-Type: application/json',
    });
  const app = appOf(req);
  const text = await readText(req);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, { error: 'invalid-json', message: (err as Error).message });
  }
  const parsed = EventsBody.safeParse(json);
  if (!parsed.success)
    throw new HttpError(400, {
      error: 'invalid-event',
      message: 'the body is not a SourceEvent or an array of them',
      issues: issuesOf(parsed.error),
    });
  const events = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  deps.onEvents(events, app);
  sendJson(res, 202, { accepted: events.length });
}

/** The `request` listener of the local API's server. */
export function requestHandler(
  deps: HttpApiDeps,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      deps.check(req);
      const r = route(req);
      if (r.path === `${API_PREFIX}/events`) await postEvents(req, res, deps);
      else if (r.path === `${API_PREFIX}/state`) sendJson(res, 200, deps.getState());
      else
        sendJson(
          res,
          426,
          { error: 'upgrade-required', message: 'open this path as a WebSocket' },
          { Upgrade: 'websocket' },
        );
    } catch (err) {
      if (err instanceof HttpError) {
        deps.refused({ status: err.status, error: err.body.error, path: (req.url ?? '').slice(0, 100) });
        sendJson(res, err.status, err.body, err.headers);
      } else {
        deps.log.error('request failed', { error: err });
        sendJson(res, 500, { error: 'internal', message: 'internal error' });
      }
      req.resume();
    }
  };
}

/** The `upgrade` listener: admits `/v1/ws` and hands the request on to `accept` with its app, else refuses. */
export function upgradeHandler(
  deps: Pick<HttpApiDeps, 'refused' | 'check'>,
  accept: (req: IncomingMessage, socket: Duplex, head: Buffer, app: string | undefined) => void,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    let app: string | undefined;
    try {
      deps.check(req);
      if (route(req).path !== `${API_PREFIX}/ws`)
        throw new HttpError(404, { error: 'not-found', message: 'not a WebSocket path' });
      app = appOf(req);
    } catch (err) {
      const e =
        err instanceof HttpError
          ? err
          : new HttpError(400, { error: 'invalid-message', message: 'bad upgrade' });
      deps.refused({
        status: e.status,
        error: e.body.error,
        path: (req.url ?? '').slice(0, 100),
        upgrade: true,
      });
      const body = JSON.stringify(e.body);
      socket.end(
        `HTTP/1.1 ${e.status} ${e.body.error}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    accept(req, socket, head, app);
  };
}
