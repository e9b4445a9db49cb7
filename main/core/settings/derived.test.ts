// Every settings shape is derived from the one field list in common/settings-schema.ts: the sidebar's view
// and patch, the controller's options. These check that the derivations agree with the stored settings.
import { describe, expect, it } from 'vitest';
import { SettingsPatch, SettingsView } from '../../../common/contract';
import {
  ConnectionSettings,
  defaultSettings,
  settingApplies,
  settingsKeys,
  SidebarSettings,
} from '../../../common/settings-schema';
import { ControllerOptions } from '../controller/controller';

describe('settings defined once', () => {
  it('the sidebar view, sent back as a patch, is accepted key for key', () => {
    const { locked: _locked, ...view } = SettingsView.parse({ ...defaultSettings, locked: [] });
    expect(SettingsPatch.parse(view)).toEqual(view);
    expect(Object.keys(view)).toEqual(Object.keys(SidebarSettings.shape));
  });

  it('a patch leaves the value checks to the store, which names the field (only the size is bounded)', () => {
    expect(SettingsPatch.safeParse({ serviceUrl: 'ftp://nope' }).success).toBe(true);
    expect(SettingsPatch.safeParse({ serviceUrl: 'x'.repeat(2001) }).success).toBe(false);
    expect(SettingsPatch.safeParse({ extraCaFile: '/etc/ca.pem' }).success).toBe(false); // files and flags only
  });

  it('the controller is built from exactly the connection settings, with their defaults', () => {
    const connection = ConnectionSettings.keyof().options;
    expect(connection).toEqual(settingsKeys.filter((k) => settingApplies(k) === 'connection'));
    const options = ControllerOptions.parse({ serviceUrl: 'https://cobrowse.example.com' });
    for (const key of connection.filter((k) => k !== 'serviceUrl'))
      expect([key, options[key]]).toEqual([key, defaultSettings[key]]);
  });
});
