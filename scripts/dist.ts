// `npm run dist [-- --win|--mac]`: preflight, electron-vite build, then electron-builder with
// electron-builder.yml, signed as the environment allows (dist-signing.ts; an unsigned release is refused).
// Extra arguments go to electron-builder.
import { join } from 'node:path';
import { electronBinaryProblem } from './dist-preflight';
import { releaseProblem, signingPlan } from './dist-signing';
import { localBin as bin, runInherited } from './local-tools';

/** Local builds get a feed URL that can never resolve; a release sets COBROWSE_UPDATE_URL. */
const PLACEHOLDER_FEED = 'https://updates.invalid/cobrowse-agent-shell';

const problem = electronBinaryProblem(join('node_modules', 'electron'));
if (problem) {
  console.error(problem);
  process.exit(1);
}

const args = process.argv.slice(2);
const platform =
  args.includes('--mac') || (!args.includes('--win') && process.platform === 'darwin') ? 'mac' : 'win';
const signing = signingPlan(process.env, platform);
const refused = releaseProblem(signing, process.env);
if (refused) {
  console.error(refused);
  process.exit(1);
}
console.log(`signing: ${signing.how}`);

const env = { ...process.env, COBROWSE_UPDATE_URL: process.env.COBROWSE_UPDATE_URL || PLACEHOLDER_FEED };
const steps: [string, string[]][] = [
  [bin('electron-vite'), ['build']],
  [
    bin('electron-builder'),
    ['--config', 'electron-builder.yml', '--publish', 'never', ...signing.args, ...args],
  ],
];
for (const [cmd, args] of steps) {
  const status = runInherited(cmd, args, env);
  if (status !== 0) process.exit(status);
}
