// electron-builder.yml checked against electron-builder's own JSON schema (app-builder-lib/scheme.json, the
// one the builder validates with) and against what this project promises: hardened fuses, per-user Windows
// installer, dmg + zip on macOS, the URL scheme, a generic update feed.
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

  it('builds a per-user one-click NSIS installer on Windows (no admin rights)', () => {
    expect(targets(config.win)).toEqual(['nsis:x64']);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
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
