// GENESYS'S OWN Workspace simulator (agent-api-simulator, MIT, read-only in the
// shared folder beside the clone, or GENESYS_SIM_DIR) as a test fixture, plus a thin recording proxy in front of it that
// refuses any API call without the API key. The vendored copy is never written: it is copied once into
// os.tmpdir() keyed by its package-lock hash, its packages installed there with `npm ci` from the registry,
// and each run gets a small copy of its code and data (its config file names the port) that links to those
// packages. `npx tsx <this file> --install` does the install alone (.ci/run calls it).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_KEY_HEADER } from '../../../../common/workspace-wire';
import { installWhenRun, run } from './test-support/install';

const NAME = 'genesys-agent-api-simulator';

/** The vendored simulator: $GENESYS_SIM_DIR, else `shared/<NAME>` beside the clone or one level up. */
export function vendoredDir(): string | undefined {
  if (process.env.GENESYS_SIM_DIR) return process.env.GENESYS_SIM_DIR;
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  for (let i = 0; i < 3; i += 1) {
    dir = dirname(dir);
    const candidate = join(dir, 'shared', NAME);
    if (existsSync(join(candidate, 'src/service/package-lock.json'))) return candidate;
  }
  return undefined;
}

/** The installed copy (cached under os.tmpdir() by package-lock hash); throws with npm's reason if it cannot. */
export async function installGenesysSim(source = vendoredDir()): Promise<string> {
  if (!source)
    throw new Error(`${NAME} not found in the shared folder beside the clone; set GENESYS_SIM_DIR`);
  const lock = await readFile(join(source, 'src/service/package-lock.json'));
  const cache = join(tmpdir(), `${NAME}-${createHash('sha256').update(lock).digest('hex').slice(0, 16)}`);
  const marker = join(cache, 'src/service/node_modules/.installed');
  if (existsSync(marker)) return cache;
  const staging = `${cache}.${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await cp(source, staging, { recursive: true, mode: 0 });
  await run('chmod', ['-R', 'u+w', staging], staging);
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], join(staging, 'src/service'));
  await writeFile(join(staging, 'src/service/node_modules/.installed'), new Date().toISOString());
  // Another process may have finished first: its copy is as good as ours.
  await rename(staging, cache).catch(() => rm(staging, { recursive: true, force: true }));
  return cache;
}

async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address() as AddressInfo;
  await new Promise((ok) => probe.close(ok));
  return port;
}

// server.js listens on every interface; tests stay on loopback: a port-only listen() gets 127.0.0.1.
const LOOPBACK_PRELOAD = `const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};
`;

export interface GenesysSim {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Stops the process (all its sessions are lost) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** A control call of its management API (`/sim/manage/…`, `/sim/monitor/…`). */
  sim(path: string, body?: unknown): Promise<unknown>;
}

/** Starts Genesys's simulator on a free loopback port from a per-run copy linked to the cached packages. */
export async function startGenesysSim(installed: string): Promise<GenesysSim> {
  const dir = await mkdtemp(join(tmpdir(), 'genesys-sim-run-'));
  await cp(join(installed, 'data'), join(dir, 'data'), { recursive: true });
  await cp(join(installed, 'GWS-version.json'), join(dir, 'GWS-version.json'));
  const service = join(dir, 'src/service');
  await mkdir(service, { recursive: true });
  await cp(join(installed, 'src/service'), service, {
    recursive: true,
    filter: (src) => !src.includes(`${join('src', 'service', 'node_modules')}`),
  });
  await symlink(join(installed, 'src/service/node_modules'), join(service, 'node_modules'), 'dir');
  const port = await freePort();
  await writeFile(join(service, 'config/agent-api-simulator.json'), JSON.stringify({ port, https: false }));
  await writeFile(join(dir, 'loopback.cjs'), LOOPBACK_PRELOAD);
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;

  const launch = () =>
    new Promise<void>((ok, fail) => {
      const env = { ...process.env };
      delete env.NODE_ENV; // 'test' would make it insist on https
      const c = spawn(process.execPath, ['--require', join(dir, 'loopback.cjs'), 'server.js'], {
        cwd: service,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      let out = '';
      const timer = setTimeout(
        () => fail(new Error(`${NAME} did not start in 20 s: ${out.slice(-500)}`)),
        20_000,
      );
      const seen = (d: Buffer) => {
        out += String(d);
        if (out.includes('Agent Api Simulator: http')) {
          clearTimeout(timer);
          c.stdout?.removeAllListeners('data');
          c.stdout?.resume();
          ok();
        }
      };
      c.stdout?.on('data', seen);
      c.stderr?.on('data', (d: Buffer) => (out += String(d)));
      c.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`${NAME} exited ${code}: ${out.slice(-500)}`));
      });
    });
  const kill = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null) return;
    const gone = new Promise((ok) => c.once('exit', ok));
    c.kill('SIGTERM');
    await gone;
  };
  await launch();
  return {
    url,
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
    async sim(path, body) {
      const res = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body === undefined
          ? {}
          : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<unknown>;
    },
  };
}

export interface Recorded {
  method: string;
  path: string;
  apiKey: string | undefined;
  cookie: string | undefined;
  refused: boolean;
}

export interface RecordingProxy {
  url: string;
  log: Recorded[];
  /** Cuts every notification connection and refuses new ones for `ms` (a dropped channel). */
  dropNotifications(ms: number): void;
  stop(): Promise<void>;
}

// What a browser, not the app, asks for during sign-in: it can carry no API key.
const BROWSER_PATHS = [
  '/auth/v3/oauth/authorize',
  '/auth/v3/sign-in',
  '/workspace/v3/start',
  '/auth/sign-in.html',
];

/** A thin HTTP proxy to `target` that records each request and refuses API calls without `x-api-key: key`. */
export async function startRecordingProxy(target: string, key: string): Promise<RecordingProxy> {
  const log: Recorded[] = [];
  const sockets = new Set<Socket>();
  let dropUntil = 0;
  const to = new URL(target);
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const apiKey = req.headers[API_KEY_HEADER] as string | undefined;
    const refused = !BROWSER_PATHS.includes(path) && apiKey !== key;
    log.push({ method: req.method ?? 'GET', path, apiKey, cookie: req.headers.cookie, refused });
    if (path.startsWith('/workspace/v3/notifications')) {
      if (Date.now() < dropUntil) return req.socket.destroy();
      sockets.add(req.socket);
      req.socket.once('close', () => sockets.delete(req.socket));
    }
    if (refused) {
      req.resume();
      res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"message":"Forbidden"}');
      return;
    }
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    dropNotifications(ms) {
      dropUntil = Date.now() + ms;
      for (const s of sockets) s.destroy();
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** The agent at the system browser, on Genesys's sign-in page: authorize → sign-in form → start → our redirect. */
export async function signInAsAgent(authorizeUrl: string, user: string, password: string): Promise<void> {
  const cookies = new Map<string, string>();
  const step = async (url: string, init: RequestInit = {}): Promise<string | null> => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        Cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const eq = pair.indexOf('=');
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    await res.arrayBuffer();
    const location = res.headers.get('location');
    return location ? new URL(location, url).toString() : null;
  };
  const signInPage = await step(authorizeUrl); // → /auth/sign-in.html (not part of the vendored copy)
  if (!signInPage) throw new Error('authorize did not redirect to the sign-in page');
  const form = new URLSearchParams({ username: `\\${user}`, password });
  let next = await step(new URL('/auth/v3/sign-in', signInPage).toString(), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  if (!next || next.includes('error')) throw new Error(`sign-in refused for ${user}`);
  next = await step(next); // /workspace/v3/start → the app's redirect_uri?code=…
  if (!next) throw new Error('start did not redirect to the app');
  await step(next);
}

installWhenRun(import.meta.url, NAME, installGenesysSim);
