// `/api/session`, where the sidebar trades its one-time link key for a tab key (POST) and asks whether its tab
// key still belongs to this run (GET: a 401 tells the page the app restarted and it needs the new link).
// Only the sidebar's own origin may ask; no CORS headers are ever sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../../common/node/http-io';
import type { RunKey } from './run-key';

export const SESSION_PATH = '/api/session';
/** The WebSocket subprotocol the page names, beside `key.<tab key>`. */
export const API_PROTOCOL = 'cobrowse';
const KEY_PROTOCOL = 'key.';

/** The tab key a request presents: `Authorization: Bearer …` (fetch) or a `key.…` subprotocol (WebSocket). */
export function presentedKey(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length);
}

/** Answers the request; true when it redeemed a link (the next one is then due). */
export async function sessionRoute(
  req: IncomingMessage,
  res: ServerResponse,
  runKey: RunKey,
  ownOrigin: string,
): Promise<boolean> {
  // Browsers send Origin on every POST; a same-origin GET may come without it.
  const origin = req.headers.origin;
  if (origin !== ownOrigin && (origin !== undefined || req.method !== 'GET'))
    return refuse(res, 403, 'origin-forbidden');
  if (req.method === 'GET') {
    sendJson(res, runKey.admits(presentedKey(req)) ? 200 : 401, {});
    return false;
  }
  if (req.method !== 'POST') return refuse(res, 405, 'method-not-allowed', { Allow: 'GET, POST' });
  let link: unknown;
  try {
    link = (JSON.parse(await readBody(req, 1024)) as { link?: unknown } | null)?.link;
  } catch {
    return refuse(res, 400, 'invalid-json');
  }
  const tab = runKey.redeem(link);
  if (!tab) return refuse(res, 403, 'link-used-or-unknown');
  sendJson(res, 200, { tab });
  return true;
}

function refuse(
  res: ServerResponse,
  status: number,
  error: string,
  headers: Record<string, string> = {},
): false {
  sendJson(res, status, { error }, headers);
  return false;
}
