// OS policy read from its real formats: `reg query /s` output as Windows prints it (CRLF, four-space columns,
// hex DWORDs, an empty string, the `(Default)` value) and property lists written by a real plist writer
// (Python's plistlib: binary for the device file, XML for the user's, in test-support/); then one precedence
// with the managed file, the user's file and flags, and the locks kept.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { managedPreferenceFiles, parsePlist, readManagedPreferences } from './policy/managed-preferences';
import { parseRegQuery, readRegistryPolicy, type RegQuery } from './policy/registry';
import { loadSettings, saveUserSettings } from './store';

const fixture = (name: string) => readFile(new URL(`./test-support/${name}`, import.meta.url));
/** What reg.exe prints for each hive, from the fixtures; a missing key prints nothing (exit 1). */
const regExe: RegQuery = async (hiveKey) =>
  hiveKey.startsWith('HKLM')
    ? (await fixture('reg-query-hklm.txt')).toString('utf8')
    : (await fixture('reg-query-hkcu.txt')).toString('utf8');

describe('Windows registry policy (reg query output)', () => {
  it('reads each key and its typed values as reg.exe prints them', async () => {
    const keys = parseRegQuery((await fixture('reg-query-hklm.txt')).toString('utf8'));
    const base = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Cobrowse\\AgentShell';
    expect([...keys.keys()]).toEqual([base, `${base}\\Recommended`]);
    expect(Object.fromEntries(keys.get(base)!)).toMatchObject({
      serviceUrl: { type: 'REG_SZ', data: 'https://cobrowse.example.com' },
      localApiPort: { type: 'REG_DWORD', data: '0x43b8' },
      origin: { type: 'REG_SZ', data: '' },
      agentName: { type: 'REG_SZ', data: 'Front desk 2' },
    });
  });

  it('HKCU then HKLM, each with its enforced values and its Recommended subkey', async () => {
    const read = await readRegistryPolicy(regExe);
    expect(read.problems).toEqual([]);
    expect(read.sources.map((s) => s.origin)).toEqual([
      'HKCU\\SOFTWARE\\Policies\\Cobrowse\\AgentShell',
      'HKLM\\SOFTWARE\\Policies\\Cobrowse\\AgentShell',
    ]);
    expect(read.sources[1]).toMatchObject({
      enforced: { alwaysOnTop: 1, localApiPort: 17336, autoUpdate: 0, agentPageZoom: '125' },
      recommended: { language: 'de', notifyOnRequest: 0 },
    });
  });

  it('a key that does not exist is no source; a failing reg.exe is a problem, not a crash', async () => {
    expect(await readRegistryPolicy(async () => '')).toEqual({ sources: [], problems: [] });
    const broken = await readRegistryPolicy(async () => {
      throw new Error('Access is denied.');
    });
    expect(broken.problems).toEqual([
      'HKCU\\SOFTWARE\\Policies\\Cobrowse\\AgentShell: cannot read: Access is denied.',
      'HKLM\\SOFTWARE\\Policies\\Cobrowse\\AgentShell: cannot read: Access is denied.',
    ]);
  });
});

describe('macOS managed preferences (binary and XML property lists)', () => {
  it('parses a binary plist and an XML one', async () => {
    expect(parsePlist(await fixture('managed-device.binary.plist'))).toMatchObject({
      alwaysOnTop: true,
      localApiPort: 17400,
      Recommended: { language: 'de' },
    });
    expect(parsePlist(await fixture('managed-user.xml.plist'))).toEqual({
      agentName: 'Zoë Müller',
      maxConcurrentSessions: 2,
      serviceUrl: 'https://user-level.example.com',
    });
  });

  it("reads the user's file, then the device's; a damaged file is a problem", async () => {
    const root = await mkdtemp(join(tmpdir(), 'managed-prefs-'));
    const [userFile, deviceFile] = managedPreferenceFiles('agent1', root);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(root, 'agent1'));
    await writeFile(userFile!, await fixture('managed-user.xml.plist'));
    await writeFile(deviceFile!, await fixture('managed-device.binary.plist'));
    const read = await readManagedPreferences([userFile!, deviceFile!]);
    expect(read.sources.map((s) => s.origin)).toEqual([userFile, deviceFile]);
    expect(read.sources[1]!.recommended).toEqual({ language: 'de', notifyOnRequest: false });
    await writeFile(deviceFile!, 'bplist00 broken');
    expect((await readManagedPreferences([deviceFile!])).problems).toEqual([
      expect.stringContaining(`${deviceFile}: not a valid property list`),
    ]);
    await rm(root, { recursive: true, force: true });
  });
});

describe('one precedence: defaults < managed file < recommended policy < user file < flags; locks win', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'policy-store-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const paths = (argv: string[] = []) => ({
    userSettingsPath: join(dir, 'user.json'),
    managedSettingsPath: join(dir, 'managed.json'),
    policy: () => readRegistryPolicy(regExe),
    argv,
  });

  it('enforced registry values apply and lock (HKLM over HKCU), over the user file and flags', async () => {
    await writeFile(join(dir, 'managed.json'), JSON.stringify({ agentName: 'From file', locked: ['debug'] }));
    await writeFile(
      join(dir, 'user.json'),
      JSON.stringify({ serviceUrl: 'https://mine.example', language: 'fr' }),
    );
    const loaded = await loadSettings(paths(['--always-on-top=false', '--transport', 'websocket']));
    expect(loaded.settings).toMatchObject({
      serviceUrl: 'https://cobrowse.example.com', // HKLM over HKCU and the user's file
      alwaysOnTop: true, // enforced over the flag
      localApiPort: 17336,
      agentName: 'Front desk 2', // enforced over the managed file
      agentPageZoom: '125',
      autoUpdate: false,
      maxConcurrentSessions: 2, // HKCU's, nothing above it
      language: 'fr', // only recommended: the agent's own choice stays
      notifyOnRequest: false, // recommended, the agent chose nothing
      transport: 'websocket', // a flag where nothing is enforced
      debug: false, // locked by the managed file at its default
    });
    expect(loaded.locked).toEqual(
      expect.arrayContaining([
        'serviceUrl',
        'alwaysOnTop',
        'origin',
        'autoUpdate',
        'maxConcurrentSessions',
        'debug',
      ]),
    );
    expect(loaded.locked).not.toContain('language');
    expect(loaded.problems).toEqual([
      'HKCU\\SOFTWARE\\Policies\\Cobrowse\\AgentShell: policy "(Default)": unknown setting (ignored)',
      'HKCU\\SOFTWARE\\Policies\\Cobrowse\\AgentShell: policy "debug": Invalid input: expected boolean, received string',
      'command line: "alwaysOnTop" is locked by your administrator (ignored)',
    ]);
  });

  it('the sidebar cannot change a setting the policy enforces, but can one it only recommends', async () => {
    const refused = await saveUserSettings(paths(), { alwaysOnTop: false });
    expect(refused).toEqual({
      ok: false,
      error: '"alwaysOnTop" is locked by your administrator and cannot be changed here.',
    });
    const saved = await saveUserSettings(paths(), { notifyOnRequest: true });
    expect(saved.ok && saved.settings.notifyOnRequest).toBe(true);
  });
});
