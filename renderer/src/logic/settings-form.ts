// The settings form edits a draft; Save sends only what changed and is not locked, so a locked key an
// administrator set is never even proposed.
import type { AppState, SettingsPatch } from '../../../common/contract';
import { Settings } from '../../../common/settings-schema';

type SettingsView = AppState['settings'];
export type SettingsDraft = Omit<SettingsView, 'locked'>;
type Key = keyof SettingsDraft;

export const draftOf = ({ locked: _locked, ...draft }: SettingsView): SettingsDraft => draft;

export function settingsPatch(current: SettingsView, draft: SettingsDraft): SettingsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as Key[]) {
    if (draft[key] !== current[key] && !current.locked.includes(key)) patch[key] = draft[key];
  }
  return patch as SettingsPatch;
}

export const isDirty = (current: SettingsView, draft: SettingsDraft) =>
  Object.keys(settingsPatch(current, draft)).length > 0;

/** Which draft fields the stored schema would refuse (the same check main makes), to say so by the field. */
export function invalidFields(draft: SettingsDraft): Key[] {
  return (Object.keys(draft) as Key[]).filter((key) => !Settings.shape[key].safeParse(draft[key]).success);
}
