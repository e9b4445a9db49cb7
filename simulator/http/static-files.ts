// The browser pages every node serves under /cobrowse/ (from simulator/public/) and the ES modules of
// browser libraries under /cobrowse/vendor/<name>/ (straight from node_modules; no build step).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeSegment, methodNotAllowed } from './io';

const publicDir = fileURLToPath(new URL('../public/', import.meta.url));
// Not `require`: electron-vite's ESM shim declares a top-level `require` in the main bundle (electron-vite#921).
const requireCjs = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(requireCjs.resolve(`${name}/package.json`));

/** Browser libraries served as ES modules; pages map bare imports to these with an import map. */
export const vendorPackages: Record<string, string> = {
  cometd: packageDir('cometd'),
  // rrweb's exports map hides its package.json; its entry is dist/rrweb.cjs, beside the self-contained ESM.
  rrweb: dirname(dirname(requireCjs.resolve('rrweb'))),
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

/** Resolves `/cobrowse/...` to a file, or undefined when nothing (safe) matches. */
function fileFor(pathname: string): string | undefined {
  const rel = pathname.slice('/cobrowse/'.length);
  const vendor = /^vendor\/([^/]+)\/(.+)$/.exec(rel);
  const [root, inside] = vendor ? [vendorPackages[vendor[1] ?? ''], vendor[2] ?? ''] : [publicDir, rel];
  if (!root) return undefined;
  const file = normalize(join(root, inside.endsWith('/') || inside === '' ? `${inside}index.html` : inside));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) && types[extname(file)] ? file : undefined;
}

/** Serves a static file (405 for a method other than GET/HEAD); false when the path is not one (the caller answers 404). */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<boolean> {
  const decoded = decodeSegment(pathname);
  if (decoded === undefined) return false;
  if (decoded === '/cobrowse/demo') {
    res.writeHead(301, { Location: '/cobrowse/demo/' }).end();
    return true;
  }
  const file = fileFor(decoded);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') return (methodNotAllowed(req, res, 'GET, HEAD'), true);
  res.writeHead(200, {
    'Content-Type': types[extname(file)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') return (res.end(), true);
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}
