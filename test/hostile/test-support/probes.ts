// What the hostile suite shares: a seeded random source (every fuzz run replays the same cases), a canary
// server that must never hear from us, an upstream that records what it was sent, and raw HTTP/WebSocket
// requests that send a path exactly as written (fetch and URL would normalise the very escapes under test).
import { createServer, request, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const text = (max: number, alphabet = ALPHABET) =>
    Array.from({ length: int(max + 1) }, () => pick(alphabet)).join('');
  return { next, int, pick, text };
}
/** Characters that break parsers: escapes, separators, quotes, control and non-ASCII digits. */
export const ALPHABET = [
  ...'abcXYZ0123456789',
  ...'/\\%.:;@?#&=+ ,"\'{}[]<>`~!$*()|^',
  '%2F',
  '%5C',
  '%2e',
  '%00',
  '%',
  '%zz',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u00e9',
  '\uff19',
  '\u0669',
  '\ud83d',
];

export interface Heard {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  upgrade: boolean;
}

export interface Recorder {
  url: string;
  port: number;
  heard: Heard[];
  /** Raw TCP connections accepted: a canary counts even a connection that never completed a request. */
  connections: number;
  close(): Promise<void>;
}

/** An HTTP server that records every request and upgrade; `answer` shapes the reply (default 200 "ok"). */
export async function startRecorder(
  answer?: (url: string, res: ServerResponse) => boolean,
): Promise<Recorder> {
  const heard: Heard[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    heard.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, upgrade: false });
    req.resume();
    if (answer?.(req.url ?? '', res)) return;
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  });
  const rec = { heard, connections: 0 } as Recorder;
  server.on('connection', (s: Socket) => {
    rec.connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('upgrade', (req, socket: Socket) => {
    heard.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, upgrade: true });
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rec.port = (server.address() as AddressInfo).port;
  rec.url = `http://127.0.0.1:${rec.port}`;
  rec.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return rec;
}

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with the path sent byte for byte; a dropped connection answers status 0. */
export function raw(
  base: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawAnswer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const req = request(
      { host: hostname, port, path, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', () => resolve({ status: 0, headers: res.headers, body: '' }));
      },
    );
    req.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    req.setTimeout(5_000, () => req.destroy());
    req.end(init.body);
  });
}

/** A WebSocket handshake on `path` (sent as written); resolves with the status line's code, 0 if dropped. */
export function rawUpgrade(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve) => {
    const req = request({
      host: hostname,
      port,
      path,
      agent: false,
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.setTimeout(5_000, () => req.destroy());
    req.end();
  });
}

/** The collector, for heap figures taken after a full collection (vitest runs without --expose-gc). */
export async function collector(): Promise<() => void> {
  const [{ setFlagsFromString }, { runInNewContext }] = await Promise.all([
    import('node:v8'),
    import('node:vm'),
  ]);
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** JS heap plus Buffers (socket write queues live there): what a flood of replies would grow. */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** Samples memory while `work` runs: the figure a flood is judged by is the peak, not the end. */
export async function peakMemoryDuring(
  work: () => Promise<void>,
): Promise<{ before: number; peak: number; after: number }> {
  const gc = await collector();
  gc();
  const before = used();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, used());
  gc();
  return { before, peak, after: used() };
}

/** A fuzzed string made sendable as a request path: printable ASCII kept (raw `%`, `%zz` included), the rest
 * percent-encoded as UTF-8 (a lone surrogate as U+FFFD). */
export const asRequestPath = (s: string): string =>
  [...s]
    .map((c) => {
      if (/^[\x21-\x7e]$/.test(c)) return c;
      try {
        return encodeURIComponent(c);
      } catch {
        return '%EF%BF%BD';
      }
    })
    .join('');

/** A fuzzed string made sendable as a header value. */
export const asHeaderValue = (s: string): string => s.replace(/[^\t\x20-\x7e]/g, '?');

/** A fuzzed request body: none for GET/HEAD, else one time in `textOneIn` random text, otherwise `json()`. */
export function fuzzBody(
  r: ReturnType<typeof seeded>,
  method: string,
  textOneIn: number,
  json: () => unknown,
): string | undefined {
  if (method === 'GET' || method === 'HEAD') return undefined;
  return r.int(textOneIn) === 0 ? r.text(300) : JSON.stringify(json());
}
