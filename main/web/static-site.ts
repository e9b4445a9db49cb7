// Serves the built sidebar (out/renderer) with the security headers a loopback page still needs: a strict
// CSP (the page's <meta> rewritten to the same policy), no sniffing, no framing by other pages. Paths are
// confined to the build folder; text is compressed when the browser accepts it.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { contentSecurityPolicy, withMetaPolicy } from '../../common/csp';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { chooseEncoding, compressedFile, compressedText } from './compressed';

/** Already compressed formats go as they are. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export async function serveSite(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  /** What the sidebar may frame: the agent proxy's origin. */
  frameSrc: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    res.writeHead(400).end();
    return;
  }
  const base = root.endsWith(sep) ? root : root + sep;
  const file = normalize(join(base, rel));
  const info = file.startsWith(base) && types[extname(file)] ? await stat(file).catch(() => null) : null;
  if (!info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const page = extname(file) === '.html' ? withMetaPolicy(await readFile(file, 'utf8'), frameSrc) : null;
  const encoding = COMPRESSIBLE.has(extname(file)) ? chooseEncoding(req.headers['accept-encoding']) : null;
  const compressed =
    encoding &&
    (page !== null ? compressedText(page, encoding) : compressedFile(file, info.mtimeMs, encoding));
  const body = compressed ? await compressed.catch(() => null) : null;
  res.writeHead(200, {
    'Content-Type': types[extname(file)]!,
    'Content-Length': body?.length ?? (page !== null ? Buffer.byteLength(page) : info.size),
    ...(body ? { 'Content-Encoding': encoding! } : {}),
    Vary: 'Accept-Encoding',
    // Hashed asset names may be cached; the page itself never, so a rebuilt sidebar shows at once.
    'Cache-Control': rel.startsWith('assets/') ? 'max-age=31536000, immutable' : 'no-cache',
    'Content-Security-Policy': contentSecurityPolicy(frameSrc),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  if (req.method === 'HEAD') return void res.end();
  if (body) return void res.end(body);
  if (page !== null) return void res.end(page);
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
