// Small HTTP helpers shared by the nodes and the balancer: the answers to malformed requests (4xx, never a
// 500 a client would retry); bounded body reading and JSON replies come from common/node/http-io.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../../common/node/http-io';

export { BodyTooLarge, readBody, sendJson } from '../../common/node/http-io';

/** A path segment %-decoded, or undefined when its escapes are malformed (`%`, `%zz`, a cut UTF-8 sequence). */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** 405 with `Allow` (our choice where Genesys documents only the method that applies, e.g. health). */
export function methodNotAllowed(req: IncomingMessage, res: ServerResponse, allow: string): void {
  sendJson(
    res,
    405,
    {
      error: 'invalid-request',
      message: `${String(req.method).slice(0, 20)} does not apply here; use ${allow}`,
    },
    { Allow: allow },
  );
}

/** `/cobrowse/health` (protocol.md: 200 with an empty body) for GET and HEAD; 405 otherwise. */
export function answerHealth(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(req, res, 'GET, HEAD');
  res.writeHead(200, { 'Content-Length': 0 }).end();
}

export { cookieValue } from '../../common/cookie-header';
