// Small HTTP helpers shared by the nodes and the balancer: bounded body reading, JSON replies, and the
// answers to malformed requests (4xx, never a 500 a client would retry).
import type { IncomingMessage, ServerResponse } from 'node:http';

export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

/** Reads the whole body, refusing (and draining no further than) `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge(limit));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

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
