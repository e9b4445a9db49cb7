// `npm start`: the desktop app where the Electron binary is present (built with electron-vite, then
// launched; demo mode unless a service URL is configured). Where it is missing, one line says so and the
// web edition starts in demo mode instead, printing its URL. Arguments after `--` go to the app.
import { join } from 'node:path';
import { electronBinaryProblem } from './dist-preflight';
import { localBin as bin, runInherited as run } from './local-tools';

const args = process.argv.slice(2);
if (electronBinaryProblem(join('node_modules', 'electron')) === null) {
  const built = run(bin('electron-vite'), ['build']);
  process.exit(built === 0 ? run(bin('electron'), ['.', ...args]) : built);
}
console.log(
  'start: the Electron binary is not installed here, so the desktop app cannot open; starting the web edition in demo mode instead (npm run start:web).',
);
// The sidebar, then the web edition's bundle (what `npm run start:web` runs too).
for (const build of [['build:renderer', '--', '--logLevel', 'warn'], ['build:web']]) {
  const built = run('npm', ['run', '--silent', ...build]);
  if (built !== 0) process.exit(built);
}
process.exit(run(process.execPath, ['out/web/cli.js', ...(args.length ? args : ['--demo'])]));
