// Publishes the local API's discovery file (`local-api.json`, see common/local-api-wire.ts) in the agent's
// data folder: mode 0600 in a folder of mode 0700, so on a shared host (Citrix, RDS) no other OS user can
// read the token; written atomically once listening, removed at exit.
import { chmod, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Discovery } from '../../../../common/local-api-wire';
import { writeFileAtomic } from '../../settings/atomic-write';

export async function publishDiscovery(file: string, discovery: Discovery): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // An older folder may have been made with the umask's mode: the token must not be listable by others.
  if (process.platform !== 'win32') await chmod(dir, 0o700);
  await writeFileAtomic(file, JSON.stringify(discovery, null, 2) + '\n');
}

/** Removes the file if it is still this run's (another run of the same user may have replaced it). */
export async function withdrawDiscovery(file: string, token: string): Promise<void> {
  try {
    const current = Discovery.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (current.success && current.data.token !== token) return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
  }
  await rm(file, { force: true });
}
