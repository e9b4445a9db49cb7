// electron-builder.yml checked against electron-builder's own JSON schema (app-builder-lib/scheme.json, the
// one the builder validates with) and against what this project promises: hardened fuses, per-user and
// per-machine Windows installers (NSIS, MSI), dmg + zip on macOS, the URL scheme, a generic update feed.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { load } from 'js-yaml';
import { Ajv } from 'ajv';

const require = createRequire(import.meta.url);
const config = load(readFileSync(new URL('../electron-builder.yml', import.meta.url), 'utf8')) as Record<
  string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  any
>;

function validate(cfg: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(require('app-builder-lib/scheme.json'));
  return check(cfg) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const targets = (platform: { target: { target: string; arch?: string[] }[] }) =>
  platform.target.map((t) => `${t.target}:${(t.arch ?? []).join('+')}`);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(validate(config)).toEqual([]);
  });

  it("passes electron-builder's own configuration check (the one `electron-builder` runs)", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('the schema check catches a wrong option (the test can fail)', () => {
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } })).not.toEqual(
      [],
    );
    expect(validate({ ...config, nsis: { ...config.nsis, oneClick: 'yes' } })).not.toEqual([]);
  });

  it('flips the hardened set of fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names the app and packs only the build output into an asar', () => {
    expect(config.appId).toBe('com.cobrowse.agentshell');
    expect(config.productName).toBe('Cobrowse Agent Shell');
    expect(config.asar).toBe(true);
    expect(config.files).toContain('out/**/*');
    expect(config.directories.output).toBe('dist');
    expect(config.artifactName).toMatch(/\$\{version\}.*\$\{arch\}/);
  });

  it("package.json names the product as the installers do (Electron's app name), and docs/hosts.md its folders", () => {
    const { productName } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      productName?: string;
    };
    expect(productName).toBe(config.productName);
    const hostsDoc = readFileSync(new URL('../docs/hosts.md', import.meta.url), 'utf8');
    for (const folder of [
      `%APPDATA%\\${productName}`,
      `~/Library/Application Support/${productName}`,
      `~/Library/Logs/${productName}`,
      `~/.config/${productName}`,
    ])
      expect(hostsDoc).toContain(folder);
  });

  it('builds an NSIS installer for per-user or per-machine installs (/S, /S /allusers) and a per-machine MSI', () => {
    expect(targets(config.win)).toEqual(['nsis:x64', 'msi:x64']);
    // electron-builder's assisted installer: the install-mode choice, or /allusers and /currentuser when silent.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    const assisted = readFileSync(
      require.resolve('app-builder-lib/templates/nsis/assistedInstaller.nsh'),
      'utf8',
    );
    expect(assisted).toContain('${GetOptions} $R0 "/allusers" $R1');
    expect(config.msi).toMatchObject({ perMachine: true, runAfterFinish: false });
  });

  it('keeps one MSI upgrade code for the product’s life (each MSI upgrades the last in place)', () => {
    expect(config.msi.upgradeCode).toBe('7C1D2E4F-5A6B-4C8D-9E0F-A1B2C3D4E5F6');
  });

  it('registers the URL scheme in the NSIS installer for its install context and removes it at uninstall', () => {
    const nsh = readFileSync(new URL(`../${config.nsis.include}`, import.meta.url), 'utf8');
    const [scheme] = config.protocols[0].schemes as string[];
    const key = `SHELL_CONTEXT "Software\\Classes\\${scheme}`;
    const install = nsh.slice(nsh.indexOf('!macro customInstall'), nsh.indexOf('!macroend'));
    const uninstall = nsh.slice(nsh.indexOf('!macro customUnInstall'));
    expect(install).toContain(`WriteRegStr ${key}" "URL Protocol" ""`);
    expect(install).toContain(
      `WriteRegStr ${key}\\shell\\open\\command" "" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`,
    );
    expect(uninstall).toMatch(
      new RegExp(
        `\\$\\{ifNot\\} \\$\\{isUpdated\\}\\s+DeleteRegKey SHELL_CONTEXT "Software\\\\Classes\\\\${scheme}"`,
      ),
    );
    // The macros and defines it uses are electron-builder's own.
    const templates = ['installSection.nsh', 'uninstaller.nsh', 'common.nsh']
      .map((f) => readFileSync(require.resolve(`app-builder-lib/templates/nsis/${f}`), 'utf8'))
      .join('\n');
    for (const used of [
      '!insertmacro customInstall',
      '!insertmacro customUnInstall',
      'APP_EXECUTABLE_FILENAME',
      'SHELL_CONTEXT',
    ])
      expect(templates).toContain(used);
  });

  it('builds a dmg and the zip the updater needs on macOS, hardened and notarized from the environment', () => {
    expect(targets(config.mac)).toEqual(['dmg:x64+arm64', 'zip:x64+arm64']);
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true });
    const plist = readFileSync(new URL(`../${config.mac.entitlements}`, import.meta.url), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
  });

  it('registers the cobrowse-agent URL scheme and a generic update feed', () => {
    expect(config.protocols).toEqual([{ name: 'Cobrowse Agent link', schemes: ['cobrowse-agent'] }]);
    expect(config.publish).toEqual([
      { provider: 'generic', url: '${env.COBROWSE_UPDATE_URL}', channel: 'latest' },
    ]);
  });
});
