// Local crash dumps for support: Crashpad writes a minidump of any crashed process under
// app.getPath('crashDumps'); nothing is uploaded (no crash server of ours, and dumps may hold customer page
// memory). The diagnostics bundle lists them so support knows what to ask for.
import { app, crashReporter } from 'electron';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** As early as possible (before ready): renderers started before it are not monitored. */
export function startLocalCrashDumps(): void {
  crashReporter.start({ uploadToServer: false });
}

export interface CrashDump {
  path: string;
  bytes: number;
  at: Date;
}

/** Every minidump under the crash dumps folder (Crashpad keeps them in subfolders), newest first. */
export async function listCrashDumps(dir = app.getPath('crashDumps')): Promise<CrashDump[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[]);
  const dumps = await Promise.all(
    names
      .filter((name) => name.endsWith('.dmp'))
      .map(async (name) => {
        const path = join(dir, name);
        const info = await stat(path);
        return { path, bytes: info.size, at: info.mtime };
      }),
  );
  return dumps.sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** One line for the diagnostics bundle's header. */
export const describeCrashDumps = (dumps: readonly CrashDump[]): string =>
  dumps.length === 0
    ? 'none'
    : dumps.map((d) => `${d.path} (${d.bytes} bytes, ${d.at.toISOString()})`).join('; ');
