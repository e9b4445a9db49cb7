// `npm run simulator -- --port <p> [--nodes N] [--inactivity-timeout <s>] [--allowed-origins a,b]`
// Prints `cobrowse simulator listening on <url>` and the demo page URL on stdout (logs go to stderr), serves
// until SIGINT/SIGTERM, then closes and exits 0. A bad flag: one error line, exit 2.
import { parseFlags } from './cli-flags';
import { startSimulator, type SimulatorOptions } from './index';
import { stopOnSignal } from '../common/node/stop-on-signal';

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`cobrowse simulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  // Before the listening line: whoever reads it may signal at once.
  stopOnSignal(() => sim.stop(), 'cobrowse simulator');
  process.stdout.write(`cobrowse simulator listening on ${sim.url}\n`);
  process.stdout.write(`demo customer page: ${sim.url}/cobrowse/demo/\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`cobrowse simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
