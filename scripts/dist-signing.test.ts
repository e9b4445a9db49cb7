// Signing from the environment: Azure Trusted Signing, a PFX or nothing on Windows; a Developer ID or an ad hoc
// signature on macOS; a tagged release refused when it would be unsigned. The overrides are checked against
// electron-builder's own schema and the option names it documents.
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { releaseProblem, signingPlan } from './dist-signing';

const require = createRequire(import.meta.url);
const azure = {
  AZURE_TRUSTED_SIGNING_ENDPOINT: 'https://weu.codesigning.azure.net',
  AZURE_TRUSTED_SIGNING_ACCOUNT: 'contoso-signing',
  AZURE_TRUSTED_SIGNING_PROFILE: 'public-trust',
  AZURE_TRUSTED_SIGNING_PUBLISHER: 'Contoso Ltd',
  AZURE_TENANT_ID: 't',
  AZURE_CLIENT_ID: 'c',
  AZURE_CLIENT_SECRET: 's',
};

/** `--config.a.b=v` overrides as the configuration object electron-builder builds from them. */
function overrides(args: string[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const arg of args) {
    const [path, value] = arg.replace(/^--config\./, '').split(/=(.*)/s) as [string, string];
    const keys = path.split('.');
    let at = config;
    for (const k of keys.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[keys.at(-1)!] = value === 'false' ? false : value;
  }
  return config;
}
const schemaErrors = (config: unknown) => {
  const check = new Ajv({ allErrors: true, strict: false }).compile(require('app-builder-lib/scheme.json'));
  return check(config) ? [] : check.errors;
};

describe('signing plan', () => {
  it('Windows: Azure Trusted Signing when the account and a service principal are given', () => {
    const plan = signingPlan(azure, 'win');
    expect(plan).toMatchObject({ signed: true, how: 'Azure Trusted Signing' });
    expect(overrides(plan.args)).toEqual({
      win: {
        azureSignOptions: {
          endpoint: 'https://weu.codesigning.azure.net',
          codeSigningAccountName: 'contoso-signing',
          certificateProfileName: 'public-trust',
          publisherName: 'Contoso Ltd',
        },
      },
    });
    expect(schemaErrors(overrides(plan.args))).toEqual([]);
    // The schema takes any key there: the names must be the ones it documents.
    const documented = require('app-builder-lib/scheme.json').definitions.WindowsAzureSigningConfiguration
      .properties;
    const win = overrides(plan.args).win as { azureSignOptions: object };
    expect(Object.keys(documented)).toEqual(expect.arrayContaining(Object.keys(win.azureSignOptions)));
    expect(signingPlan({ ...azure, AZURE_CLIENT_SECRET: '' }, 'win').signed).toBe(false);
    expect(signingPlan({ CSC_LINK: 'cert.pfx' }, 'win')).toMatchObject({ signed: true, args: [] });
  });

  it('macOS: ad hoc without a certificate (so arm64 launches the fused app), nothing to add with one', () => {
    const plan = signingPlan({}, 'mac');
    expect(plan).toMatchObject({ signed: false, how: 'ad hoc (unsigned build)' });
    expect(overrides(plan.args)).toEqual({ mac: { identity: '-', notarize: false } });
    expect(schemaErrors(overrides(plan.args))).toEqual([]);
    expect(signingPlan({ CSC_NAME: 'Developer ID Application: Contoso' }, 'mac')).toMatchObject({
      signed: true,
    });
  });

  it('a tagged release is refused when it would be unsigned; other builds go on', () => {
    expect(releaseProblem(signingPlan({}, 'win'), { COBROWSE_RELEASE: '1' })).toMatch(/unsigned release/);
    expect(releaseProblem(signingPlan({}, 'mac'), { COBROWSE_RELEASE: '1' })).toMatch(/ad hoc/);
    expect(releaseProblem(signingPlan(azure, 'win'), { COBROWSE_RELEASE: '1' })).toBeNull();
    expect(releaseProblem(signingPlan({}, 'win'), {})).toBeNull();
  });
});
