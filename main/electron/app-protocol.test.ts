// app:// on the stub Electron runtime (whose net.fetch rejects for a missing file and lists a folder, as
// Chromium's file loader does): only the built sidebar's files, with its CSP; anything else a plain 404.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fake } from './test-support/fake-electron';

vi.mock('electron', () => import('./test-support/fake-electron'));
const { serveRenderer } = await import('./app-protocol');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-protocol-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>sidebar</title>');
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer folder');
  fake.ready();
  serveRenderer(join(dir, 'renderer'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const get = async (url: string) => {
  const res = await fake.request(url);
  return { status: res.status, body: await res.text() };
};

describe('app:// (the sidebar origin)', () => {
  it("serves the renderer's files with the sidebar's CSP", async () => {
    const res = await fake.request('app://sidebar/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.get('content-security-policy')).toContain("frame-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 for a missing file, a folder, another host or a path out of the folder', async () => {
    for (const url of [
      'app://sidebar/assets/missing.js',
      'app://sidebar/assets/',
      'app://sidebar/',
      'app://other/index.html',
      'app://sidebar/%2e%2e/secret.txt',
    ])
      expect({ url, ...(await get(url)) }).toEqual({ url, status: 404, body: 'not found' });
  });
});
