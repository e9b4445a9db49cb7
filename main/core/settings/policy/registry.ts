// Windows policy: values under HKCU and HKLM `SOFTWARE\Policies\Cobrowse\AgentShell` (what the ADMX
// template writes) are enforced, values under its `Recommended` subkey are defaults the agent may change;
// the machine's (HKLM) win over the user's (HKCU), as in Group Policy. Read with `reg query`, which every
// Windows has (System32\reg.exe, called by full path): no native module to rebuild for each Electron, and
// its output is plain text we test here as Windows prints it. Our choice over `winreg` (the same reg.exe
// call behind a callback API) and `registry-js` (a native addon, Windows-only, untestable here).
import { execFile } from 'node:child_process';
import { win32 } from 'node:path';
import type { PolicyRead, PolicySource } from './types';

export const POLICY_KEY = 'SOFTWARE\\Policies\\Cobrowse\\AgentShell';
export const RECOMMENDED = 'Recommended';
const HIVES = [
  { short: 'HKCU', long: 'HKEY_CURRENT_USER' },
  { short: 'HKLM', long: 'HKEY_LOCAL_MACHINE' },
] as const;

export interface RegValue {
  type: string;
  data: string;
}

// `    name    REG_TYPE    data`: four spaces around each part; a name may hold single spaces, data may be empty.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/** `reg query <key> /s` output: each key (as printed, `HKEY_…\…`) with its values by name. */
export function parseRegQuery(output: string): Map<string, Map<string, RegValue>> {
  const keys = new Map<string, Map<string, RegValue>>();
  let current: Map<string, RegValue> | null = null;
  for (const line of output.split(/\r?\n/)) {
    if (line.startsWith('HKEY_')) {
      current = new Map();
      keys.set(line.trim(), current);
      continue;
    }
    const m = VALUE_LINE.exec(line);
    if (m && current) current.set(m[1]!, { type: m[2]!, data: m[3] ?? '' });
  }
  return keys;
}

/** A value as reg.exe prints it, typed: DWORD/QWORD in hex → number, MULTI_SZ (`\0`-separated) → list. */
export function regValue(v: RegValue): unknown {
  if (v.type === 'REG_DWORD' || v.type === 'REG_QWORD') return Number.parseInt(v.data, 16);
  if (v.type === 'REG_MULTI_SZ') return v.data === '' ? [] : v.data.split('\\0');
  return v.data;
}

const valuesOf = (values: Map<string, RegValue> | undefined): Record<string, unknown> =>
  Object.fromEntries([...(values ?? [])].map(([name, v]) => [name, regValue(v)]));

/** Runs `reg query` for one hive; '' when the key does not exist (reg.exe exits 1 then). */
export type RegQuery = (hiveKey: string) => Promise<string>;

export const runRegQuery: RegQuery = (hiveKey) =>
  new Promise((resolve, reject) => {
    const reg = win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'reg.exe');
    execFile(reg, ['query', hiveKey, '/s'], { windowsHide: true, timeout: 10_000 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      if ((err as { code?: unknown }).code === 1 && /unable to find/i.test(stderr)) return resolve('');
      reject(new Error(`reg query ${hiveKey}: ${stderr.trim() || err.message}`));
    });
  });

export async function readRegistryPolicy(query: RegQuery = runRegQuery): Promise<PolicyRead> {
  const sources: PolicySource[] = [];
  const problems: string[] = [];
  for (const hive of HIVES) {
    const origin = `${hive.short}\\${POLICY_KEY}`;
    try {
      const keys = parseRegQuery(await query(origin));
      const base = `${hive.long}\\${POLICY_KEY}`;
      if (keys.size === 0) continue;
      sources.push({
        origin,
        enforced: valuesOf(keys.get(base)),
        recommended: valuesOf(keys.get(`${base}\\${RECOMMENDED}`)),
      });
    } catch (err) {
      problems.push(`${origin}: cannot read: ${(err as Error).message}`);
    }
  }
  return { sources, problems };
}
