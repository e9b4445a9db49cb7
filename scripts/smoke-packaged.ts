// The desktop workflow's smoke test of the packaged app (fuses, asar integrity, the `app.isPackaged` branches):
// starts the unpacked build with --smoke-test, which quits with 0 once the sidebar said ready and 1 at a
// main-process error. Playwright's `_electron` cannot drive it (it passes --inspect, which the fuses refuse).
// On failure, or when the app is still running after 120 s, prints the end of the app's main.log.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { packagedApp } from './packaged-app';

const TIMEOUT_MS = 120_000;
const { productName } = JSON.parse(readFileSync('package.json', 'utf8')) as { productName: string };
const target = packagedApp({
  platform: process.platform,
  arch: process.arch,
  productName,
  home: homedir(),
  appData: process.env.APPDATA,
});
if (!target || !existsSync(target.executable)) {
  console.error(
    `smoke: no unpacked app ${target ? `at ${target.executable}` : `for ${process.platform}`}; build it first`,
  );
  process.exit(1);
}

const child = spawn(target.executable, ['--smoke-test'], { stdio: 'inherit' });
const timer = setTimeout(() => {
  console.error(`smoke: the app still runs after ${TIMEOUT_MS / 1000} s`);
  child.kill();
}, TIMEOUT_MS);
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  if (code === 0) return console.log(`smoke: ${target.executable} started, showed the sidebar and quit`);
  console.error(`smoke: the app exited with ${code ?? signal}; the end of ${target.logFile}:`);
  if (existsSync(target.logFile)) console.error(readFileSync(target.logFile, 'utf8').slice(-8000));
  process.exit(1);
});
