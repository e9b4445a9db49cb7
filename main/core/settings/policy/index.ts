// The OS's policy store for this platform: the registry on Windows, managed preferences on macOS; none
// elsewhere (Linux has the managed JSON file only).
import { userInfo } from 'node:os';
import { managedPreferenceFiles, readManagedPreferences } from './managed-preferences';
import { readRegistryPolicy } from './registry';
import type { PolicyReader } from './types';

export type { PolicyRead, PolicyReader, PolicySource } from './types';

export function osPolicyReader(platform: NodeJS.Platform = process.platform): PolicyReader | null {
  if (platform === 'win32') return () => readRegistryPolicy();
  if (platform === 'darwin') return () => readManagedPreferences(managedPreferenceFiles(userInfo().username));
  return null;
}
