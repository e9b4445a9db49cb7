// Before `npm run dist` builds anything: is the Electron binary there? (Installs made with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1 have only the typings.) Reads what node_modules/electron/index.js reads,
// without requiring it: that module starts a download when the binary is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MISSING_ELECTRON =
  'dist: the Electron binary is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?); run `node node_modules/electron/install.js` with network access, then retry.';

/** Null when the binary is present; otherwise the one line to print. */
export function electronBinaryProblem(
  electronDir: string,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const pathFile = join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (!executable) return MISSING_ELECTRON;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronDir, 'dist');
  return existsSync(join(dist, executable)) ? null : MISSING_ELECTRON;
}
