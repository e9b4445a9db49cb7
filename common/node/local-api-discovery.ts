// What a desktop app (the simulator's desk, a softphone written in Node) does to find the local API: read
// and check the discovery file the app publishes in the agent's data folder.
import { readFile } from 'node:fs/promises';
import { Discovery } from '../local-api-wire';

/** The local API's address and token from `<data dir>/local-api.json`; throws if it is absent or malformed. */
export async function readDiscovery(file: string): Promise<Discovery> {
  return Discovery.parse(JSON.parse(await readFile(file, 'utf8')));
}
