#!/usr/bin/env node
// `npm test`: type-check, lint, unit + integration (vitest), e2e (Playwright), then one summary line
// `N passed, N failed, N skipped` summing every suite. Type-check, lint and build count as one check each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const reports = '.test-reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(
    `=== ${label}: exit ${r.status ?? r.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
}

function check(label, cmd, args) {
  if (run(label, cmd, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

const bin = (name) => join('node_modules', '.bin', name);

check('typecheck (node)', bin('tsc'), ['-p', 'tsconfig.json']);
check('typecheck (renderer)', bin('tsc'), ['-p', 'renderer/tsconfig.json']);
check('lint', bin('eslint'), ['.', '--max-warnings', '0']);
// Every message the sidebar's source uses is in every catalog, and no catalog keeps one it no longer uses.
check('i18n catalogs', bin('tsx'), ['scripts/i18n.ts', 'check']);

// Unit + integration.
const vitestJson = join(reports, 'vitest.json');
const vitestOk = run('unit + integration', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const v = readJson(vitestJson);
if (v) {
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  // A crash outside any test (a failed suite file) must still fail the run.
  if (!vitestOk && v.numFailedTests === 0) {
    totals.failed += 1;
    failures.push('unit + integration (suite error)');
  } else if (!vitestOk) failures.push('unit + integration');
} else {
  totals.failed += 1;
  failures.push('unit + integration (no report)');
}

// e2e needs the built renderer.
if (existsSync('renderer/vite.config.ts'))
  check('build renderer', 'npm', ['run', '--silent', 'build:renderer']);

const pwJson = join(reports, 'playwright.json');
const pwOk = run(
  'e2e',
  bin('playwright'),
  ['test', '-c', 'e2e/playwright.config.ts', '--reporter=list,json', '--pass-with-no-tests'],
  {
    // Absolute: Playwright resolves a relative name against the config's folder.
    PLAYWRIGHT_JSON_OUTPUT_NAME: resolve(pwJson),
  },
);
const p = readJson(pwJson);
// Why tests were skipped, once per reason: a skip must never pass unexplained.
const skipReasons = new Map();
const collectSkips = (suite) => {
  for (const spec of suite.specs ?? [])
    for (const t of spec.tests ?? [])
      if (t.status === 'skipped')
        for (const a of t.annotations ?? [])
          if (a.type === 'skip') skipReasons.set(a.description, (skipReasons.get(a.description) ?? 0) + 1);
  for (const child of suite.suites ?? []) collectSkips(child);
};
for (const suite of p?.suites ?? []) collectSkips(suite);
for (const [reason, count] of skipReasons)
  console.log(`e2e: ${count} skipped: ${reason || '(no reason given)'}`);
if (p?.stats) {
  totals.passed += p.stats.expected + p.stats.flaky;
  totals.failed += p.stats.unexpected;
  totals.skipped += p.stats.skipped;
  if (!pwOk && p.stats.unexpected === 0) {
    totals.failed += 1;
    failures.push('e2e (run error)');
  } else if (!pwOk) failures.push('e2e');
} else {
  // No report means the counts are unknown: never let that pass as zero.
  totals.failed += 1;
  failures.push('e2e (no report)');
}

const summary = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync(join(reports, 'summary.txt'), summary + '\n');
if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${summary}`);
process.exit(totals.failed > 0 ? 1 : 0);
