// For tests and benches: the web edition against a given Co-browse service (none: the embedded demo), with a
// one-page stand-in for the built sidebar in a temporary folder, the run cookie as a browser would keep it,
// and a busy shift's worth of interactions.
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../common/logger';
import { startWebEdition, type WebEdition } from '../index';

export async function startTestWebEdition(
  serviceUrl: string | undefined,
  log: Logger,
): Promise<{ web: WebEdition; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'web-edition-'));
  const site = join(dir, 'site');
  await mkdir(site);
  await writeFile(join(site, 'index.html'), '<!doctype html><title>sidebar</title>');
  const web = await startWebEdition({
    ...(serviceUrl ? { serviceUrl } : { demo: true }),
    dataDir: join(dir, 'data'),
    localApiPort: 0,
    rendererDir: site,
    log,
  });
  return {
    web,
    async stop() {
      await web.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Trades the run's link for its cookie: the `Set-Cookie` answer, and the `name=value` a browser sends. */
export async function redeemRunLink(web: WebEdition): Promise<{ res: Response; cookie: string }> {
  const res = await fetch(web.openUrl, { redirect: 'manual' });
  return { res, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

/** 100 interactions with long names through the local API: every state push is then about 50 KB. */
export async function busyShift(web: WebEdition): Promise<number> {
  const token = (await readFile(web.localApi.tokenFile, 'utf8')).trim();
  const events = Array.from({ length: 100 }, (_, i) => ({
    type: 'interaction-added',
    interactionId: `chat-${i}-${'x'.repeat(150)}`,
    media: 'chat',
    customerName: `Customer ${i} ${'y'.repeat(150)}`,
  }));
  const posted = await fetch(`${web.localApi.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
  });
  return posted.status;
}
