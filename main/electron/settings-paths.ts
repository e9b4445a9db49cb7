// Where the settings live for the running app: the user's file in Electron's userData folder, the
// administrator's file at the OS's well-known path and, packaged, the OS's policy store. Development and e2e runs (unpackaged) may point the managed
// file elsewhere with COBROWSE_MANAGED_SETTINGS; a packaged app never does, or a user could escape the
// administrator's locks with an environment variable.
import { app } from 'electron';
import { join } from 'node:path';
import { osPolicyReader } from '../core/settings/policy';
import { managedSettingsPath, type SettingsPaths } from '../core/settings/store';

export function settingsPaths(argv: readonly string[] = process.argv): SettingsPaths {
  const override = app.isPackaged ? undefined : process.env.COBROWSE_MANAGED_SETTINGS;
  return {
    userSettingsPath: join(app.getPath('userData'), 'settings.json'),
    managedSettingsPath: override || managedSettingsPath(),
    // Unpackaged runs (development, e2e) read no OS policy: a developer's machine policy stays out of tests.
    ...(app.isPackaged ? { policy: osPolicyReader() ?? undefined } : {}),
    argv,
  };
}
