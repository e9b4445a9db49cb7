// A real `cometd` client over cometd-nodejs-client for tests, with a cookie jar of its own. adapt() installs
// one process-global XMLHttpRequest whose jar is shared per hostname, and its `context.cookieStore` is only
// read, never written; so this installs an XMLHttpRequest that reads AND writes the jar of the transport
// context (the long-polling transport copies `transport.context` onto each XHR), one jar per client.
import { adapt } from 'cometd-nodejs-client';
import { XMLHttpRequest as NodeXHR } from 'cometd-nodejs-client/src/XMLHttpRequest.js';
import { CometD, type Message } from 'cometd';

/** hostname → cookie name → `name=value` (ports share a jar, as in browsers). */
export type CookieJar = Record<string, Record<string, string>>;

class ContextJarXHR extends NodeXHR {
  declare context?: { cookieStore?: CookieJar };
  constructor() {
    const self: { xhr?: ContextJarXHR } = {};
    const jarOf = () => self.xhr?.context?.cookieStore ?? {};
    super({
      cookies: {
        storeCookie: (uri, header, callback) => {
          const nameValue = header.split(';')[0]?.trim() ?? '';
          const eq = nameValue.indexOf('=');
          if (eq > 0) (jarOf()[uri.hostname] ??= {})[nameValue.slice(0, eq)] = nameValue;
          callback(null);
        },
        retrieveCookies: (_context, uri, callback) =>
          callback(null, Object.values(jarOf()[uri.hostname] ?? {})),
      },
    });
    self.xhr = this;
  }
}

function installXhr(): void {
  const g = globalThis as { window?: { XMLHttpRequest?: unknown } };
  if (g.window?.XMLHttpRequest === ContextJarXHR) return;
  adapt();
  (g.window as { XMLHttpRequest: unknown }).XMLHttpRequest = ContextJarXHR;
}

export interface TestClientOptions {
  /** The CometD endpoint, e.g. `${sim.url}/cobrowse/cometd`. */
  url: string;
  /** Sent as a Cookie header on every long-polling request (e.g. `gcbSessionServer=node2`). */
  cookie?: string;
  /** Start from this jar (shared with REST calls, say); a fresh one otherwise. */
  cookieStore?: CookieJar;
}

export interface TestClient {
  cometd: CometD;
  cookieStore: CookieJar;
  /** Everything received on non-meta channels, in order. */
  received: { channel: string; data: unknown }[];
  handshake(): Promise<void>;
  /** Waits for the next unread message on `channel`. */
  next(channel: string, timeoutMs?: number): Promise<unknown>;
  /** Publishes and waits for the reply on the same channel. */
  request(channel: string, data: unknown, timeoutMs?: number): Promise<unknown>;
  disconnect(): Promise<void>;
}

export function createTestClient(opts: TestClientOptions): TestClient {
  installXhr();
  const cometd = new CometD();
  cometd.unregisterTransport('websocket');
  cometd.unregisterTransport('callback-polling');
  const cookieStore = opts.cookieStore ?? {};
  const transport = cometd.findTransport('long-polling') as unknown as { context: unknown };
  transport.context = { cookieStore };
  cometd.configure({
    url: opts.url,
    logLevel: 'warn',
    maxNetworkDelay: 5000,
    ...(opts.cookie ? { requestHeaders: { Cookie: opts.cookie } } : {}),
  });

  const received: TestClient['received'] = [];
  const unread = new Map<string, unknown[]>();
  const waiters = new Map<string, ((data: unknown) => void)[]>();
  // '/**' also sees publish acknowledgements (the publish channel, no data): only server messages count.
  cometd.addListener('/**', (m: Message) => {
    if (m.channel.startsWith('/meta/') || m.data === undefined) return;
    received.push({ channel: m.channel, data: m.data });
    const waiting = waiters.get(m.channel)?.shift();
    if (waiting) waiting(m.data);
    else unread.set(m.channel, [...(unread.get(m.channel) ?? []), m.data]);
  });

  const next = (channel: string, timeoutMs = 5000) => {
    const queued = unread.get(channel);
    if (queued?.length) return Promise.resolve(queued.shift());
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.set(
          channel,
          (waiters.get(channel) ?? []).filter((w) => w !== settle),
        );
        reject(new Error(`no message on ${channel} within ${timeoutMs} ms`));
      }, timeoutMs);
      const settle = (data: unknown) => {
        clearTimeout(timer);
        resolve(data);
      };
      waiters.set(channel, [...(waiters.get(channel) ?? []), settle]);
    });
  };

  return {
    cometd,
    cookieStore,
    received,
    next,
    handshake: () =>
      new Promise((resolve, reject) => {
        cometd.handshake((reply: Message) => {
          if (reply.successful) resolve();
          else {
            cometd.disconnect();
            reject(new Error(`handshake failed: ${reply.error ?? JSON.stringify(reply)}`));
          }
        });
      }),
    request: (channel, data, timeoutMs) => {
      const reply = next(channel, timeoutMs);
      cometd.publish(channel, data);
      return reply;
    },
    disconnect: () =>
      new Promise<void>((resolve) => {
        if (cometd.isDisconnected()) return resolve();
        const timer = setTimeout(resolve, 2000);
        cometd.disconnect(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
