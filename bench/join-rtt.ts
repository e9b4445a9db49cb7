// Token → joined, as Controller, through a link with a fixed round trip (default 50 ms) in front of the
// simulator. The floor is 3 round trips (get-session, handshake, join) on warm connections; the last line is
// `join_rtt_ratio=<median elapsed / RTT>` (target ≤ 3.3). WebSocket pays its upgrade on top (a new
// connection per session). Usage: npm run bench:join [-- --rtt 50 --runs 20 --transport websocket]
import { parseArgs } from 'node:util';
import { quietLogger } from '../common/logger';
import { CreateSessionResponse, paths } from '../common/protocol';
import { createController } from '../main/core/controller';
import type { JoinStep } from '../main/core/controller';
import { startSimulator } from '../simulator';
import { startLatencyProxy } from '../main/core/test-support/latency-proxy';

const { values } = parseArgs({
  options: {
    rtt: { type: 'string', default: '50' },
    runs: { type: 'string', default: '20' },
    transport: { type: 'string', default: 'long-polling' },
  },
});
const rtt = Number(values.rtt);
const runs = Number(values.runs);
if (!(rtt > 0) || !Number.isInteger(runs) || runs < 1)
  throw new Error('--rtt must be > 0 and --runs a positive integer');
const transport = values.transport;
if (transport !== 'long-polling' && transport !== 'websocket')
  throw new Error('--transport must be long-polling or websocket');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const sim = await startSimulator({ port: 0, logger: quietLogger() });
const target = new URL(sim.url);
const proxy = await startLatencyProxy({ host: target.hostname, port: Number(target.port) }, rtt / 2);
let steps: Partial<Record<JoinStep, number>> = {};
const controller = createController({
  serviceUrl: proxy.url,
  origin: sim.url,
  agentName: 'Bench',
  transport,
  logger: quietLogger(),
  onStep: (step, ms) => (steps[step] = ms),
});
try {
  await new Promise((r) => setTimeout(r, 4 * rtt)); // let the warm-up connections open, as an idle app would
  const elapsed: number[] = [];
  const perStep: Record<string, number[]> = { 'get-session': [], handshake: [], join: [] };
  console.log(`join-rtt: ${runs} joins as Controller over ${transport} through a ${rtt} ms round-trip link`);
  for (let i = 1; i <= runs; i++) {
    // The customer side is set up directly on the simulator: only the controller's join crosses the link.
    const created = await fetch(`${sim.url}${paths.restBase}/sessions`, { method: 'POST' });
    const { sessionToken } = CreateSessionResponse.parse(await created.json());
    steps = {};
    const started = performance.now();
    const session = await controller.join(sessionToken, { onEvent: () => {} });
    const ms = performance.now() - started;
    elapsed.push(ms);
    let previous = 0;
    const trace = (['get-session', 'handshake', 'join'] as const).map((step) => {
      const at = steps[step] ?? previous;
      perStep[step]!.push(at - previous);
      const line = `${step} ${(at - previous).toFixed(1)}`;
      previous = at;
      return line;
    });
    console.log(`run ${String(i).padStart(2)}: ${ms.toFixed(1)} ms  (${trace.join(', ')} ms)`);
    await session.close();
  }
  for (const [step, xs] of Object.entries(perStep))
    console.log(`median ${step}: ${median(xs).toFixed(1)} ms = ${(median(xs) / rtt).toFixed(2)} RTT`);
  console.log(`median token→joined: ${median(elapsed).toFixed(1)} ms over ${runs} runs, RTT ${rtt} ms`);
  console.log(`join_rtt_ratio=${(median(elapsed) / rtt).toFixed(2)}`);
} finally {
  await controller.close();
  await proxy.close();
  await sim.stop();
}
