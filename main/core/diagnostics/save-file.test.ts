import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestRefused } from '../ipc/dispatch';
import { diagnosticsFileName, saveDiagnosticsFile, saveFailure } from './save-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-diag-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof RequestRefused ? err.error : err),
  );

describe('saving the diagnostics to a file', () => {
  it('offers a dated name in local time', () => {
    expect(diagnosticsFileName(new Date(2026, 11, 1, 23, 59))).toBe('cobrowse-diagnostics-2026-12-01.txt');
  });

  it('writes the bundle whole, over an older file, with no temporary file left', async () => {
    const target = join(dir, 'cobrowse-diagnostics-2026-12-01.txt');
    await writeFile(target, 'older bundle');
    await saveDiagnosticsFile(target, '# Diagnostics\nline\n');
    expect(await readFile(target, 'utf8')).toBe('# Diagnostics\nline\n');
    expect(await readdir(dir)).toEqual(['cobrowse-diagnostics-2026-12-01.txt']);
  });

  it('a target that is a folder is refused with its code, and nothing is left behind', async () => {
    const target = join(dir, 'taken');
    await mkdir(target);
    await writeFile(join(target, 'x'), '');
    const error = await refusal(saveDiagnosticsFile(target, 'text'));
    expect(error).toEqual({ code: 'save-is-folder', params: { path: target } });
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('a folder that is a file is refused with its code', async () => {
    await writeFile(join(dir, 'plain'), '');
    const error = await refusal(saveDiagnosticsFile(join(dir, 'plain', 'd.txt'), 'text'));
    expect(error).toEqual({ code: 'save-not-folder', params: { folder: join(dir, 'plain') } });
  });

  it('names the folder for permissions, a read-only or full disk, and the system code otherwise', () => {
    const path = join(dir, 'd.txt');
    const as = (code: string) => saveFailure(path, Object.assign(new Error(code), { code }));
    expect(as('EACCES')).toEqual({ code: 'save-denied', params: { folder: dir } });
    expect(as('EPERM')).toEqual({ code: 'save-denied', params: { folder: dir } });
    expect(as('ENOSPC')).toEqual({ code: 'save-disk-full', params: { folder: dir } });
    expect(as('EROFS')).toEqual({ code: 'save-read-only', params: { folder: dir } });
    expect(as('EIO')).toEqual({ code: 'save-failed', params: { path, problem: 'EIO' } });
  });
});
