// The durable outbox against the real local API and interaction-server simulator: deliveries are counted at
// the receiving side. Covers the torn journal line, backoff, an outage of the source, a crash between
// journaling and delivery (SIGKILL of a real child process) and a crash between delivery and the ack.
import { spawn } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, quietLogger } from '../../../common/logger';
import { createLocalApiSource, type LocalApiSource } from '../sources/local-api/server';
import { loadOrCreateToken } from '../sources/local-api/token-file';
import { InteractionServerSim } from '../../../simulator/interactions';
import { encodeLine, openJournal } from './journal';
import { backoffDelay, openOutbox, type Outbox } from './outbox';
import { WriteRefused } from '../sources/port';
import { holdsFor } from '../test-support/until';

let dir: string;
let api: LocalApiSource;
let token: string;
let sim: InteractionServerSim;
let file: string;
let n = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outbox-'));
  const tokenFile = join(dir, 'local-api-token');
  api = createLocalApiSource({ port: 0, tokenFile, log: quietLogger(), ackTimeoutMs: 1_000 });
  await api.start(
    () => undefined,
    () => undefined,
  );
  token = await loadOrCreateToken(tokenFile);
});

afterAll(async () => {
  await sim?.disconnect();
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await sim?.disconnect();
  sim = new InteractionServerSim({ log: quietLogger() });
  await sim.connect({ url: api.url, token });
  n += 1;
  file = join(dir, `journal-${n}.jsonl`);
});

const fast = { baseMs: 20, capMs: 200 };
const open = (extra: Partial<Parameters<typeof openOutbox>[0]> = {}): Promise<Outbox> =>
  openOutbox({
    file,
    log: quietLogger(),
    backoff: fast,
    deliver: (id, data, writeId) => api.applyAttachedData(id, data, writeId),
    ...extra,
  });

describe('journal', () => {
  it('skips a torn last line with a log line, keeps the good records, and appends cleanly after it', async () => {
    const good = encodeLine({ kind: 'write', n: 1 });
    const torn = encodeLine({ kind: 'write', n: 2 }).slice(0, 30);
    await writeFile(file, good + torn);
    const lines: string[] = [];
    const journal = await openJournal(file, createLogger({ sink: (l) => lines.push(l), level: 'warn' }));
    expect(journal.recovered).toEqual([{ kind: 'write', n: 1 }]);
    expect(lines.some((l) => l.includes('torn last line skipped'))).toBe(true);
    await journal.append([{ kind: 'ack', n: 3 }]);
    await journal.close();
    const reopened = await openJournal(file, quietLogger());
    expect(reopened.recovered).toEqual([
      { kind: 'write', n: 1 },
      { kind: 'ack', n: 3 },
    ]);
    await reopened.close();
  });

  it('skips a line whose checksum does not match its record', async () => {
    const tampered = encodeLine({ v: 1 }).replace('"v":1', '"v":2');
    await writeFile(file, tampered + encodeLine({ v: 3 }));
    const journal = await openJournal(file, quietLogger());
    expect(journal.recovered).toEqual([{ v: 3 }]);
    await journal.close();
  });
});

describe('backoff', () => {
  it('grows exponentially, is capped, and is jittered', () => {
    const opts = { baseMs: 100, capMs: 1_000 };
    expect(backoffDelay(0, opts, () => 1)).toBe(100);
    expect(backoffDelay(3, opts, () => 1)).toBe(800);
    expect(backoffDelay(4, opts, () => 1)).toBe(1_000);
    expect(backoffDelay(40, opts, () => 1)).toBe(1_000);
    expect(backoffDelay(3, opts, () => 0.5)).toBe(400);
    expect(backoffDelay(3, opts, () => 0)).toBe(5);
  });
});

