// Lighthouse (mobile, its default config and simulated throttling) on the web edition in demo mode, as
// `npm run start:web` ships it: Debian's Chromium driven through chrome-launcher (never a downloaded browser).
// Lighthouse loads the page itself, so each run audits a fresh one-time link (`#key=…`, see main/web/run-key.ts):
// the page redeems it as it would for the agent. Prints the median score of each category over the runs and
// its ratio to the target (≥ 1 meets it); exits 1 when a median is below its target. The median of five, as
// Lighthouse advises: one run's performance score swings with the machine's load.
// Usage: npm run bench:lighthouse [-- --runs 5]
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { buildWebEdition, spawnWebEdition } from './web-edition-process';

const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 } as const;
type Category = keyof typeof TARGETS;
const CATEGORIES = Object.keys(TARGETS) as Category[];

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
buildWebEdition();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** One audit of `url`: each category's score (0–100) and the audits that lost points, by title. */
async function audit(
  url: string,
  port: number,
): Promise<{ scores: Record<Category, number>; lost: string[] }> {
  const result = await lighthouse(url, { port, logLevel: 'error', onlyCategories: CATEGORIES });
  if (!result) throw new Error('Lighthouse returned no result');
  const { categories, audits, runtimeError } = result.lhr;
  if (runtimeError) throw new Error(`Lighthouse: ${runtimeError.code} ${runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((categories[c]?.score ?? 0) * 100)]),
  ) as Record<Category, number>;
  const lost = CATEGORIES.flatMap((c) =>
    (categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
      .map(
        (ref) => `${c}: ${audits[ref.id]!.title} (${audits[ref.id]!.displayValue ?? audits[ref.id]!.score})`,
      ),
  );
  return { scores, lost };
}

const web = await spawnWebEdition();
/** The link the audited page loaded was redeemed (else it audited a page without the app), and the next one. */
const redeemedAndNext = () =>
  Promise.race([
    web.nextLink(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('the audited page did not redeem its one-time link')), 5000).unref(),
    ),
  ]);
const chrome = await launch({
  chromePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
let failed = false;
try {
  console.log(`lighthouse (mobile): ${runs} runs on the web edition in demo mode`);
  const all: Record<Category, number>[] = [];
  let link = web.firstLink;
  for (let i = 1; i <= runs; i++) {
    const { scores, lost } = await audit(link, chrome.port);
    all.push(scores);
    console.log(`run ${i}: ${CATEGORIES.map((c) => `${c} ${scores[c]}`).join(', ')}`);
    for (const line of lost) console.log(`  ${line}`);
    link = await redeemedAndNext();
  }
  for (const c of CATEGORIES) {
    const score = median(all.map((s) => s[c]));
    const ratio = score / TARGETS[c];
    if (ratio < 1) failed = true;
    console.log(`median ${c}: ${score} (target ≥ ${TARGETS[c]})`);
    console.log(`lighthouse_${c.replace('-', '_')}_vs_target_ratio=${ratio.toFixed(2)}`);
  }
  // Simulated throttling computes performance from the trace, yet a loaded CPU still stretches the main thread.
  console.log(`load average (1 min) during the run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
} finally {
  chrome.kill();
  await web.stop();
}
if (failed) {
  console.error('lighthouse: below target');
  process.exitCode = 1;
}
