// Debian's squid with Basic authentication, in a network namespace of its own, as a corporate forward proxy:
// the proxy reaches our in-process servers over a veth pair (they listen on `hostAddress`), and the cluster's
// names resolve only inside squid (its hosts_file), so a direct attempt by name fails as it does behind a
// real corporate proxy. Needs root, `ip netns` and /usr/sbin/squid: `squidSkipReason` says what is missing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { until } from '../../test-support/until';

const SQUID = '/usr/sbin/squid';
const AUTH_HELPER = '/usr/lib/squid/basic_ncsa_auth';

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' });

/** Why the squid tests cannot run here, or undefined when they can. */
export const squidSkipReason: string | undefined = (() => {
  if (process.platform !== 'linux') return 'needs Linux network namespaces';
  if (userInfo().uid !== 0) return 'needs root to create a network namespace (ip netns)';
  if (!existsSync(SQUID) || !existsSync(AUTH_HELPER)) return 'needs Debian squid (apt-get install squid)';
  try {
    run('ip', ['netns', 'list']);
    run('openssl', ['version']);
  } catch {
    return 'needs iproute2 (ip netns) and openssl';
  }
  return undefined;
})();

export interface CorpProxy {
  /** `http://user:password@<ns address>:3128` */
  url: string;
  /** The proxy without credentials. */
  bare: string;
  /** Where in-process servers must listen so the proxy reaches them (the host end of the veth pair). */
  hostAddress: string;
  /** Lines of squid's access log (one per request it handled). */
  accessLog(): string[];
  stop(): Promise<void>;
}

let counter = 0;

/**
 * `names`: the cluster's host names, resolved (inside squid only) to `hostAddress`. `users`: Basic accounts.
 */
export async function startCorpProxy(opts: {
  names: string[];
  users: Record<string, string>;
}): Promise<CorpProxy> {
  const id = `${process.pid % 100000}x${counter++}`;
  const ns = `cas${id}`;
  const [hostIf, nsIf] = [`cv${id}h`, `cv${id}n`];
  // A /30 per proxy, from the pid and a counter: parallel runs on one machine do not collide.
  const net2 = 200 + ((process.pid >> 8) % 50);
  const net3 = process.pid % 256;
  const net4 = (counter % 64) * 4;
  const hostAddress = `10.${net2}.${net3}.${net4 + 1}`;
  const nsAddress = `10.${net2}.${net3}.${net4 + 2}`;
  const cleanup = () => {
    try {
      run('ip', ['link', 'del', hostIf]);
    } catch {
      /* gone with the namespace */
    }
    try {
      run('ip', ['netns', 'del', ns]);
    } catch {
      /* never made */
    }
  };
  process.once('exit', cleanup);
  run('ip', ['netns', 'add', ns]);
  run('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
  run('ip', ['link', 'set', nsIf, 'netns', ns]);
  run('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostIf]);
  run('ip', ['link', 'set', hostIf, 'up']);
  for (const args of [
    ['addr', 'add', `${nsAddress}/30`, 'dev', nsIf],
    ['link', 'set', nsIf, 'up'],
    ['link', 'set', 'lo', 'up'],
  ])
    run('ip', ['netns', 'exec', ns, 'ip', ...args]);

  const dir = mkdtempSync(join(tmpdir(), 'squid-'));
  const passwd = Object.entries(opts.users)
    .map(([u, p]) => `${u}:${execFileSync('openssl', ['passwd', '-apr1', p]).toString().trim()}`)
    .join('\n');
  writeFileSync(join(dir, 'passwd'), passwd + '\n', { mode: 0o644 });
  writeFileSync(join(dir, 'hosts'), opts.names.map((n) => `${hostAddress} ${n}`).join('\n') + '\n', {
    mode: 0o644,
  });
  writeFileSync(join(dir, 'squid.conf'), squidConf(dir, nsAddress), { mode: 0o644 });
  chownSync(dir, Number(run('id', ['-u', 'proxy']).toString().trim()), 0);

  const child: ChildProcess = spawn('ip', ['netns', 'exec', ns, SQUID, '-N', '-f', join(dir, 'squid.conf')], {
    stdio: 'ignore',
  });
  await until(() => listening(nsAddress, 3128), 15_000).catch((e: Error) => {
    child.kill('SIGKILL');
    cleanup();
    throw new Error(`squid did not start: ${e.message}; ${readTail(join(dir, 'cache.log'))}`);
  });
  const [user, password] = Object.entries(opts.users)[0]!;
  const bare = `http://${nsAddress}:3128`;
  return {
    url: `http://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${nsAddress}:3128`,
    bare,
    hostAddress,
    accessLog: () => readTail(join(dir, 'access.log')).split('\n').filter(Boolean),
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([
        exited,
        until(() => child.exitCode !== null || child.signalCode !== null, 5000),
      ]).catch(() => child.kill('SIGKILL'));
      cleanup();
      process.removeListener('exit', cleanup);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Probed by connect attempts; `until` polls it (the last probe's answer is kept between polls).
const probes = new Map<string, boolean>();
function listening(host: string, port: number): boolean {
  const key = `${host}:${port}`;
  if (probes.get(key)) return true;
  const s = net.connect({ host, port });
  s.once('connect', () => {
    probes.set(key, true);
    s.destroy();
  });
  s.once('error', () => s.destroy());
  return false;
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4000);
  } catch {
    return '';
  }
}

function squidConf(dir: string, address: string): string {
  return `http_port ${address}:3128
pid_filename ${dir}/squid.pid
cache_log ${dir}/cache.log
access_log stdio:${dir}/access.log
cache deny all
hosts_file ${dir}/hosts
# No resolver inside the namespace: only hosts_file names exist for the proxy.
dns_nameservers 127.0.0.1
pinger_enable off
auth_param basic program ${AUTH_HELPER} ${dir}/passwd
auth_param basic realm corp
acl authed proxy_auth REQUIRED
http_access allow authed
http_access deny all
coredump_dir ${dir}
shutdown_lifetime 0 seconds
cache_effective_user proxy
`;
}
