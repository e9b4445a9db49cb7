// Web edition cold start → sidebar interactive, in Chromium on loopback: the process is spawned as
// `npm run start:web` runs it once built (`node out/web/cli.js`, the shipped bundle; built here first, as
// is the sidebar), the printed link opened in an already-running browser, and the clock stops when the
// sidebar shows main's state (the connection line) with the Session ID field ready for typing. Prints the
// median of the runs and `startup_vs_1s_ratio` (goal ≤ 1). Usage: npm run bench:startup [-- --runs 5 --demo]
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { quietLogger } from '../common/logger';
import { chromiumArgs } from '../e2e/playwright.config';
import { startSimulator } from '../simulator';
import { buildWebEdition, spawnWebEdition } from './web-edition-process';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, demo: { type: 'boolean', default: false } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
buildWebEdition();

/**
 * CPU ms the app's process tree used so far (Linux /proc; 100 ticks a second): unlike wall time, barely
 * changed by other load on a shared machine. NaN where /proc is missing.
 */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime
    const children = readdirSync(`/proc/${pid}/task`).flatMap((t) =>
      readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean),
    );
    return own + children.reduce((sum, c) => sum + cpuMs(Number(c)), 0);
  } catch {
    return NaN;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sim = values.demo ? undefined : await startSimulator({ port: 0, logger: quietLogger() });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: chromiumArgs,
});

async function once(): Promise<{ listening: number; interactive: number; cpu: number }> {
  const started = performance.now();
  const web = await spawnWebEdition(sim?.url);
  try {
    const listening = performance.now() - started;
    const page = await browser.newPage();
    await page.goto(web.firstLink);
    await page.getByTestId('connection').waitFor();
    await page.getByRole('textbox', { name: 'Session ID' }).waitFor();
    const interactive = performance.now() - started;
    const cpu = cpuMs(web.child.pid!);
    await page.close();
    return { listening, interactive, cpu };
  } finally {
    await web.stop();
  }
}

try {
  console.log(`startup: ${runs} cold starts of the web edition (${sim ? 'a service URL' : 'demo mode'})`);
  await once(); // the files in the OS's page cache, as after a build
  const all: { listening: number; interactive: number; cpu: number }[] = [];
  for (let i = 1; i <= runs; i++) {
    const r = await once();
    all.push(r);
    console.log(
      `run ${i}: listening ${r.listening.toFixed(0)} ms, sidebar interactive ${r.interactive.toFixed(0)} ms`,
    );
  }
  const interactive = median(all.map((r) => r.interactive));
  console.log(`median listening: ${median(all.map((r) => r.listening)).toFixed(0)} ms`);
  console.log(`median cold start → sidebar interactive: ${interactive.toFixed(0)} ms`);
  console.log(`median app CPU until then: ${median(all.map((r) => r.cpu)).toFixed(0)} ms`);
  // Shared machines: a loaded CPU slows every step; the load says how much to trust the figure.
  console.log(`load average (1 min) during the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
  console.log(`startup_vs_1s_ratio=${(interactive / 1000).toFixed(2)}`);
} finally {
  await browser.close();
  await sim?.stop();
}
