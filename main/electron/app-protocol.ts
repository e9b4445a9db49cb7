// The sidebar loads from `app://sidebar/`, not file:// (file URLs get extra privileges and share one origin
// with every local file). The handler serves only the built renderer folder, with the sidebar's CSP.
import { net, protocol } from 'electron';
import { normalize, join, sep } from 'node:path';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../core/desktop/web-guards';

export const APP_ORIGIN = 'app://sidebar';

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const root = rendererDir.endsWith(sep) ? rendererDir : rendererDir + sep;
  // The agent page is a WebContentsView, not a frame: the sidebar frames nothing.
  const csp = contentSecurityPolicy("'none'");
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    // A 404, not a failed load: net.fetch rejects for a missing file (and lists a folder).
    if (url.host !== 'sidebar' || !file.startsWith(root) || !(await isFile(file)))
      return new Response('not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
