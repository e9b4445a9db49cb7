// The web edition: the same core and sidebar as the desktop app, hosted on loopback. The sidebar is served
// from the built renderer (site-server.ts); the contract travels over a WebSocket at /api (api-sockets.ts,
// api-connection.ts), validated exactly like Electron IPC; the agent page shows in an iframe through the agent
// proxy (its own origin, stickiness added).
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../../common/logger';
import type { AppCore } from '../core/app-core';
import { refusalLog } from '../core/net/flood-guard';
import { watchInterfaces } from '../core/net/interface-watch';
import { startAgentProxy } from './agent-proxy';
import { serveApiConnection } from './api-connection';
import { acceptApiSockets } from './api-sockets';
import { createRunKey } from './run-key';
import { createSiteServer, listenOnLoopback, type SiteAddress } from './site-server';
import { createWebCore, pageState } from './web-core';

export interface WebEditionOptions {
  /** Loopback port of the sidebar; 0 picks a free one. */
  port?: number;
  /** Co-browse service URL; omitted with `demo` (or when the settings file sets none) → embedded simulator. */
  serviceUrl?: string;
  /** Force demo mode (embedded simulator) whatever the settings say. */
  demo?: boolean;
  /** Settings, journal and the local API's discovery file; default `~/.cobrowse-agent-shell/web`. */
  dataDir?: string;
  /** Overrides the local integration API port (tests use 0). */
  localApiPort?: number;
  /** The built sidebar, default `out/renderer`. */
  rendererDir?: string;
  log?: Logger;
  /** Told the next one-time link each time one is used (the command line prints it). */
  onLinkUsed?: (nextLink: string) => void;
}

export interface WebEdition {
  /** The origin, `http://127.0.0.1:<port>`. */
  url: string;
  /** A new link that opens the sidebar once: the origin with a one-time key in its fragment (run-key.ts). */
  readonly openUrl: string;
  core: AppCore;
  /** The local integration API (throws when the Workspace API is the source). */
  readonly localApi: { url: string; discoveryFile: string };
  close(): Promise<void>;
}

const defaultRendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export async function startWebEdition(opts: WebEditionOptions = {}): Promise<WebEdition> {
  const log = opts.log ?? createLogger({ scope: 'web' });
  const dataDir = opts.dataDir ?? join(homedir(), '.cobrowse-agent-shell', 'web');
  // The agent page goes the way the core's own connections go (its network is the core's, asked per use).
  const proxy = await startAgentProxy(log.child('agent-proxy'), () => core.network());
  const core = await createWebCore({ ...opts, dataDir }, log, proxy);
  // A network change (Wi-Fi to VPN): every connection is checked again at once.
  const unwatchNetwork = watchInterfaces(() => core.networkChanged('network-change'));

  const runKey = createRunKey();
  const at: SiteAddress = { port: 0, url: '' }; // once listening
  const openUrl = () => `${at.url}/#key=${runKey.newLink()}`;
  const server = createSiteServer({
    rendererDir: opts.rendererDir ?? defaultRendererDir,
    runKey,
    proxyOrigin: proxy.origin,
    at,
    linkUsed: () => opts.onLinkUsed?.(openUrl()),
  });
  const connection = {
    core,
    stateForPage: pageState(core, proxy),
    log,
    refused: refusalLog(log, 'web edition: request refused'),
  };
  const sockets = acceptApiSockets(server, { at, runKey, log }, (ws) => serveApiConnection(ws, connection));
  await listenOnLoopback(server, opts.port ?? 0, at);
  log.info('web edition up', { url: at.url });

  return {
    url: at.url,
    get openUrl() {
      return openUrl();
    },
    core,
    get localApi() {
      const api = core.localApi();
      if (!api) throw new Error('the interaction source is not the local integration API');
      return api;
    },
    async close() {
      unwatchNetwork();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await proxy.close();
      await core.close();
    },
  };
}
