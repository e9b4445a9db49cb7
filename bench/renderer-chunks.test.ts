// What the sidebar's first paint loads, on a real build: neither zod nor the contract's schemas (they come
// with the settings form and the web edition's frames), Settings and History as chunks of their own.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rendererChunks } from './renderer-chunks';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'renderer-chunks-'));
  await build({ configFile: 'renderer/vite.config.ts', logLevel: 'warn', build: { outDir: dir } });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// zod's classes name themselves in the bundle (`$constructor("ZodObject", …)`).
const hasZod = (file: string) => readFileSync(file, 'utf8').includes('ZodObject');

describe('the renderer build', () => {
  it('leaves zod and the schemas out of the initial JS, and loads them on demand', () => {
    const { initial, onDemand } = rendererChunks(dir);
    expect(initial.filter(hasZod).map((f) => basename(f))).toEqual([]);
    expect(onDemand.filter(hasZod).map((f) => basename(f).replace(/-[\w-]{8}\.js$/, ''))).toEqual([
      'schemas',
    ]);
  });

  it('has Settings and History as chunks of their own', () => {
    const names = rendererChunks(dir).onDemand.map((f) => basename(f).replace(/-[\w-]{8}\.js$/, ''));
    expect(names).toEqual(expect.arrayContaining(['SettingsPanel', 'History']));
  });
});
