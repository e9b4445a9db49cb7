import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronBinaryProblem, MISSING_ELECTRON } from './dist-preflight';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'electron-pkg-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('dist preflight', () => {
  it('reports a package without path.txt (binary download skipped)', () => {
    expect(electronBinaryProblem(dir, {})).toBe(MISSING_ELECTRON);
  });

  it('reports a path.txt whose binary is gone, and passes when it is there', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    expect(electronBinaryProblem(dir, {})).toBe(MISSING_ELECTRON);
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'electron'), 'stand-in for the binary');
    expect(electronBinaryProblem(dir, {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like electron itself', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    await writeFile(join(dir, 'electron'), 'stand-in');
    expect(electronBinaryProblem(dir, { ELECTRON_OVERRIDE_DIST_PATH: dir })).toBeNull();
  });

  it.skipIf(existsSync(join('node_modules', 'electron', 'dist')))(
    '`npm run dist` here stops with that one line before building anything',
    () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dist.ts'], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(MISSING_ELECTRON + '\n');
      expect(existsSync('dist')).toBe(false);
    },
  );
});
