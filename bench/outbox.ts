// `npm run bench:outbox`: what durability costs. Enqueue latency (journal append + fsync) and enqueue-to-ack
// latency through the real local API to the interaction-server simulator, plus recovery time of a journal
// of pending writes. Prints figures; asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openOutbox } from '../main/core/interactions/outbox';
import { quietLogger } from '../common/logger';
import { createLocalApiSource } from '../main/core/sources/local-api/server';
import { readDiscovery } from '../common/node/local-api-discovery';
import { InteractionServerSim } from '../simulator/interactions';

const N = Number(process.env.BENCH_WRITES ?? 200);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 0.5).toFixed(2)} ms, p95 ${pct(xs, 0.95).toFixed(2)} ms`;

const dir = await mkdtemp(join(tmpdir(), 'bench-outbox-'));
const log = quietLogger();
const api = createLocalApiSource({ port: 0, discoveryFile: join(dir, 'local-api.json'), log });
await api.start(
  () => undefined,
  () => undefined,
);
const desk = new InteractionServerSim({ log });
try {
  await desk.connect(await readDiscovery(api.discoveryFile));
  const id = await desk.openChat();
  const journal = join(dir, 'journal');
  const acked = new Map<string, number>();
  const outbox = await openOutbox({
    file: journal,
    log,
    deliver: (i, d, w) => api.applyAttachedData(i, d, w),
    onDelivered: (w) => acked.set(w.writeId, performance.now()),
  });
  const enqueue: number[] = [];
  const roundTrip: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const writeId = await outbox.enqueue(id, { CoBrowseSessionsQuantity: i });
    enqueue.push(performance.now() - t0);
    await outbox.drained();
    roundTrip.push(acked.get(writeId)! - t0);
  }
  await outbox.close();

  // Recovery: a journal of N pending writes (nobody connected), reopened.
  await desk.disconnect();
  const stuck = await openOutbox({ file: journal, log, deliver: () => Promise.reject(new Error('down')) });
  for (let i = 0; i < N; i++) await stuck.enqueue(id, { CoBrowseSessionsQuantity: i });
  await stuck.close();
  const t1 = performance.now();
  const reopened = await openOutbox({ file: journal, log, deliver: () => Promise.reject(new Error('down')) });
  const recoverMs = performance.now() - t1;
  const pending = reopened.pending().length;
  await reopened.close();

  console.log(`outbox_enqueue_fsync (${N} writes): ${fmt(enqueue)}`);
  console.log(`outbox_enqueue_to_ack (local API + WebSocket ack): ${fmt(roundTrip)}`);
  console.log(`outbox_recover (${pending} pending writes): ${recoverMs.toFixed(1)} ms`);
} finally {
  await desk.disconnect();
  await api.stop();
  await rm(dir, { recursive: true, force: true });
}
