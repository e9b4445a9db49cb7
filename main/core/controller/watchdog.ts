// Notices a lost node from connection-level signals, never by polling faster than CometD asks: a long-poll (or
// WebSocket /meta/connect) that fails — the connection closed, reset or refused, or a WebSocket whose pings
// went unanswered — or one that outlives the server's own advised timeout plus a grace. Either way the owner's
// answer is probed once (nodeAnswers: any HTTP answer but a gateway's); only a failed probe loses the
// session, a blip just reconnects. The host's report of a resume or network change probes at once too.
import type { CometD, Message } from 'cometd';
import type { ConnectionDetail } from '../../../common/contract';

/** CometD's default long-poll timeout, used until the server advises its own (our choice: Bayeux leaves it to the server). */
export const COMETD_DEFAULT_TIMEOUT_MS = 30_000;

export interface WatchdogOptions {
  /** Grace beyond the server's advised timeout for a /meta/connect answer before the owner is probed. */
  graceMs: number;
  /** Is the owner alive? (does it answer at all, bounded by its own deadline) */
  probe: () => Promise<boolean>;
  /** Only a joined, open session is watched. */
  watching: () => boolean;
  onConnected: () => void;
  onReconnecting: (detail: ConnectionDetail) => void;
  onLost: (detail: ConnectionDetail) => void;
  /** Names the owner in details, e.g. `node1 (127.0.0.1:8700)`. */
  label: string;
}

export class NodeWatchdog {
  #timer: NodeJS.Timeout | undefined;
  #probing = false;
  #advisedTimeoutMs = COMETD_DEFAULT_TIMEOUT_MS;

  constructor(
    cometd: CometD,
    private readonly o: WatchdogOptions,
  ) {
    cometd.registerExtension('controller-watch', {
      outgoing: (m: Message) => {
        if (m.channel === '/meta/connect')
          this.#arm((m.advice?.timeout ?? this.#advisedTimeoutMs) + o.graceMs);
        else if (m.channel === '/meta/handshake' && o.watching())
          // The server forgot our client: a re-handshake would not re-join the session, so never do it silently.
          o.onLost({ code: 'node-forgot', params: { node: o.label } });
        return m;
      },
      incoming: (m: Message) => {
        if (m.channel === '/meta/connect') this.stop();
        if (typeof m.advice?.timeout === 'number') this.#advisedTimeoutMs = m.advice.timeout;
        return m;
      },
    });
    cometd.addListener('/meta/connect', (m: Message) => {
      if (!o.watching()) return;
      if (m.successful) return o.onConnected();
      o.onReconnecting({ code: 'node-connection-failed', params: { node: o.label } });
      this.#probe();
    });
  }

  /** The long-poll timeout the server asked for (what one idle session costs: one request per timeout). */
  get advisedTimeoutMs(): number {
    return this.#advisedTimeoutMs;
  }

  /** Probe the owner now (the network changed under the session); a failed probe loses the session. */
  checkNow(): void {
    this.#probe();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(ms: number): void {
    this.stop();
    this.#timer = setTimeout(() => {
      if (this.o.watching()) this.#probe();
    }, ms);
  }

  #probe(): void {
    if (this.#probing || !this.o.watching()) return;
    this.#probing = true;
    void this.o.probe().then((alive) => {
      this.#probing = false;
      if (!alive && this.o.watching()) this.o.onLost({ code: 'node-silent', params: { node: this.o.label } });
    });
  }
}
