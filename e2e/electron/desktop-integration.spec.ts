// The packaged-app behaviours that need the real Electron binary: a deep link on the command line reaches
// the running app (and a bad one is refused and logged), and a second launch hands its link to the first
// instance and exits. Runs on the Windows and macOS CI runners (.github/workflows/desktop.yml); skipped
// where the Electron binary is missing (this sandbox).
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { electronPath, electronSkipReason } from './electron-binary';

test.skip(electronSkipReason !== null, electronSkipReason ?? '');

async function logText(app: ElectronApplication): Promise<string> {
  const file = join(await app.evaluate(({ app: a }) => a.getPath('logs')), 'main.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

// The CI step sets COBROWSE_NO_SINGLE_INSTANCE for parallel runs; the second test needs the real lock.
const { COBROWSE_NO_SINGLE_INSTANCE: _skipLock, ...envWithLock } = process.env as Record<string, string>;

let app: ElectronApplication | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a malformed deep link on the command line is refused and logged with its reason', async () => {
  app = await electron.launch({
    executablePath: electronPath(),
    args: ['.', 'cobrowse-agent://join?sid=12345'],
    env: { ...envWithLock, COBROWSE_NO_SINGLE_INSTANCE: '1' },
  });
  await app.firstWindow();
  await expect.poll(() => logText(app!)).toContain('deep link refused');
  expect(await logText(app)).toContain('"reason":"sid-not-9-digits"');
});

test('a second launch hands its deep link to the running instance and exits', async () => {
  app = await electron.launch({ executablePath: electronPath(), args: ['.'], env: envWithLock });
  await app.firstWindow();
  const before = (await logText(app)).split('deep link refused').length;
  const second = spawn(electronPath(), ['.', 'cobrowse-agent://leave?sid=123456789'], {
    stdio: 'ignore',
    env: envWithLock,
  });
  const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
  expect(code).toBe(0);
  await expect.poll(async () => (await logText(app!)).split('deep link refused').length).toBe(before + 1);
  expect(await logText(app)).toContain('"reason":"unknown-action","name":"leave"');
});
