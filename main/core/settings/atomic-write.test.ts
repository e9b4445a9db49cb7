import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const version = (n: number) => JSON.stringify({ n, pad: String(n % 10).repeat(200_000) });

describe('writeFileAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    const target = join(dir, 'sub', 'settings.json');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    expect(await readFile(target, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'sub'))).toEqual(['settings.json']);
  });

  it('keeps the old content and cleans up when the write fails', async () => {
    const target = join(dir, 'settings.json');
    await writeFile(target, 'old');
    await mkdir(join(dir, 'settings.json.blocked'));
    // Renaming a file over a non-empty folder fails: the target must stay whole.
    await writeFile(join(dir, 'settings.json.blocked', 'x'), '');
    await expect(writeFileAtomic(join(dir, 'settings.json.blocked'), 'new')).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.blocked']);
  });

  it('never leaves a torn file when the writing process is killed mid-write', async () => {
    const target = join(dir, 'settings.json');
    await writeFile(target, version(0));
    const module = fileURLToPath(new URL('./atomic-write.ts', import.meta.url));
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(module)});
      const version = ${version.toString()};
      for (let n = 1; ; n++) { await writeFileAtomic(${JSON.stringify(target)}, version(n)); if (n === 3) console.log('writing'); }`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      });
      // Readers racing the writer only ever see a whole version.
      for (let i = 0; i < 20; i++) expect(JSON.parse(await readFile(target, 'utf8')).n).toBeGreaterThan(0);
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const after = JSON.parse(await readFile(target, 'utf8')) as { n: number; pad: string };
    expect(after.pad).toBe(String(after.n % 10).repeat(200_000));
  });
});
