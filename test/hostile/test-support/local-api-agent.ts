// One agent's app on a shared host, as far as the local API goes: the source the app selects (`selectSource`,
// default settings but the preferred port), run as whatever OS user the test starts it as.
// `tsx local-api-agent.ts <data dir> <preferred port>`; prints one JSON line per status and per event it is
// sent, `{"listening":url}` once up; stops (withdrawing the discovery file) on SIGTERM.
import { Settings } from '../../../common/settings-schema';
import { quietLogger } from '../../../common/logger';
import { stopOnSignal } from '../../../common/node/stop-on-signal';
import { memorySecretStore, selectSource } from '../../../main/core/sources/select';

const [dataDir, port] = process.argv.slice(2);
const print = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
const selected = selectSource(Settings.parse({}), {
  dataDir: dataDir!,
  localApiPort: Number(port),
  workspaceOverride: null,
  secrets: memorySecretStore(),
  openBrowser: () => undefined,
  log: quietLogger(),
});
if (selected.kind !== 'local-api') throw new Error('the default source is the local API');
const api = selected.source;
stopOnSignal(() => api.stop(), 'local-api-agent');
api
  .start(
    (event) => print({ event }),
    (status) => print({ status }),
  )
  .then(
    () => print({ listening: api.url }),
    (err: unknown) => print({ failed: String(err) }),
  );
