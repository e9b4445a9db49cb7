// What the installers of Genesys's material share (its simulator, its official client: both fetched from the
// registry into the temp dir, never dependencies of ours): running npm and friends, and the `--install` entry
// point .ci/run calls before the tests.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** Runs `cmd`; resolves with its stdout, rejects with the tail of its stderr. */
export function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += String(d)));
    child.stderr.on('data', (d: Buffer) => (err = (err + String(d)).slice(-2000)));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.trim()}`)),
    );
  });
}

/** `npx tsx <module> --install`: runs `install` when `moduleUrl` is the script started, saying how it went. */
export function installWhenRun(moduleUrl: string, name: string, install: () => Promise<string>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  if (!process.argv.includes('--install')) return;
  install().then(
    (dir) => console.log(`${name} installed in ${dir}`),
    (err: Error) => {
      console.error(`${name} install failed: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
