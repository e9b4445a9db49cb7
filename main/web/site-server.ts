// The web edition's HTTP server: the sidebar's files and `/api/session`. The sidebar's files hold nothing
// secret and its first load carries no key (the fragment stays in the browser): served to any local caller.
// Everything that acts needs the tab key.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOwnHost } from '../../common/loopback-host';
import { requestUrl } from '../../common/request-path';
import type { RunKey } from './run-key';
import { serveSite } from './static-site';
import { SESSION_PATH, sessionRoute } from './tab-session';

// Any page the agent visits on another loopback port can set cookies for 127.0.0.1 that the browser then
// sends here too (cookies ignore ports): up to some 180 of 4 KB. We read none, but Node's default 16 KB header
// limit would refuse every request under such a cookie bomb; this takes them all.
const MAX_HEADER_BYTES = 1024 * 1024;

/** Where the server listens; known once it does. */
export interface SiteAddress {
  port: number;
  /** `http://127.0.0.1:<port>`. */
  url: string;
}

export interface SiteOptions {
  rendererDir: string;
  runKey: RunKey;
  /** The agent proxy's origin (the CSP frames it). */
  proxyOrigin: string;
  at: SiteAddress;
  /** A link was redeemed: the next one is due. */
  linkUsed(): void;
}

export function createSiteServer(site: SiteOptions): Server {
  return createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if (!sameHost(req, site.at)) return void res.writeHead(421).end();
    const path = requestUrl(req.url)?.pathname;
    if (path === undefined) return void res.writeHead(400).end();
    if (path === SESSION_PATH)
      return void sessionRoute(req, res, site.runKey, site.at.url).then(
        (redeemed) => redeemed && site.linkUsed(),
      );
    void serveSite(site.rendererDir, req, res, path, site.proxyOrigin);
  });
}

/** Listens on loopback and fills in `at`. */
export async function listenOnLoopback(server: Server, port: number, at: SiteAddress): Promise<void> {
  at.port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  at.url = `http://127.0.0.1:${at.port}`;
}

/** A Host of this server's own (DNS rebinding). */
export const sameHost = (req: IncomingMessage, at: SiteAddress) => isOwnHost(req.headers.host, at.port);