describe('outbox', () => {
  it('journals before delivering, delivers once, journals the ack, and compacts when all is delivered', async () => {
    const id = await sim.openChat();
    const outbox = await open();
    try {
      const writeId = await outbox.enqueue(id, { CoBrowseAssociated: 'Yes' });
      await outbox.drained();
      expect(sim.get(id).writes).toEqual([{ writeId, data: { CoBrowseAssociated: 'Yes' } }]);
      expect(sim.deliveries).toBe(1);
      expect(await readFile(file, 'utf8')).toBe('');
    } finally {
      await outbox.close();
    }
  });

  it('source down for a while then back: every write delivered exactly once, in order', async () => {
    const id = await sim.openChat();
    await sim.disconnect();
    let failures = 0;
    const outbox = await open({
      deliver: (i, d, w) =>
        api.applyAttachedData(i, d, w).catch((err: unknown) => {
          failures += 1;
          throw err;
        }),
    });
    try {
      for (let q = 1; q <= 5; q++) await outbox.enqueue(id, { CoBrowseSessionsQuantity: q });
      await expect.poll(() => failures, { timeout: 3_000 }).toBeGreaterThanOrEqual(3);
      expect(outbox.pending()).toHaveLength(5);
      expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(5);
      await sim.connect({ url: api.url, token });
      outbox.nudge();
      await outbox.drained();
      expect(sim.deliveries).toBe(5);
      expect(sim.get(id).writes.map((w) => w.data.CoBrowseSessionsQuantity)).toEqual([1, 2, 3, 4, 5]);
      expect(await readFile(file, 'utf8')).toBe('');
    } finally {
      await outbox.close();
    }
  });

  it('SIGKILL between journaling and delivery: delivered once after restart', async () => {
    const id = await sim.openChat();
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./outbox.crash-child.ts', import.meta.url)), file, id],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const writeId = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += String(d);
          const m = /journaled (\S+)\n/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      });
      const exited = new Promise((r) => child.once('exit', (_c, signal) => r(signal)));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      expect(sim.deliveries).toBe(0);

      const outbox = await open();
      try {
        await outbox.drained();
        expect(sim.get(id).writes).toEqual([
          { writeId, data: { CoBrowseAssociated: 'Yes', CoBrowseSessionsQuantity: 1 } },
        ]);
        expect(sim.deliveries).toBe(1);
      } finally {
        await outbox.close();
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('crash between delivery and the journaled ack: redelivered with the same writeId, applied once', async () => {
    const id = await sim.openChat();
    // The first run delivers, then "dies" before journaling the ack (its delivery never returns).
    const crashed = await open({
      deliver: async (i, d, w) => {
        await api.applyAttachedData(i, d, w);
        await new Promise(() => undefined);
      },
    });
    await crashed.enqueue(id, { CoBrowseSessionId: 'abc' });
    await expect.poll(() => sim.deliveries).toBe(1);
    const restarted = await open();
    try {
      await restarted.drained();
      expect(sim.deliveries).toBe(2);
      expect(sim.get(id).writes).toHaveLength(1);
      expect(sim.get(id).attachedData).toEqual({ CoBrowseSessionId: 'abc' });
    } finally {
      await restarted.close();
    }
  });

  it('an ack already journaled is not delivered again after a restart', async () => {
    const id = await sim.openChat();
    await appendFile(
      file,
      encodeLine({
        kind: 'write',
        writeId: 'w-done',
        interactionId: id,
        data: { CoBrowseAssociated: 'Yes' },
        at: 1,
      }) + encodeLine({ kind: 'ack', writeId: 'w-done' }),
    );
    const outbox = await open();
    try {
      expect(outbox.pending()).toEqual([]);
      await holdsFor(50, () => sim.deliveries === 0);
      expect(sim.deliveries).toBe(0);
      expect(await readFile(file, 'utf8')).toBe('');
    } finally {
      await outbox.close();
    }
  });
  it('an interaction whose writes keep failing does not hold up another one, and keeps its own order', async () => {
    const stuck = await sim.openChat('Stuck');
    const fine = await sim.openChat('Fine');
    let stuckDown = true;
    const outbox = await open({
      deliver: (i, d, w) =>
        i === stuck && stuckDown
          ? Promise.reject(new Error('interaction busy'))
          : api.applyAttachedData(i, d, w),
    });
    try {
      await outbox.enqueue(stuck, { CoBrowseSessionsQuantity: 1 });
      await outbox.enqueue(stuck, { CoBrowseSessionsQuantity: 2 });
      await outbox.enqueue(fine, { CoBrowseAssociated: 'Yes' });
      await expect.poll(() => sim.get(fine).writes.length, { timeout: 2_000 }).toBe(1);
      expect(sim.get(stuck).writes).toEqual([]); // still failing, and its second write waits behind the first
      stuckDown = false;
      outbox.nudge();
      await outbox.drained();
      expect(sim.get(stuck).writes.map((w) => w.data.CoBrowseSessionsQuantity)).toEqual([1, 2]);
    } finally {
      await outbox.close();
    }
  });

  it('a write the source refuses for good is journaled as abandoned, reported, and never retried', async () => {
    const gone = await sim.openChat('Gone');
    const alive = await sim.openChat('Alive');
    const abandoned: { interactionId: string; reason: string }[] = [];
    let refusals = 0;
    const refusing: Parameters<typeof open>[0] = {
      deliver: (i, d, w) => {
        if (i !== gone) return api.applyAttachedData(i, d, w);
        refusals += 1;
        return Promise.reject(new WriteRefused('the interaction was completed'));
      },
      onAbandoned: (write, reason) => abandoned.push({ interactionId: write.interactionId, reason }),
    };
    let outbox = await open(refusing);
    try {
      await outbox.enqueue(gone, { CoBrowseAssociated: 'Yes' });
      await outbox.enqueue(alive, { CoBrowseAssociated: 'Yes' });
      await outbox.drained();
      expect(abandoned).toEqual([{ interactionId: gone, reason: 'the interaction was completed' }]);
      expect(refusals).toBe(1);
      expect(sim.get(alive).writes).toHaveLength(1);
    } finally {
      await outbox.close();
    }
    // Journaled: after a crash with other writes still pending, the abandoned one is not tried again.
    await appendFile(
      file,
      encodeLine({
        kind: 'write',
        writeId: 'w-gone',
        interactionId: gone,
        data: { CoBrowseAssociated: 'Yes' },
        at: 1,
      }) +
        encodeLine({ kind: 'abandon', writeId: 'w-gone', reason: 'the interaction was completed' }) +
        encodeLine({
          kind: 'write',
          writeId: 'w-next',
          interactionId: alive,
          data: { CoBrowseSessionsQuantity: 2 },
          at: 2,
        }),
    );
    outbox = await open(refusing);
    try {
      expect(outbox.pending().map((w) => w.writeId)).toEqual(['w-next']);
      await outbox.drained();
      expect(refusals).toBe(1);
      expect(sim.get(alive).writes.at(-1)?.writeId).toBe('w-next');
    } finally {
      await outbox.close();
    }
  });
});
