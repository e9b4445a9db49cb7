// `npm run dist [-- --win|--mac]`: preflight, electron-vite build, then electron-builder with
// electron-builder.yml. Extra arguments go to electron-builder.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { electronBinaryProblem } from './dist-preflight';

/** Local builds get a feed URL that can never resolve; a release sets COBROWSE_UPDATE_URL. */
const PLACEHOLDER_FEED = 'https://updates.invalid/cobrowse-agent-shell';

const problem = electronBinaryProblem(join('node_modules', 'electron'));
if (problem) {
  console.error(problem);
  process.exit(1);
}

const env = { ...process.env, COBROWSE_UPDATE_URL: process.env.COBROWSE_UPDATE_URL || PLACEHOLDER_FEED };
const bin = (name: string) =>
  join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const steps: [string, string[]][] = [
  [bin('electron-vite'), ['build']],
  [
    bin('electron-builder'),
    ['--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)],
  ],
];
for (const [cmd, args] of steps) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
