// `/api`, the WebSocket the sidebar's contract travels over: which upgrades are admitted, and closing them all.
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../common/logger';
import { refusalLog } from '../core/net/flood-guard';
import type { RunKey } from './run-key';
import { sameHost, type SiteAddress } from './site-server';
import { API_PROTOCOL, presentedKey } from './tab-session';

const MAX_FRAME_BYTES = 64 * 1024;

export interface ApiSockets {
  /** Drops every page's socket at once. */
  close(): void;
}

export function acceptApiSockets(
  server: Server,
  admission: { at: SiteAddress; runKey: RunKey; log: Logger },
  serve: (ws: WebSocket) => void,
): ApiSockets {
  const refused = refusalLog(admission.log, 'web edition: WebSocket refused');
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // The page names `cobrowse` and `key.<tab key>`; the answer names only the first (the key is not echoed).
    handleProtocols: (protocols) => (protocols.has(API_PROTOCOL) ? API_PROTOCOL : false),
  });
  server.on('upgrade', (req, socket, head) => {
    if (!admitted(req, admission)) {
      refused({ origin: String(req.headers.origin ?? '(none)').slice(0, 100) });
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });
  return {
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

/** Only the sidebar page itself: same host (DNS rebinding) and same origin (any other page on the machine). */
function admitted(req: IncomingMessage, { at, runKey }: { at: SiteAddress; runKey: RunKey }): boolean {
  return (
    req.url === '/api' &&
    sameHost(req, at) &&
    req.headers.origin === pageOrigin(req) &&
    runKey.admits(presentedKey(req))
  );
}

const pageOrigin = (req: IncomingMessage) => `http://${req.headers.host ?? ''}`;
