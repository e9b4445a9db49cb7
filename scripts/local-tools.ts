// Running the project's own tools from scripts: node_modules/.bin by name (a .cmd on Windows, which needs a
// shell there), with the terminal inherited so their output and prompts reach the person running npm.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const localBin = (name: string): string =>
  join('node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** Runs to completion; the exit code (1 when it died of a signal). */
export const runInherited = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number =>
  spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' }).status ?? 1;
