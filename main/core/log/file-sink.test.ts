import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileLogSink } from './file-sink';
import { createLogger } from '../../../common/logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'logs-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('file log sink', () => {
  it('writes masked lines through createLogger and masks lines that bypass it', async () => {
    const files = createFileLogSink({ dir });
    const log = createLogger({ scope: 'test', level: 'debug', sink: files.sink });
    log.info('joining 123456789', { url: 'https://h/cobrowse/slave.html#nosidinput=1&sid=987654321' });
    log.debug('detail');
    files.sink('raw line with 555666777', 'warn');
    const text = await readFile(join(dir, 'main.log'), 'utf8');
    expect(text).not.toMatch(/123456789|987654321|555666777/);
    expect(text).toContain('INFO [test] joining ******789');
    expect(text).toContain('sid=******321');
    expect(text).toContain('DEBUG [test] detail');
    expect(text).toContain('raw line with ******777');
    expect(files.files()).toEqual([join(dir, 'main.log')]);
  });

  it('rotates at the size limit and keeps a bounded number of archives', async () => {
    const files = createFileLogSink({ dir, fileName: 'rot.log', maxBytes: 2_000, keep: 3 });
    for (let i = 0; i < 200; i++) files.sink(`line ${String(i).padStart(4, '0')} ${'x'.repeat(80)}`, 'info');
    const names = (await readdir(dir)).sort();
    expect(names).toEqual(['rot.1.log', 'rot.2.log', 'rot.3.log', 'rot.log']);
    expect(files.files()).toEqual(
      ['rot.log', 'rot.1.log', 'rot.2.log', 'rot.3.log'].map((n) => join(dir, n)),
    );
    const newest = await readFile(join(dir, 'rot.log'), 'utf8');
    expect(newest).toContain('line 0199');
    const older = await readFile(join(dir, 'rot.1.log'), 'utf8');
    expect(older).not.toContain('line 0199');
    expect(older.length).toBeGreaterThan(1_000);
  });
});
