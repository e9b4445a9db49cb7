// How `npm run dist` signs, from the environment only (CI secrets), as electron-builder overrides:
// - Windows: Azure Trusted Signing when its account is given (keys stay in Microsoft's HSMs; new code-signing
//   certificates are no longer issued as PFX files), else a PFX through CSC_LINK (existing certificates),
//   else unsigned.
// - macOS: a Developer ID through CSC_LINK/CSC_NAME (notarized when Apple credentials are set), else signed
//   ad hoc (`identity: "-"`): arm64 refuses to launch unsigned code, and the flipped fuses need a signature
//   made after them, so the packaged smoke test runs on unsigned CI builds too.
// A release (COBROWSE_RELEASE=1, set by the workflow on tags) that would be unsigned is refused.

export interface SigningPlan {
  /** electron-builder command-line overrides. */
  args: string[];
  signed: boolean;
  /** One line for the build log. */
  how: string;
}

const azureNames = {
  endpoint: 'AZURE_TRUSTED_SIGNING_ENDPOINT',
  codeSigningAccountName: 'AZURE_TRUSTED_SIGNING_ACCOUNT',
  certificateProfileName: 'AZURE_TRUSTED_SIGNING_PROFILE',
  publisherName: 'AZURE_TRUSTED_SIGNING_PUBLISHER',
} as const;
/** What Azure's EnvironmentCredential reads to sign in (a service principal). */
const azureCredential = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const;

export function signingPlan(env: NodeJS.ProcessEnv, platform: 'win' | 'mac'): SigningPlan {
  if (platform === 'win') {
    const azure = Object.entries(azureNames).map(([option, name]) => [option, env[name]] as const);
    if (azure.every(([, v]) => v) && azureCredential.every((n) => env[n]))
      return {
        args: azure.map(([option, v]) => `--config.win.azureSignOptions.${option}=${v}`),
        signed: true,
        how: 'Azure Trusted Signing',
      };
    if (env.CSC_LINK) return { args: [], signed: true, how: 'certificate file (CSC_LINK)' };
    return { args: [], signed: false, how: 'unsigned' };
  }
  if (env.CSC_LINK || env.CSC_NAME) return { args: [], signed: true, how: 'Developer ID certificate' };
  return {
    args: ['--config.mac.identity=-', '--config.mac.notarize=false'],
    signed: false,
    how: 'ad hoc (unsigned build)',
  };
}

/** Null when the build may go on; else why a release must not. */
export function releaseProblem(plan: SigningPlan, env: NodeJS.ProcessEnv): string | null {
  if (env.COBROWSE_RELEASE !== '1' || plan.signed) return null;
  return `refusing to build an unsigned release (${plan.how}): set the signing secrets (see docs/deployment.md)`;
}
