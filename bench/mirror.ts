// The live mirror on loopback, in real Chromium: the demo customer page records itself, the agent page
// replays it. Prints (1) end-to-end latency: a text changed on the customer page until the agent's mirrored
// DOM shows it (both pages share the machine clock), and (2) throughput: a burst of DOM changes on the
// customer page, events delivered to the agent per second.
// Usage: npm run bench:mirror [-- --samples 50 --burst-ms 3000]
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { quietLogger } from '../common/logger';
import { paths } from '../common/protocol';
import { startSimulator } from '../simulator';
import { chromiumArgs } from '../e2e/playwright.config';
import { EventsNotice, mirrorChannels } from '../simulator/cluster/mirror-protocol';

const { values } = parseArgs({
  options: { samples: { type: 'string', default: '50' }, 'burst-ms': { type: 'string', default: '3000' } },
});
const samples = Number(values.samples);
const burstMs = Number(values['burst-ms']);
if (!Number.isInteger(samples) || samples < 1 || !(burstMs > 0))
  throw new Error('--samples must be a positive integer and --burst-ms > 0');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

/** Resolves, in the agent page, with Date.now() once the mirrored #plans-title reads `marker`. */
const waitInMirror = (marker: string) => `new Promise((resolve) => {
  const doc = document.querySelector('#mirror-stage iframe').contentDocument;
  const seen = () => doc.getElementById('plans-title')?.textContent === ${JSON.stringify(marker)};
  if (seen()) return resolve(Date.now());
  const observer = new MutationObserver(() => {
    if (!seen()) return;
    observer.disconnect();
    resolve(Date.now());
  });
  observer.observe(doc, { subtree: true, childList: true, characterData: true });
})`;
const setOnCustomer = (marker: string) =>
  `(document.getElementById('plans-title').textContent = ${JSON.stringify(marker)}, Date.now())`;

/** Counts the rrweb events the agent page receives on the mirror channel (from its CometD responses). */
function countDelivered(agent: Page): { events: number; batches: number } {
  const counts = { events: 0, batches: 0 };
  agent.on('response', async (r) => {
    if (!r.url().includes(paths.cometd)) return;
    const messages: unknown = await r.json().catch(() => []);
    for (const m of Array.isArray(messages) ? messages : []) {
      const batch = EventsNotice.safeParse((m as { channel?: string; data?: unknown }).data);
      if ((m as { channel?: string }).channel !== mirrorChannels.events || !batch.success) continue;
      counts.batches += 1;
      counts.events += batch.data.events.length;
    }
  });
  return counts;
}

const sim = await startSimulator({ port: 0, nodes: 1, logger: quietLogger() });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: chromiumArgs,
});
try {
  const customer = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await customer.goto(`${sim.url}/cobrowse/demo/`);
  await customer.getByRole('button', { name: 'Start co-browse session' }).click();
  await customer.locator('#token[data-token]').waitFor();
  const token = await customer.locator('#token').getAttribute('data-token');
  const agent = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const delivered = countDelivered(agent);
  await agent.goto(`${sim.url}${paths.agentPage}#nosidinput=1&sid=${token}`);
  await agent.frameLocator('#mirror-stage iframe').getByRole('heading', { name: 'Demo shop' }).waitFor();

  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const marker = `latency sample ${i}`;
    const shown = agent.evaluate<number>(waitInMirror(marker));
    const changed = await customer.evaluate<number>(setOnCustomer(marker));
    latencies.push((await shown) - changed);
  }
  console.log(
    `latency (customer change → agent DOM, ${samples} samples): p50 ${quantile(latencies, 0.5)} ms, ` +
      `p95 ${quantile(latencies, 0.95)} ms, max ${Math.max(...latencies)} ms`,
  );

  // Burst: one DOM change per task (MessageChannel, no timer clamping) for burstMs; the last one is a marker.
  const before = { ...delivered };
  const last = 'burst done';
  const shown = agent.evaluate<number>(waitInMirror(last));
  const { started, changes } = await customer.evaluate<{ started: number; changes: number }>(`
    new Promise((resolve) => {
      const title = document.getElementById('plans-title');
      const started = Date.now();
      const channel = new MessageChannel();
      let changes = 0;
      channel.port1.onmessage = () => {
        if (Date.now() - started >= ${burstMs}) {
          title.textContent = ${JSON.stringify(last)};
          return resolve({ started, changes: changes + 1 });
        }
        title.textContent = 'burst ' + ++changes;
        channel.port2.postMessage(0);
      };
      channel.port2.postMessage(0);
    })`);
  const seconds = ((await shown) - started) / 1000;
  const events = delivered.events - before.events;
  const batches = delivered.batches - before.batches;
  console.log(
    `burst: ${changes} DOM changes in ${burstMs} ms → ${events} rrweb events in ${batches} batches ` +
      `reached the agent in ${seconds.toFixed(2)} s`,
  );
  console.log(`events_per_second=${Math.round(events / seconds)}`);
  console.log(`mirror_latency_p50_ms=${quantile(latencies, 0.5)}`);
} finally {
  await browser.close();
  await sim.stop();
}
