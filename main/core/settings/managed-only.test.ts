import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, type SettingsPaths } from './store';

let dir: string;
let paths: SettingsPaths;
const writeJson = (p: string, v: unknown) => writeFile(p, JSON.stringify(v));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-'));
  paths = { userSettingsPath: join(dir, 'user.json'), managedSettingsPath: join(dir, 'managed.json') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('allowPlainHttp: the managed file only', () => {
  it('a user file or a flag cannot turn it on, and says so', async () => {
    await writeJson(paths.userSettingsPath, { allowPlainHttp: true, proxy: 'direct' });
    const loaded = await loadSettings({ ...paths, argv: ['--allow-plain-http'] });
    expect(loaded.settings.allowPlainHttp).toBe(false);
    expect(loaded.settings.proxy).toBe('direct'); // an ordinary setting still applies from the user file
    expect(loaded.problems.join('\n')).toMatch(/allowPlainHttp.*managed settings only/);
  });

  it('the administrator turns it on in the managed file', async () => {
    await writeJson(paths.managedSettingsPath, { allowPlainHttp: true });
    await writeJson(paths.userSettingsPath, { allowPlainHttp: false });
    const loaded = await loadSettings(paths);
    expect(loaded.settings.allowPlainHttp).toBe(true);
  });

  it('the proxy setting takes system, direct, a proxy URL or a PAC URL, and nothing else', async () => {
    for (const proxy of ['system', 'direct', 'http://proxy.corp:3128', 'http://wpad.corp/proxy.pac']) {
      await writeJson(paths.userSettingsPath, { proxy });
      expect((await loadSettings(paths)).settings.proxy).toBe(proxy);
    }
    await writeJson(paths.userSettingsPath, { proxy: 'socks5://proxy:1080' });
    const bad = await loadSettings(paths);
    expect(bad.settings.proxy).toBe('system');
    expect(bad.problems.join('\n')).toMatch(/"proxy"/);
  });
});
