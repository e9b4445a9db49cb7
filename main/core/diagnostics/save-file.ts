// "Save diagnostics…" on the desktop: the bundle written where the agent chose, atomically (a temporary
// sibling renamed over the target), so a crash or a full disk never leaves half a file for support to read.
// A failure is a refusal with its code: what went wrong with that file (the sidebar says what to do instead).
import { dirname } from 'node:path';
import type { AppError } from '../../../common/contract';
import { RequestRefused } from '../ipc/dispatch';
import { writeFileAtomic } from '../settings/atomic-write';

/** `cobrowse-diagnostics-2026-12-01.txt` (local date): the name the save dialog offers. */
export function diagnosticsFileName(at = new Date()): string {
  const day = [at.getFullYear(), at.getMonth() + 1, at.getDate()].map((n) => String(n).padStart(2, '0'));
  return `cobrowse-diagnostics-${day.join('-')}.txt`;
}

/** Why a file could not be written, as the agent's refusal (Node's error codes; words in the sidebar). */
export function saveFailure(path: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const folder = dirname(path);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return { code: 'save-denied', params: { folder } };
    case 'EROFS':
      return { code: 'save-read-only', params: { folder } };
    case 'ENOSPC':
    case 'EDQUOT':
      return { code: 'save-disk-full', params: { folder } };
    case 'EISDIR':
      return { code: 'save-is-folder', params: { path } };
    case 'ENOTDIR':
    case 'EEXIST': // mkdir: a part of the folder's path is a file
      return { code: 'save-not-folder', params: { folder } };
    default:
      return {
        code: 'save-failed',
        params: { path, problem: code ?? (err instanceof Error ? err.message : String(err)) },
      };
  }
}

/** Writes the bundle to `path`; a failure is thrown as the agent's refusal (`saveFailure`). */
export async function saveDiagnosticsFile(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text);
  } catch (err) {
    throw new RequestRefused(saveFailure(path, err));
  }
}
