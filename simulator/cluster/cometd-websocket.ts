// Bayeux over WebSocket for cometd-nodejs-server, which only knows long-polling. Each WebSocket frame is one
// Bayeux batch, handed to the server's (only) transport as a request of its own whose reply goes back as a
// frame: a held /meta/connect answers when messages arrive or its timeout passes, exactly as over
// long-polling. The upgrade's cookies (BAYEUX_BROWSER, gcbSessionServer) stand for every frame, plus the
// browser cookie the handshake sets.
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CometDServer, ServerMessage, ServerSession } from 'cometd-nodejs-server';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from '../../common/logger';
import { cookieValue } from '../http/io';
import { MAX_BODY_BYTES, type ParseBatch } from './bayeux-batch';
import type { ClientExpiry } from './client-expiry';

/** cometd-nodejs-server's browser cookie (its `browserCookieName` default). */
const BROWSER_COOKIE = 'BAYEUX_BROWSER';

export class CometdWebSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });

  constructor(
    private readonly server: CometDServer,
    private readonly parseBatch: ParseBatch,
    private readonly logger: Logger,
    private readonly expiry: ClientExpiry,
  ) {}

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.carry(ws, req.headers.cookie ?? ''));
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  private carry(ws: WebSocket, upgradeCookie: string): void {
    const state = { cookie: upgradeCookie, socket: { destroyed: false } };
    let clientId: string | undefined;
    ws.on('close', () => {
      state.socket.destroyed = true;
      if (clientId) this.expiry.lost(clientId);
    });
    ws.on('error', (err) => this.logger.warn('WebSocket failed', { err }));
    ws.on('message', (data, isBinary) => {
      const messages = isBinary ? undefined : this.parseBatch(String(data), 'websocket');
      if (!messages) return ws.close(1003, 'malformed Bayeux message');
      state.cookie = this.withBrowserCookie(state.cookie, messages);
      clientId = messages[0]?.clientId ?? clientId;
      this.expiry.seen(clientId);
      const req = Object.assign(new EventEmitter(), {
        method: 'POST',
        headers: { cookie: state.cookie },
        body: messages,
      });
      this.server.handle(
        req as unknown as IncomingMessage,
        frameResponse(ws, state) as unknown as ServerResponse,
      );
    });
  }

  /**
   * A client reconnecting on a new socket has no browser cookie on its upgrade (the handshake set it on the
   * old socket's frames): CometD servers know the client by its clientId, so find its browser by that.
   */
  private withBrowserCookie(cookie: string, messages: ServerMessage[]): string {
    const clientId = messages[0]?.clientId;
    const known = clientId && this.server.getServerSession(clientId);
    if (!known || cookieValue(cookie, BROWSER_COOKIE) !== undefined) return cookie;
    const browserId = (known as ServerSession & { _browserId?: string })._browserId;
    return [cookie, `${BROWSER_COOKIE}=${browserId}`].filter(Boolean).join('; ');
  }
}

/** The response cometd-nodejs-server writes one frame's reply to: its body goes back as a frame. */
function frameResponse(ws: WebSocket, state: { cookie: string; socket: { destroyed: boolean } }) {
  const { socket } = state;
  const res = Object.assign(new EventEmitter(), {
    statusCode: 200,
    socket,
    setHeader(name: string, value: string) {
      // The handshake's Set-Cookie: later frames carry it as a browser would on its next request.
      if (name.toLowerCase() === 'set-cookie')
        state.cookie = [state.cookie, value.split(';', 1)[0]].filter(Boolean).join('; ');
    },
    end(content?: string) {
      if (content && !socket.destroyed) ws.send(content);
      else if (!socket.destroyed) ws.close(1011, `Bayeux request failed (${res.statusCode})`);
      setImmediate(() => res.emit('finish'));
    },
  });
  return res;
}
