// protocol (schemes and handlers) and net.fetch for file: as Chromium's loader answers it.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recorded, requireReady, runtime, violate } from './runtime';

export const protocol = {
  registerSchemesAsPrivileged(schemes: { scheme: string }[]): void {
    if (runtime.ready) violate('protocol.registerSchemesAsPrivileged should be called before app is ready');
    if (runtime.schemesRegistered) violate('protocol.registerSchemesAsPrivileged can be called only once');
    runtime.schemesRegistered = true;
    recorded.calls.push(`protocol.registerSchemesAsPrivileged ${schemes.map((s) => s.scheme).join(',')}`);
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    requireReady('protocol.handle');
    if (runtime.protocolHandlers.has(scheme)) violate(`Failed to register protocol: ${scheme}`);
    runtime.protocolHandlers.set(scheme, handler);
  },
};

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
export const net = {
  /** file: as Chromium's file loader does it: a missing file rejects, a folder is a listing. */
  async fetch(url: string, init?: RequestInit): Promise<Response> {
    requireReady('net.fetch');
    if (!url.startsWith('file:')) return fetch(url, init);
    const path = fileURLToPath(url);
    const info = await stat(path).catch(() => {
      throw new Error('net::ERR_FILE_NOT_FOUND');
    });
    if (info.isDirectory())
      return new Response(`<h1>Index of ${path}</h1>`, { headers: { 'content-type': 'text/html' } });
    return new Response(await readFile(path), {
      headers: { 'content-type': MIME[extname(path)] ?? 'application/octet-stream' },
    });
  },
};

/** A page's request for `url` through the scheme's protocol handler; rejects as a network error would. */
export async function requestThroughHandler(url: string): Promise<Response> {
  const handler = runtime.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
  if (!handler) throw new Error(`net::ERR_UNKNOWN_URL_SCHEME ${url}`);
  return handler(new Request(url));
}
