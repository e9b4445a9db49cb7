// Command-line flags for every setting: the kebab-case of its key (`serviceUrl` → `--service-url`).
// `--flag=value` or `--flag value`; booleans are `--debug` or `--debug=false` (never the spaced form, so a
// following deep link is not taken for a value). Flags we don't know belong to Chromium or Electron: ignored.
import {
  defaultSettings,
  settingsKeys,
  type Settings,
  type SettingsKey,
} from '../../../common/settings-schema';
import { checkFields } from './fields';

export const flagFor = (key: SettingsKey): string =>
  '--' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

const keyByFlag = new Map<string, SettingsKey>(settingsKeys.map((k) => [flagFor(k), k]));

/** A setting's value from text (a flag, a registry string): booleans and numbers as the schema wants them. */
export function coerce(key: SettingsKey, text: string): unknown {
  const kind = typeof defaultSettings[key];
  if (kind === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  if (kind === 'number') return text.trim() === '' ? text : Number(text);
  return text;
}

export function settingsFromArgv(argv: readonly string[]): { values: Partial<Settings>; problems: string[] } {
  const raw: Record<string, unknown> = {};
  const missing: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const key = keyByFlag.get(flag);
    if (!key) continue;
    let text = eq === -1 ? undefined : arg.slice(eq + 1);
    if (text === undefined && typeof defaultSettings[key] !== 'boolean') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        text = next;
        i++;
      }
    }
    if (text !== undefined) raw[key] = coerce(key, text);
    else if (typeof defaultSettings[key] === 'boolean') raw[key] = true;
    else missing.push(`command line: ${flag}: needs a value`);
  }
  const checked = checkFields(raw, 'command line', (k) => flagFor(k as SettingsKey));
  return { values: checked.values, problems: [...missing, ...checked.problems] };
}
