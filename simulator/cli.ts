// `npm run simulator -- --port <p> [--nodes N] [--inactivity-timeout <s>] [--allowed-origins a,b]`
// Prints `cobrowse simulator listening on <url>` and the demo page URL on stdout (logs go to stderr), serves
// until SIGINT/SIGTERM, then closes and exits 0. A bad flag: one error line, exit 2.
import { parseFlags } from './cli-flags';
import { startSimulator, type SimulatorOptions } from './index';

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseFlags(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`cobrowse simulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const sim = await startSimulator(options);
  process.stdout.write(`cobrowse simulator listening on ${sim.url}\n`);
  process.stdout.write(`demo customer page: ${sim.url}/cobrowse/demo/\n`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    sim.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`cobrowse simulator: stop failed: ${String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`cobrowse simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
