// The web edition as `npm run start:web` ships it, for the benches that measure it as a user meets it: the
// sidebar and the bundle built, then `node out/web/cli.js` spawned on port 0 with a data folder of its own.
// Its first one-time link is the line it prints; each use of a link prints the next.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** `npm run build:renderer` and `build:web`, quietly; throws when either fails. */
export function buildWebEdition(): void {
  for (const build of ['build:renderer', 'build:web'])
    if (
      spawnSync('npm', ['run', '--silent', build, '--', '--logLevel', 'warn'], { stdio: 'inherit' })
        .status !== 0
    )
      throw new Error(`npm run ${build} failed`);
}

export interface WebEditionProcess {
  readonly child: ChildProcess;
  /** The link printed at start (it works once). */
  readonly firstLink: string;
  /** The next link, printed once the previous one has been used. */
  nextLink(): Promise<string>;
  stop(): Promise<void>;
}

/** Spawns the built web edition (`serviceUrl` omitted: demo mode); resolves once it prints its link. */
export async function spawnWebEdition(serviceUrl?: string): Promise<WebEditionProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'web-edition-bench-'));
  const child = spawn(
    process.execPath,
    [
      'out/web/cli.js',
      ...(serviceUrl ? ['--service-url', serviceUrl] : ['--demo']),
      '--data-dir',
      dataDir,
      '--port',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, COBROWSE_UPDATES: 'off' } },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const links: string[] = [];
  const waiting: ((link: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const link = /^(?:web edition on|link used; the next one \(it works once\):) (\S+)/.exec(line)?.[1];
    if (!link) return;
    const taker = waiting.shift();
    if (taker) taker(link);
    else links.push(link);
  });
  const nextLink = () =>
    new Promise<string>((resolve, reject) => {
      const ready = links.shift();
      if (ready) return resolve(ready);
      waiting.push(resolve);
      child.once('exit', (code) => reject(new Error(`start:web exited with ${code}`)));
    });
  try {
    const firstLink = await nextLink();
    return { child, firstLink, nextLink, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
