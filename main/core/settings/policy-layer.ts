// OS policy as a settings layer: each source's values typed for the schema (registry DWORDs and strings, plist
// numbers and booleans), checked field by field like a file, merged with the later source winning.
import { defaultSettings, type Settings, type SettingsKey } from '../../../common/settings-schema';
import { checkFields, isSettingsKey } from './fields';
import { coerce } from './flags';
import type { PolicyReader } from './policy';

export interface PolicyLayer {
  enforced: Partial<Settings>;
  recommended: Partial<Settings>;
  problems: string[];
}

/** A value as the store gives it, as the schema wants it: 0/1 for a boolean, text for a number or boolean. */
function typed(key: string, raw: unknown): unknown {
  if (!isSettingsKey(key)) return raw;
  const kind = typeof defaultSettings[key as SettingsKey];
  if (kind === 'boolean' && (raw === 0 || raw === 1)) return raw === 1;
  return typeof raw === 'string' ? coerce(key, raw) : raw;
}

const check = (raw: Record<string, unknown>, origin: string, label: (k: string) => string) =>
  checkFields(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typed(k, v)])), origin, label);

export async function readPolicyLayer(read: PolicyReader | undefined): Promise<PolicyLayer> {
  const layer: PolicyLayer = { enforced: {}, recommended: {}, problems: [] };
  if (!read) return layer;
  let policy;
  try {
    policy = await read();
  } catch (err) {
    return { ...layer, problems: [`policy: cannot read: ${(err as Error).message}`] };
  }
  layer.problems.push(...policy.problems);
  for (const source of policy.sources) {
    const enforced = check(source.enforced, source.origin, (k) => `policy "${k}"`);
    const recommended = check(source.recommended, source.origin, (k) => `recommended policy "${k}"`);
    Object.assign(layer.enforced, enforced.values);
    Object.assign(layer.recommended, recommended.values);
    layer.problems.push(...enforced.problems, ...recommended.problems);
  }
  return layer;
}
