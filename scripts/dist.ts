// `npm run dist [-- --win|--mac]`: preflight, electron-vite build, then electron-builder with
// electron-builder.yml. Extra arguments go to electron-builder.
import { join } from 'node:path';
import { electronBinaryProblem } from './dist-preflight';
import { localBin as bin, runInherited } from './local-tools';

/** Local builds get a feed URL that can never resolve; a release sets COBROWSE_UPDATE_URL. */
const PLACEHOLDER_FEED = 'https://updates.invalid/cobrowse-agent-shell';

const problem = electronBinaryProblem(join('node_modules', 'electron'));
if (problem) {
  console.error(problem);
  process.exit(1);
}

const env = { ...process.env, COBROWSE_UPDATE_URL: process.env.COBROWSE_UPDATE_URL || PLACEHOLDER_FEED };
const steps: [string, string[]][] = [
  [bin('electron-vite'), ['build']],
  [
    bin('electron-builder'),
    ['--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)],
  ],
];
for (const [cmd, args] of steps) {
  const status = runInherited(cmd, args, env);
  if (status !== 0) process.exit(status);
}
