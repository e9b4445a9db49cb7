// Several agents on one machine, as on a Citrix or RDS host: real OS users (`useradd`), each process run
// as one of them with `setpriv` (util-linux). Needs root, as CI has; `osUsersUnavailable` says why not.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from '../../../main/core/test-support/until';

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const SETPRIV = '/usr/bin/setpriv';

/** Why these tests cannot run here (not root, no setpriv/useradd), or null. */
export function osUsersUnavailable(): string | null {
  if (process.platform !== 'linux') return 'real OS users are made with useradd/setpriv on Linux';
  if (process.getuid?.() !== 0) return 'making OS users needs root (CI runs as root)';
  if (!existsSync(SETPRIV)) return 'setpriv (util-linux) is not installed';
  return null;
}

/** The user, created (no home, no login shell) if it does not exist yet. */
export function osUser(name: string): OsUser {
  const id = (flag: string) =>
    Number(
      execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
  try {
    return { name, uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', name]);
    return { name, uid: id('-u'), gid: id('-g') };
  }
}

export interface Running {
  child: ChildProcess;
  /** Every JSON line printed so far. */
  lines: Record<string, unknown>[];
  /** Waits for the first line that has `key`, and returns its value. */
  line(key: string, ms?: number): Promise<unknown>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** Every folder above `path` lets others pass (o+x): other users can reach the checkout where it is. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

let mounted: string | null = null;
/** Where the other users reach the checkout: in place, or (a clone under a private folder, as `mktemp -d`
 * makes) through a bind mount under /tmp, which `releaseCheckout` undoes. */
function checkoutForUsers(): string {
  if (reachableByOthers(repoRoot)) return repoRoot;
  if (!mounted) {
    const at = mkdtempSync('/tmp/cobrowse-checkout-');
    chmodSync(at, 0o755);
    execFileSync('mount', ['--bind', repoRoot, at]);
    mounted = at;
  }
  return mounted;
}

/** Undoes the bind mount `runAs` may have made. */
export function releaseCheckout(): void {
  if (!mounted) return;
  execFileSync('umount', [mounted]);
  rmdirSync(mounted);
  mounted = null;
}

/** Runs `node --import tsx <script> ...args` (a path under the repository) as `user`, with its own HOME. */
export function runAs(user: OsUser, home: string, script: string, args: string[]): Running {
  const asUser = ['--reuid', String(user.uid), '--regid', String(user.gid), '--init-groups', '--'];
  const node = [process.execPath, '--import', 'tsx', script, ...args];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
  return track(spawn(SETPRIV, [...asUser, ...node], { cwd: checkoutForUsers(), env }));
}

function track(child: ChildProcess): Running {
  const lines: Record<string, unknown>[] = [];
  let rest = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop()!;
    for (const part of parts) if (part.trim()) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    lines,
    line: async (key, ms = 15_000) => {
      const found = await until(
        () => lines.find((l) => key in l) ?? (child.exitCode !== null && 'exit'),
        ms,
      ).catch(() => undefined);
      if (!found || found === 'exit') throw new Error(`no "${key}" line; stderr: ${stderr.slice(0, 2000)}`);
      return found[key];
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
