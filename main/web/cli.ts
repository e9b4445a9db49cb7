// `npm run start:web -- [--demo | --service-url <url>] [--port <p>] [--data-dir <dir>] [--check-connection]`
// Prints `web edition on http://127.0.0.1:<p>/#key=…` (a link that works once; each use prints the next), and
// in demo mode the customer page to open; serves until SIGINT/SIGTERM. A bad flag: one error line, exit 2.
import { parseArgs } from 'node:util';
import { startWebEdition, type WebEditionOptions } from './index';
import { stopOnSignal } from '../../common/node/stop-on-signal';
import { formatReport } from '../core/net/check/connection-check';

function options(argv: string[]): WebEditionOptions & { check: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      demo: { type: 'boolean' },
      'service-url': { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'check-connection': { type: 'boolean' },
    },
    strict: true,
  });
  if (values.demo && values['service-url']) throw new Error('--demo and --service-url exclude each other');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: not a port: ${values.port}`);
  return {
    check: values['check-connection'] === true,
    port,
    ...(values.demo ? { demo: true } : {}),
    ...(values['service-url'] ? { serviceUrl: values['service-url'] } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  };
}

/** `--check-connection`: the connection check of the configured service, printed; exit 0 when it passes. */
async function checkAndExit(opts: WebEditionOptions): Promise<never> {
  const web = await startWebEdition(opts);
  const report = await web.core.checkConnection();
  process.stdout.write(formatReport(report));
  await web.close();
  process.exit(report.ok ? 0 : 1);
}

async function main(): Promise<void> {
  let opts: WebEditionOptions & { check: boolean };
  try {
    opts = options(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`start:web: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  if (opts.check) return void (await checkAndExit(opts));
  const web = await startWebEdition({
    ...opts,
    onLinkUsed: (next) => process.stdout.write(`link used; the next one (it works once): ${next}\n`),
  });
  // Before the URL line: whoever reads it may signal at once.
  stopOnSignal(() => web.close(), 'start:web');
  const state = web.core.getState();
  process.stdout.write(`web edition on ${web.openUrl} (this link works once)\n`);
  if (state.service.demoCustomerUrl)
    process.stdout.write(`demo mode: open the customer page ${state.service.demoCustomerUrl}\n`);
  else process.stdout.write(`co-browse service: ${state.service.url}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`start:web: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
