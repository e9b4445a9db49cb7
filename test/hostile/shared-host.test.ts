// Two agents on one machine (Citrix, RDS), each app run as its own OS user, and a third user squatting the
// local API's default port before either starts. Each app gets a port of its own, publishes it in a
// discovery file no other user can read, its own softphone finds it there, and the squatter hears nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCOVERY_FILE } from '../../common/local-api-wire';
import { readDiscovery } from '../../common/node/local-api-discovery';
import { holdsFor, until } from '../../main/core/test-support/until';
import {
  osUser,
  osUsersUnavailable,
  releaseCheckout,
  runAs,
  type OsUser,
  type Running,
} from './test-support/os-users';

const why = osUsersUnavailable();
const AGENT = 'test/hostile/test-support/local-api-agent.ts';
const SOFTPHONE = 'test/hostile/test-support/softphone.ts';
const SQUATTER = 'test/hostile/test-support/squatter.ts';

let base: string;
let preferred: number;
const users: Record<'a' | 'b' | 'squatter', OsUser> = {} as never;
const running: Running[] = [];
const home = (who: 'a' | 'b' | 'squatter') => join(base, who);
const dataDir = (who: 'a' | 'b') => join(home(who), 'data');
const start = (who: keyof typeof users, script: string, args: string[]) => {
  const r = runAs(users[who], home(who), script, args);
  running.push(r);
  return r;
};
/** Runs a softphone as `who` on the discovery file in `ofDataDir`: the HTTP status it got, or why it failed. */
async function softphone(who: 'a' | 'b', ofDataDir: string, customer: string): Promise<unknown> {
  const phone = start(who, SOFTPHONE, [ofDataDir, customer]);
  const outcome = await until(() => phone.lines.find((l) => 'status' in l || 'failed' in l), 20_000);
  return outcome.status ?? outcome.failed;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe.skipIf(why !== null)(
  `hostile: two agents and a squatter on one host${why ? ` (${why})` : ''}`,
  () => {
    let squatter: Running;
    let agentA: Running;
    let agentB: Running;

    beforeAll(async () => {
      users.a = osUser('cobrowse-agent-a');
      users.b = osUser('cobrowse-agent-b');
      users.squatter = osUser('cobrowse-squatter');
      base = mkdtempSync('/tmp/shared-host-');
      chmodSync(base, 0o755);
      for (const who of ['a', 'b', 'squatter'] as const) {
        mkdirSync(home(who), { mode: 0o755 });
        chownSync(home(who), users[who].uid, users[who].gid);
      }
      // A data folder left world-readable by a lax umask: the app must close it before writing the token.
      mkdirSync(dataDir('a'), { mode: 0o755 });
      chmodSync(dataDir('a'), 0o755);
      chownSync(dataDir('a'), users.a.uid, users.a.gid);
      preferred = await freePort();
      squatter = start('squatter', SQUATTER, [String(preferred)]);
      await squatter.line('listening');
      agentA = start('a', AGENT, [dataDir('a'), String(preferred)]);
      agentB = start('b', AGENT, [dataDir('b'), String(preferred)]);
      await Promise.all([agentA.line('listening', 30_000), agentB.line('listening', 30_000)]);
    }, 60_000);

    afterAll(async () => {
      await Promise.all(running.map((r) => r.stop()));
      releaseCheckout();
      if (base) rmSync(base, { recursive: true, force: true });
    });

    it('each app listens on a port of its own, away from the squatted default, and says where', async () => {
      const urls = [await agentA.line('listening'), await agentB.line('listening')];
      expect(new Set(urls).size).toBe(2);
      for (const url of urls) expect(url).not.toBe(`http://127.0.0.1:${preferred}`);
      for (const agent of [agentA, agentB])
        expect(agent.lines.filter((l) => 'status' in l).at(-1)).toEqual({
          status: {
            state: 'listening',
            detail: { code: 'listening', params: { address: expect.any(String) } },
          },
        });
      expect((await readDiscovery(join(dataDir('a'), DISCOVERY_FILE))).url).toBe(urls[0]);
    });

    it("the discovery file is its user's alone: 0600 in a 0700 folder, unreadable to the other agent", () => {
      for (const who of ['a', 'b'] as const) {
        const file = statSync(join(dataDir(who), DISCOVERY_FILE));
        expect([file.uid, file.mode & 0o777]).toEqual([users[who].uid, 0o600]);
        expect(statSync(dataDir(who)).mode & 0o777).toBe(0o700);
      }
      const asB = ['--reuid', String(users.b.uid), '--regid', String(users.b.gid), '--init-groups', '--'];
      const read = spawnSync('/usr/bin/setpriv', [...asB, 'cat', join(dataDir('a'), DISCOVERY_FILE)], {
        encoding: 'utf8',
      });
      expect(read.status).not.toBe(0);
      expect(read.stderr).toMatch(/Permission denied/);
      expect(read.stdout).toBe('');
    });

    it("each agent's softphone finds its own app through the discovery file; the other's cannot", async () => {
      expect(await softphone('a', dataDir('a'), 'Ann')).toBe(202);
      expect(await softphone('b', dataDir('b'), 'Bob')).toBe(202);
      expect(await softphone('b', dataDir('a'), 'Mallory')).toBe('EACCES');
      const customers = (agent: Running) =>
        agent.lines.flatMap((l) =>
          'event' in l ? [(l.event as { customerName: string }).customerName] : [],
        );
      await until(() => customers(agentA).length && customers(agentB).length);
      expect([customers(agentA), customers(agentB)]).toEqual([['Ann'], ['Bob']]);
    });

    it('the squatter on the default port hears nothing: no connection, no token, no customer name', async () => {
      await holdsFor(300, () => squatter.lines.every((l) => 'listening' in l));
    });

    it("an app's exit removes its discovery file; its next start renews the token", async () => {
      const before = await readDiscovery(join(dataDir('a'), DISCOVERY_FILE));
      await agentA.stop();
      expect(existsSync(join(dataDir('a'), DISCOVERY_FILE))).toBe(false);
      const again = start('a', AGENT, [dataDir('a'), String(preferred)]);
      await again.line('listening', 30_000);
      const after = await readDiscovery(join(dataDir('a'), DISCOVERY_FILE));
      expect(after.token).not.toBe(before.token);
      const old = await fetch(`${after.url}/v1/state`, {
        headers: { Authorization: `Bearer ${before.token}` },
      });
      expect(old.status).toBe(401);
    }, 40_000);
  },
);
