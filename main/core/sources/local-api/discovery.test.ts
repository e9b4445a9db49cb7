// The discovery file in one process (the OS-user version is test/hostile/shared-host.test.ts): the address
// and a new token at every start, 0600 in a 0700 folder, the default port given up when taken, removed at exit.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quietLogger } from '../../../../common/logger';
import { readDiscovery, StaleDiscovery } from '../../../../common/node/local-api-discovery';
import type { SourceStatus } from '../port';
import { createLocalApiSource, type LocalApiSource } from './server';

let dir: string;
let file: string;
const started: LocalApiSource[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-api-discovery-'));
  file = join(dir, 'data', 'local-api.json');
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((api) => api.stop()));
  await rm(dir, { recursive: true, force: true });
});

async function start(port = 0, statuses: SourceStatus[] = []): Promise<LocalApiSource> {
  const api = createLocalApiSource({ port, discoveryFile: file, log: quietLogger() });
  started.push(api);
  await api.start(
    () => undefined,
    (s) => statuses.push(s),
  );
  return api;
}

describe('local API discovery file', () => {
  it('names the address, a new token and the pid; 0600 in a folder tightened to 0700', async () => {
    await mkdir(join(dir, 'data'), { mode: 0o755 });
    const api = await start();
    const found = await readDiscovery(file);
    expect(found).toEqual({
      url: api.url,
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      pid: process.pid,
    });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'data'))).mode & 0o777).toBe(0o700);
    const res = await fetch(`${api.url}/v1/state`, { headers: { Authorization: `Bearer ${found.token}` } });
    expect(res.status).toBe(200);
  });

  it('is removed at exit, and the next start has a new token: the old one is refused', async () => {
    const first = await start();
    const old = await readDiscovery(file);
    await first.stop();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    const again = await start();
    const renewed = await readDiscovery(file);
    expect(renewed.token).not.toBe(old.token);
    const res = await fetch(`${again.url}/v1/state`, { headers: { Authorization: `Bearer ${old.token}` } });
    expect(res.status).toBe(401);
  });

  it("a file left by a crash (its pid gone) is refused to a client: its port may be anyone's now", async () => {
    await start();
    const found = await readDiscovery(file);
    const gone = spawnSync(process.execPath, ['-e', '']).pid!; // a process that has exited
    await writeFile(file, JSON.stringify({ ...found, pid: gone }));
    await expect(readDiscovery(file)).rejects.toThrow(StaleDiscovery);
  });

  it('a taken default port is given up for a free one, named in the file and in the status', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const taken = (squatter.address() as { port: number }).port;
    try {
      const statuses: SourceStatus[] = [];
      const api = await start(taken, statuses);
      expect(api.url).not.toBe(`http://127.0.0.1:${taken}`);
      expect((await readDiscovery(file)).url).toBe(api.url);
      expect(statuses.at(-1)).toEqual({
        state: 'listening',
        detail: { code: 'listening', params: { address: api.url.slice('http://'.length) } },
      });
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });
});
