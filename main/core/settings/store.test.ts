import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, managedSettingsPath, saveUserSettings, type SettingsPaths } from './store';
import { defaultSettings } from '../../../common/settings-schema';

let dir: string;
let paths: SettingsPaths;
const writeJson = (p: string, v: unknown) => writeFile(p, JSON.stringify(v));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-'));
  paths = { userSettingsPath: join(dir, 'user.json'), managedSettingsPath: join(dir, 'managed.json') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('managedSettingsPath', () => {
  it('names one well-known machine-wide file per OS', () => {
    expect(managedSettingsPath('win32', { ProgramData: 'D:\\PD' })).toBe(
      'D:\\PD\\CobrowseAgentShell\\settings.json',
    );
    expect(managedSettingsPath('win32', {})).toBe('C:\\ProgramData\\CobrowseAgentShell\\settings.json');
    expect(managedSettingsPath('darwin', {})).toBe(
      '/Library/Application Support/CobrowseAgentShell/settings.json',
    );
    expect(managedSettingsPath('linux', {})).toBe('/etc/cobrowse-agent-shell/settings.json');
  });
});

describe('loadSettings layering', () => {
  it('gives the defaults (demo mode) when no file exists', async () => {
    expect(await loadSettings(paths)).toEqual({ settings: defaultSettings, locked: [], problems: [] });
  });

  it('layers user over managed and command line over both', async () => {
    await writeJson(paths.managedSettingsPath, {
      serviceUrl: 'https://managed.example.com',
      agentName: 'Managed',
      stickiness: 'url',
    });
    await writeJson(paths.userSettingsPath, { agentName: 'User', transport: 'websocket' });
    const { settings, problems } = await loadSettings({
      ...paths,
      argv: ['app.exe', '--transport=long-polling', '--debug', '--agent-name', 'Flag Name'],
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      serviceUrl: 'https://managed.example.com',
      stickiness: 'url',
      agentName: 'Flag Name',
      transport: 'long-polling',
      debug: true,
    });
  });

  it('honours locked keys over the user file and the command line, and says so', async () => {
    await writeJson(paths.managedSettingsPath, {
      serviceUrl: 'https://managed.example.com',
      locked: ['serviceUrl', 'debug'],
    });
    await writeJson(paths.userSettingsPath, { serviceUrl: 'https://user.example.com', debug: true });
    const r = await loadSettings({ ...paths, argv: ['--service-url=https://flag.example.com'] });
    expect(r.settings.serviceUrl).toBe('https://managed.example.com');
    // A locked key the managed file does not set is locked at its default.
    expect(r.settings.debug).toBe(false);
    expect(r.locked).toEqual(['serviceUrl', 'debug']);
    expect(r.problems).toEqual(['command line: "serviceUrl" is locked by your administrator (ignored)']);
  });

  it('reports each invalid field precisely and keeps the valid ones', async () => {
    await writeJson(paths.managedSettingsPath, {
      serviceUrl: 'ftp://nope',
      agentName: 'Kept',
      locked: ['agentName', 'noSuchKey'],
    });
    await writeJson(paths.userSettingsPath, { stickiness: 'sticky', localApiPort: 70000, colour: 'red' });
    const r = await loadSettings({ ...paths, argv: ['--transport', 'pigeon', '--service-url'] });
    expect(r.settings).toEqual({ ...defaultSettings, agentName: 'Kept' });
    expect(r.locked).toEqual(['agentName']);
    expect(r.problems).toEqual([
      `${paths.managedSettingsPath}: field "serviceUrl": Invalid URL`,
      `${paths.managedSettingsPath}: field "locked": unknown setting "noSuchKey" (ignored)`,
      `${paths.userSettingsPath}: field "stickiness": Invalid option: expected one of "cookie"|"url"`,
      `${paths.userSettingsPath}: field "localApiPort": Too big: expected number to be <=65535`,
      `${paths.userSettingsPath}: field "colour": unknown setting (ignored)`,
      'command line: --service-url: needs a value',
      'command line: --transport: Invalid option: expected one of "long-polling"|"websocket"',
    ]);
  });

  it('language: an administrator can lock it; an unknown one is named with the choices', async () => {
    await writeJson(paths.managedSettingsPath, { language: 'de', locked: ['language'] });
    await writeJson(paths.userSettingsPath, { language: 'fr' });
    const locked = await loadSettings({ ...paths, argv: ['--language=es'] });
    expect(locked.settings.language).toBe('de');
    expect(locked.problems).toEqual(['command line: "language" is locked by your administrator (ignored)']);

    await writeJson(paths.managedSettingsPath, {});
    await writeJson(paths.userSettingsPath, { language: 'pt-PT' });
    const unknown = await loadSettings(paths);
    expect(unknown.settings.language).toBe('system');
    expect(unknown.problems).toEqual([
      `${paths.userSettingsPath}: field "language": Invalid option: expected one of "system"|"en"|"de"|"fr"|"es"|"pt-BR"|"ar"`,
    ]);
  });

  it('agent page zoom: 75 or "75" in a file, a flag, lockable; anything else named with the choices', async () => {
    await writeJson(paths.userSettingsPath, { agentPageZoom: 75 });
    expect((await loadSettings(paths)).settings.agentPageZoom).toBe('75');
    expect(
      (await loadSettings({ ...paths, argv: ['--agent-page-zoom', '125'] })).settings.agentPageZoom,
    ).toBe('125');
    await writeJson(paths.managedSettingsPath, { agentPageZoom: '50', locked: ['agentPageZoom'] });
    expect((await loadSettings(paths)).settings.agentPageZoom).toBe('50');

    await writeJson(paths.managedSettingsPath, {});
    await writeJson(paths.userSettingsPath, { agentPageZoom: 'fit' });
    const odd = await loadSettings(paths);
    expect(odd.settings.agentPageZoom).toBe('100');
    expect(odd.problems).toEqual([
      `${paths.userSettingsPath}: field "agentPageZoom": Invalid option: expected one of "50"|"75"|"100"|"125"`,
    ]);
  });

  it('starts with safe defaults when a file is not JSON or not an object', async () => {
    await writeFile(paths.managedSettingsPath, '{ "serviceUrl": ');
    await writeJson(paths.userSettingsPath, ['a']);
    const r = await loadSettings(paths);
    expect(r.settings).toEqual(defaultSettings);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatch(new RegExp(`^${paths.managedSettingsPath}: not valid JSON: `));
    expect(r.problems[1]).toBe(`${paths.userSettingsPath}: must hold a JSON object of settings`);
  });

  it('accepts a file saved with a byte-order mark', async () => {
    await writeFile(paths.userSettingsPath, '\uFEFF{"agentName":"Bom"}');
    expect((await loadSettings(paths)).settings.agentName).toBe('Bom');
  });
});

describe('saveUserSettings', () => {
  it('merges the patch into the user file and keeps what it does not touch', async () => {
    await writeJson(paths.userSettingsPath, { agentName: 'Old', futureSetting: 42 });
    const r = await saveUserSettings(paths, { transport: 'websocket' });
    expect(r).toMatchObject({ ok: true, settings: { agentName: 'Old', transport: 'websocket' } });
    expect(JSON.parse(await readFile(paths.userSettingsPath, 'utf8'))).toEqual({
      agentName: 'Old',
      futureSetting: 42,
      transport: 'websocket',
    });
  });

  it('refuses a change to a locked key and writes nothing', async () => {
    await writeJson(paths.managedSettingsPath, {
      serviceUrl: 'https://m.example.com',
      locked: ['serviceUrl'],
    });
    const r = await saveUserSettings(paths, { serviceUrl: 'https://u.example.com', agentName: 'X' });
    expect(r).toEqual({
      ok: false,
      error: '"serviceUrl" is locked by your administrator and cannot be changed here.',
    });
    await expect(readFile(paths.userSettingsPath)).rejects.toThrow(/ENOENT/);
    // Sending the locked value unchanged (a form posts every field) is fine and not written to the user file.
    const ok = await saveUserSettings(paths, { serviceUrl: 'https://m.example.com', agentName: 'X' });
    expect(ok).toMatchObject({ ok: true, locked: ['serviceUrl'], settings: { agentName: 'X' } });
    expect(JSON.parse(await readFile(paths.userSettingsPath, 'utf8'))).toEqual({ agentName: 'X' });
  });

  it('refuses an invalid patch with the field and the reason', async () => {
    const r = await saveUserSettings(paths, { stickiness: 'nope', bogus: 1 });
    expect(r).toEqual({
      ok: false,
      error: '"stickiness": Invalid option: expected one of "cookie"|"url"; Unknown setting "bogus"',
    });
  });

  it('keeps a corrupt user file aside instead of overwriting it', async () => {
    await writeFile(paths.userSettingsPath, 'not json at all');
    const r = await saveUserSettings(paths, { agentName: 'Fresh' });
    expect(r.ok).toBe(true);
    const names = await readdir(dir);
    const aside = names.find((n) => n.startsWith('user.json.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('not json at all');
    expect(JSON.parse(await readFile(paths.userSettingsPath, 'utf8'))).toEqual({ agentName: 'Fresh' });
  });

  it('serialises concurrent saves so none is lost', async () => {
    const results = await Promise.all([
      saveUserSettings(paths, { agentName: 'A' }),
      saveUserSettings(paths, { debug: true }),
      saveUserSettings(paths, { transport: 'websocket' }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(JSON.parse(await readFile(paths.userSettingsPath, 'utf8'))).toEqual({
      agentName: 'A',
      debug: true,
      transport: 'websocket',
    });
  });

  it('reports a file it cannot write instead of throwing', async () => {
    const created = await saveUserSettings({ ...paths, userSettingsPath: join(dir, 'new', 'x.json') }, {});
    expect(created.ok).toBe(true); // a missing folder is created
    await writeFile(join(dir, 'blocker'), '');
    const blocked = await saveUserSettings(
      { ...paths, userSettingsPath: join(dir, 'blocker', 'x.json') },
      { debug: true },
    );
    expect(blocked).toMatchObject({ ok: false });
    expect((blocked as { error: string }).error).toMatch(/^Could not save settings to .*x\.json: .*ENOTDIR/);
  });
});

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
