// "Save diagnostics…" on the desktop: the bundle written where the agent chose, atomically (a temporary
// sibling renamed over the target), so a crash or a full disk never leaves half a file for support to read.
// A failure is a refusal in words: what went wrong with that file and what to do instead.
import { dirname } from 'node:path';
import type { AppError } from '../../../common/contract';
import { RequestRefused } from '../ipc/dispatch';
import { writeFileAtomic } from '../settings/atomic-write';

/** `cobrowse-diagnostics-2026-12-01.txt` (local date): the name the save dialog offers. */
export function diagnosticsFileName(at = new Date()): string {
  const day = [at.getFullYear(), at.getMonth() + 1, at.getDate()].map((n) => String(n).padStart(2, '0'));
  return `cobrowse-diagnostics-${day.join('-')}.txt`;
}

const OTHERWISE = 'or use Copy diagnostics and paste them into your message to support.';

/** Why a file could not be written, for the agent (Node's error codes in words). */
export function saveFailure(path: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const folder = dirname(path);
  const say = (message: string, action: string): AppError => ({ code: 'save-failed', message, action });
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return say(
        `You are not allowed to write in ${folder}.`,
        `Save again and choose a folder of your own (Downloads or Documents), ${OTHERWISE}`,
      );
    case 'EROFS':
      return say(`${folder} is read-only.`, `Save again and choose another folder, ${OTHERWISE}`);
    case 'ENOSPC':
    case 'EDQUOT':
      return say(
        `The disk holding ${folder} is full.`,
        `Free some space or save to another disk, ${OTHERWISE}`,
      );
    case 'EISDIR':
      return say(`${path} is a folder.`, `Save again with another file name, ${OTHERWISE}`);
    case 'ENOTDIR':
    case 'EEXIST': // mkdir: a part of the folder's path is a file
      return say(`${folder} is not a folder.`, `Save again and choose another folder, ${OTHERWISE}`);
    default:
      return say(
        `The diagnostics could not be saved to ${path} (${code ?? (err instanceof Error ? err.message : String(err))}).`,
        `Save again to another folder, ${OTHERWISE}`,
      );
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
