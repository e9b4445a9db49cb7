// `maxConcurrentSessions`: Genesys's one session per agent unless a deployment raised it; an administrator can
// lock it, and a value outside 1–10 costs only that value.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, type SettingsPaths } from './store';

let dir: string;
let paths: SettingsPaths;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'max-sessions-'));
  paths = { userSettingsPath: join(dir, 'user.json'), managedSettingsPath: join(dir, 'managed.json') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it('defaults to one, takes a locked managed value over the user file and the command line', async () => {
  expect((await loadSettings(paths)).settings.maxConcurrentSessions).toBe(1);
  await writeFile(
    paths.managedSettingsPath,
    JSON.stringify({ maxConcurrentSessions: 2, locked: ['maxConcurrentSessions'] }),
  );
  await writeFile(paths.userSettingsPath, JSON.stringify({ maxConcurrentSessions: 5 }));
  const r = await loadSettings({ ...paths, argv: ['--max-concurrent-sessions', '4'] });
  expect(r.settings.maxConcurrentSessions).toBe(2);
  expect(r.locked).toContain('maxConcurrentSessions');
});

it('refuses zero with a specific problem and keeps the default', async () => {
  await writeFile(paths.userSettingsPath, JSON.stringify({ maxConcurrentSessions: 0 }));
  const r = await loadSettings(paths);
  expect(r.settings.maxConcurrentSessions).toBe(1);
  expect(r.problems.join('\n')).toMatch(/"maxConcurrentSessions"/);
});
