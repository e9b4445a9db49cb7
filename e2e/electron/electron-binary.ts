// Shared by the `_electron` specs: where the Electron binary is, and why they skip where it is not.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinaryProblem } from '../../scripts/dist-preflight';

const electronDir = join('node_modules', 'electron');

/** Null where the binary exists; otherwise the reason every `_electron` test gives for skipping. */
export const electronSkipReason: string | null =
  electronBinaryProblem(electronDir) === null
    ? null
    : 'the Electron binary is not installed here (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the desktop CI runners run these';

export const electronPath = (): string =>
  join(electronDir, 'dist', readFileSync(join(electronDir, 'path.txt'), 'utf8').trim());
