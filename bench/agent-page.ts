// Token typed → agent page painted, in the web edition in Chromium, through a link with a fixed round trip
// (default 50 ms) in front of the whole cluster: the app reaches the balancer, and through it (cookie
// stickiness) the nodes, only across the link, for the controller's join and the agent page alike. The clock
// starts when Enter is pressed in the Session ID field and stops at the agent page's first contentful paint
// inside the sidebar's iframe (both read the machine clock). Prints the median and
// `agent_page_rtt_ratio=<median / RTT>` (goal ≤ 6). Usage: npm run bench:agent-page [-- --rtt 50 --runs 10]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Frame, type Page } from '@playwright/test';
import { quietLogger } from '../common/logger';
import { paths, Role } from '../common/protocol';
import { chromiumArgs } from '../e2e/playwright.config';
import { startWebEdition } from '../main/web/index';
import { startSimulator } from '../simulator';
import { createTestClient } from '../simulator/test-support/cometd-client';
import { rest, stickyCookie } from '../simulator/test-support/rest';
import { startLatencyProxy } from '../main/core/test-support/latency-proxy';
import { requireBuiltSidebar, stopSession } from '../e2e/test-support/sidebar';

const { values } = parseArgs({
  options: { rtt: { type: 'string', default: '50' }, runs: { type: 'string', default: '10' } },
});
const rtt = Number(values.rtt);
const runs = Number(values.runs);
if (!(rtt > 0) || !Number.isInteger(runs) || runs < 1)
  throw new Error('--rtt must be > 0 and --runs a positive integer');
requireBuiltSidebar();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const log = quietLogger();
const sim = await startSimulator({ port: 0, nodes: 2, logger: log });
const target = new URL(sim.url);
const link = await startLatencyProxy({ host: target.hostname, port: Number(target.port) }, rtt / 2);
const dataDir = await mkdtemp(join(tmpdir(), 'agent-page-bench-'));
const web = await startWebEdition({ serviceUrl: link.url, dataDir, localApiPort: 0, log });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: chromiumArgs,
});

/** The customer side, set up directly on the simulator: only the agent's side crosses the link. */
async function customerSession(): Promise<{ token: string; leave(): Promise<void> }> {
  const created = await rest(sim.url, '/sessions', { method: 'POST' });
  const { sessionToken, sessionServerName } = created.body as {
    sessionToken: string;
    sessionServerName: string;
  };
  const customer = createTestClient({
    url: `${sim.url}${paths.cometd}`,
    cookie: stickyCookie(sessionServerName),
  });
  await customer.handshake();
  await customer.request('/service/session/join', { sessionToken, role: Role.customer });
  return { token: sessionToken, leave: () => customer.disconnect() };
}

/** Epoch ms of the agent page's first contentful paint, once it happened (30 s at most, as Playwright waits). */
async function firstPaint(page: Page): Promise<number> {
  for (const until = Date.now() + 30_000; Date.now() < until; ) {
    const frame: Frame | undefined = page.frames().find((f) => f.url().includes('/slave.html'));
    const at = await frame
      ?.evaluate(
        `(() => {
        const p = performance.getEntriesByName('first-contentful-paint')[0];
        return p ? performance.timeOrigin + p.startTime : null;
      })()`,
      )
      .catch(() => null);
    if (typeof at === 'number') return at;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the agent page did not paint within 30 s');
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(web.openUrl);
  await page.getByText('Co-browse service reachable').waitFor();
  await new Promise((r) => setTimeout(r, 4 * rtt)); // the app's warm connections open, as in an idle app
  const field = page.getByRole('textbox', { name: 'Session ID' });
  const elapsed: number[] = [];
  console.log(`agent-page: ${runs} joins in the web edition through a ${rtt} ms round-trip link`);
  for (let i = 1; i <= runs; i++) {
    const customer = await customerSession();
    await field.fill(customer.token);
    const pressed = Date.now();
    await field.press('Enter');
    const painted = firstPaint(page);
    await page.locator('iframe').waitFor({ state: 'attached' });
    const framed = Date.now() - pressed;
    const ms = (await painted) - pressed;
    elapsed.push(ms);
    console.log(
      `run ${String(i).padStart(2)}: ${ms.toFixed(0)} ms = ${(ms / rtt).toFixed(2)} RTT (agent view placed at ${(framed / rtt).toFixed(2)} RTT)`,
    );
    await stopSession(page);
    // The view goes at 'ending', but the session is live until the server confirmed the stop: a join typed
    // before then is refused (one session per agent) and no view would ever come. Wait for it to have ended.
    await page.getByTestId('connection').and(page.locator('[data-state="idle"]')).waitFor();
    await customer.leave();
  }
  const m = median(elapsed);
  console.log(`median token typed → agent page painted: ${m.toFixed(0)} ms over ${runs} runs, RTT ${rtt} ms`);
  // Shared machines: a loaded CPU slows every step; the load says how much to trust the figure.
  console.log(`load average (1 min) during the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  console.log(`agent_page_rtt_ratio=${(m / rtt).toFixed(2)}`);
} finally {
  await browser.close();
  await web.close();
  await link.close();
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
}
