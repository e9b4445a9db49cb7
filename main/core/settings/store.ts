// Loads and saves settings in layers, each overriding the one before:
//   defaults < managed file < recommended OS policy < user file < command-line flags,
// then the locks: every setting the OS policy enforces (Windows registry, macOS managed preferences: the
// machine's over the user's) and every key the managed file lists in `locked` takes the enforced policy
// value, else the managed file's, else the default, over the user file AND the command line (a lock a
// desktop shortcut could bypass would not be a lock). Bad files or values never stop the app: each problem
// is reported (where, field, zod's message) and the rest applies.
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import { defaultSettings, Settings, type SettingsKey } from '../../../common/settings-schema';
import type { PolicyReader } from './policy';
import { readPolicyLayer } from './policy-layer';
import { checkFields, isSettingsKey } from './fields';
import { settingsFromArgv } from './flags';
import { writeFileAtomic } from './atomic-write';

export { managedSettingsPath } from './managed-path';

export interface SettingsPaths {
  userSettingsPath: string;
  managedSettingsPath: string;
  /** The OS's policy store (desktop on Windows and macOS); none: the managed file only. */
  policy?: PolicyReader;
  /** process.argv (or a slice of it); only known settings flags are read. */
  argv?: readonly string[];
}

export interface LoadedSettings {
  settings: Settings;
  locked: SettingsKey[];
  /** Human-readable, one per problem; empty when all is well. */
  problems: string[];
}

export type SaveResult = ({ ok: true } & LoadedSettings) | { ok: false; error: string };

type JsonFile =
  { kind: 'missing' } | { kind: 'object'; value: Record<string, unknown> } | { kind: 'bad'; problem: string };

async function readJsonObject(path: string): Promise<JsonFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'bad', problem: `${path}: cannot read: ${(err as Error).message}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')); // Notepad writes a BOM
  } catch (err) {
    return { kind: 'bad', problem: `${path}: not valid JSON: ${(err as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { kind: 'bad', problem: `${path}: must hold a JSON object of settings` };
  return { kind: 'object', value: value as Record<string, unknown> };
}

function readLocked(raw: unknown, path: string): { locked: SettingsKey[]; problems: string[] } {
  if (raw === undefined) return { locked: [], problems: [] };
  const list = z.array(z.string()).safeParse(raw);
  if (!list.success)
    return { locked: [], problems: [`${path}: field "locked": must be a list of setting names`] };
  const locked: SettingsKey[] = [];
  const problems: string[] = [];
  for (const k of list.data) {
    if (isSettingsKey(k)) locked.push(k);
    else problems.push(`${path}: field "locked": unknown setting "${k}" (ignored)`);
  }
  return { locked, problems };
}

async function readLayer(path: string, managed: boolean) {
  const file = await readJsonObject(path);
  if (file.kind === 'missing') return { values: {}, locked: [] as SettingsKey[], problems: [] as string[] };
  if (file.kind === 'bad') return { values: {}, locked: [] as SettingsKey[], problems: [file.problem] };
  const { locked: lockedRaw, ...fields } = file.value;
  const checked = checkFields(managed ? fields : file.value, path);
  const lock = managed ? readLocked(lockedRaw, path) : { locked: [], problems: [] };
  return { values: checked.values, locked: lock.locked, problems: [...checked.problems, ...lock.problems] };
}

export async function loadSettings(paths: SettingsPaths): Promise<LoadedSettings> {
  const managed = await readLayer(paths.managedSettingsPath, true);
  const policy = await readPolicyLayer(paths.policy);
  const user = await readLayer(paths.userSettingsPath, false);
  const flags = settingsFromArgv(paths.argv ?? []);
  const settings: Settings = {
    ...defaultSettings,
    ...managed.values,
    ...policy.recommended,
    ...user.values,
    ...flags.values,
  };
  const problems = [...managed.problems, ...policy.problems, ...user.problems, ...flags.problems];
  const locked = [...new Set([...(Object.keys(policy.enforced) as SettingsKey[]), ...managed.locked])];
  const out = settings as Record<SettingsKey, unknown>;
  for (const key of locked) {
    const value =
      key in policy.enforced
        ? policy.enforced[key]
        : key in managed.values
          ? managed.values[key]
          : defaultSettings[key];
    if (key in flags.values && flags.values[key] !== value)
      problems.push(`command line: "${key}" is locked by your administrator (ignored)`);
    out[key] = value;
  }
  return { settings, locked, problems };
}

// One save at a time per file: two quick edits from the sidebar must not lose one another.
const queues = new Map<string, Promise<unknown>>();

/**
 * Validates `patch` (a partial Settings), refuses a change to a locked key, and merges the patch into the
 * user's file atomically. Everything else in the file is kept as is; a file that was not valid JSON is
 * first renamed to `<file>.corrupt-<time>` so nothing the user had is lost.
 */
export function saveUserSettings(paths: SettingsPaths, patch: unknown): Promise<SaveResult> {
  const path = paths.userSettingsPath;
  const run = (queues.get(path) ?? Promise.resolve()).then(() => saveNow(paths, patch));
  const tail = run.catch(() => undefined);
  queues.set(path, tail);
  void tail.then(() => queues.get(path) === tail && queues.delete(path));
  return run;
}

// Only the keys present: a schema-wide parse would fill every absent key with its default.
function parsePatch(patch: unknown): { ok: true; values: Partial<Settings> } | { ok: false; error: string } {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
    return { ok: false, error: 'Settings must be an object of setting names and values.' };
  const values: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (!isSettingsKey(key)) {
      errors.push(`Unknown setting "${key}"`);
      continue;
    }
    const r = Settings.shape[key].safeParse(value);
    if (r.success && value !== undefined) values[key] = r.data;
    else errors.push(`"${key}": ${r.error?.issues.map((i) => i.message).join('; ') ?? 'needs a value'}`);
  }
  return errors.length ? { ok: false, error: errors.join('; ') } : { ok: true, values };
}

async function saveNow(paths: SettingsPaths, patch: unknown): Promise<SaveResult> {
  const parsed = parsePatch(patch);
  if (!parsed.ok) return parsed;
  const current = await loadSettings(paths);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed.values) as [SettingsKey, unknown][]) {
    if (!current.locked.includes(key)) changes[key] = value;
    else if (current.settings[key] !== value)
      return { ok: false, error: `"${key}" is locked by your administrator and cannot be changed here.` };
  }
  const path = paths.userSettingsPath;
  try {
    const file = await readJsonObject(path);
    if (file.kind === 'bad') await rename(path, `${path}.corrupt-${Date.now()}`);
    const base = file.kind === 'object' ? file.value : {};
    await writeFileAtomic(path, JSON.stringify({ ...base, ...changes }, null, 2) + '\n');
  } catch (err) {
    return { ok: false, error: `Could not save settings to ${path}: ${(err as Error).message}` };
  }
  return { ok: true, ...(await loadSettings(paths)) };
}
