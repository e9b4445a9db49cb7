// What a desktop app (the simulator's desk, a softphone written in Node) does to find the local API: read
// and check the discovery file the app publishes in the agent's data folder.
import { readFile } from 'node:fs/promises';
import { Discovery } from '../local-api-wire';

/** The file names a process that is gone: left by a crash; its token is dead and its port anyone's. */
export class StaleDiscovery extends Error {
  constructor(readonly pid: number) {
    super(
      `the local API's discovery file was left by process ${pid}, which is not running; wait for a new one`,
    );
  }
}

/**
 * The local API's address and token from `<data dir>/local-api.json`; throws if it is absent, malformed or
 * stale (a client must then send nothing to the port it names: whoever holds it now is not the app).
 */
export async function readDiscovery(file: string): Promise<Discovery> {
  const found = Discovery.parse(JSON.parse(await readFile(file, 'utf8')));
  if (!running(found.pid)) throw new StaleDiscovery(found.pid);
  return found;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    // EPERM: it exists, as another user's process (the file's owner may differ from the reader's in tests).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
