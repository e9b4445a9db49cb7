// Validates settings field by field, so one bad value costs that value only (reported with where it came
// from, the field and zod's message) and every other field still applies.
import { Settings, type SettingsKey } from '../../../common/settings-schema';

export const isSettingsKey = (k: string): k is SettingsKey => Object.hasOwn(Settings.shape, k);

export interface FieldCheck {
  values: Partial<Settings>;
  problems: string[];
}

/** `origin` names the source in messages (a file path, "command line"); `label` names a field there. */
export function checkFields(
  raw: Record<string, unknown>,
  origin: string,
  label: (key: string) => string = (k) => `field "${k}"`,
): FieldCheck {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isSettingsKey(key)) {
      problems.push(`${origin}: ${label(key)}: unknown setting (ignored)`);
      continue;
    }
    const r = Settings.shape[key].safeParse(value);
    if (r.success) values[key] = r.data;
    else problems.push(`${origin}: ${label(key)}: ${r.error.issues.map((i) => i.message).join('; ')}`);
  }
  return { values: values as Partial<Settings>, problems };
}
