// A softphone as docs/local-api.md says one finds the app: it reads `<data dir>/local-api.json` and posts one
// event to the address found there with the token found there.
// `tsx softphone.ts <data dir> <customer name>`; prints `{"status":n}` or `{"failed":why}`.
import { join } from 'node:path';
import { DISCOVERY_FILE } from '../../../common/local-api-wire';
import { readDiscovery } from '../../../common/node/local-api-discovery';

const [dataDir, customerName] = process.argv.slice(2);
const print = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');
try {
  const { url, token } = await readDiscovery(join(dataDir!, DISCOVERY_FILE));
  const res = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      type: 'interaction-added',
      interactionId: 'call-1',
      media: 'voice',
      customerName,
    }),
  });
  print({ status: res.status });
} catch (err) {
  print({ failed: (err as NodeJS.ErrnoException).code ?? String(err) });
}
