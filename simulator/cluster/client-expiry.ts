// A customer's page closed mid-session is known within seconds: when the connection holding a client's
// /meta/connect closes before its reply (tab closed, browser gone) and the client sends nothing more, it is
// removed EXPIRY_AFTER_CLOSE_MS later, as a CometD server expires it after its `maxInterval` (10 s by
// default). cometd-nodejs-server alone would wait for the held connect's whole timeout first.
import type { CometDServer, ServerSession } from 'cometd-nodejs-server';
import type { Logger } from '../../common/logger';

export const EXPIRY_AFTER_CLOSE_MS = 10_000;

export class ClientExpiry {
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly server: CometDServer,
    private readonly logger: Logger,
    private readonly afterMs = EXPIRY_AFTER_CLOSE_MS,
  ) {
    server.addListener('sessionRemoved', (session: ServerSession) => this.lastSeen.delete(session.id));
  }

  /** A request from `clientId` arrived: it is alive. */
  seen(clientId: string | undefined): void {
    if (clientId) this.lastSeen.set(clientId, Date.now());
  }

  /** The connection `clientId` was waiting on closed unanswered: gone unless it comes back in time. */
  lost(clientId: string): void {
    const at = Date.now();
    setTimeout(() => {
      if ((this.lastSeen.get(clientId) ?? 0) > at) return;
      this.lastSeen.delete(clientId);
      // `disconnect` removes the client as its expiry would; it is the server's own, missing from its types.
      const session = this.server.getServerSession(clientId) as
        (ServerSession & { disconnect(): boolean }) | null;
      if (session?.disconnect()) this.logger.info('client expired: its connection closed', { clientId });
    }, this.afterMs).unref();
  }
}

/** A long-poll request: its client is alive; a held /meta/connect whose connection closes unanswered is lost. */
export function watchRequest(
  expiry: ClientExpiry,
  messages: readonly { clientId?: string; channel?: string }[],
  res: { on(event: 'close', listener: () => void): unknown; readonly writableFinished: boolean },
): void {
  const clientId = messages[0]?.clientId;
  expiry.seen(clientId);
  if (!clientId || !messages.some((m) => m.channel === '/meta/connect')) return;
  res.on('close', () => {
    if (!res.writableFinished) expiry.lost(clientId);
  });
}
