// macOS managed preferences: what a configuration profile (MDM or a .mobileconfig installed by hand) sets for
// the app's domain lands in `/Library/Managed Preferences/[<user>/]<domain>.plist`, binary or XML. Its keys
// are enforced; a `Recommended` dictionary holds defaults the agent may change (our convention, the same as
// the Windows `Recommended` subkey). The device-wide file wins over the user's, as HKLM over HKCU.
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { parse, parseBinary, type PlistValue } from 'plist';
import type { PolicyRead, PolicySource } from './types';

/** electron-builder.yml's appId: the preference domain a profile's payload names. */
export const PREFERENCE_DOMAIN = 'com.cobrowse.agentshell';
const ROOT = '/Library/Managed Preferences';

/** Lowest precedence first: the user's, then the device's. */
export const managedPreferenceFiles = (user: string, root = ROOT): string[] => [
  posix.join(root, user, `${PREFERENCE_DOMAIN}.plist`),
  posix.join(root, `${PREFERENCE_DOMAIN}.plist`),
];

/** A plist file's content, binary (`bplist00`) or XML. */
export function parsePlist(bytes: Uint8Array): PlistValue {
  const magic = Buffer.from(bytes.subarray(0, 6)).toString('latin1');
  return magic === 'bplist' ? parseBinary(bytes) : parse(Buffer.from(bytes).toString('utf8'));
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date) && !ArrayBuffer.isView(v);

export async function readManagedPreferences(files: readonly string[]): Promise<PolicyRead> {
  const sources: PolicySource[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
        problems.push(`${file}: cannot read: ${(err as Error).message}`);
      continue;
    }
    try {
      const root = parsePlist(bytes);
      if (!isDict(root)) throw new Error('not a dictionary');
      const { Recommended: recommended, ...enforced } = root;
      sources.push({ origin: file, enforced, recommended: isDict(recommended) ? recommended : {} });
    } catch (err) {
      problems.push(`${file}: not a valid property list: ${(err as Error).message}`);
    }
  }
  return { sources, problems };
}
