// For tests and benches: the web edition against a given Co-browse service (none: the embedded demo), with a
// one-page stand-in for the built sidebar in a temporary folder, a tab key as the sidebar trades the printed
// link for one, and a busy shift's worth of interactions.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../common/logger';
import { readDiscovery } from '../../../common/node/local-api-discovery';
import { startWebEdition, type WebEdition } from '../index';

export async function startTestWebEdition(
  serviceUrl: string | undefined,
  log: Logger,
): Promise<{ web: WebEdition; stop(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'web-edition-'));
  const site = join(dir, 'site');
  await mkdir(site);
  await writeFile(
    join(site, 'index.html'),
    '<!doctype html><meta http-equiv="Content-Security-Policy" content="" /><title>sidebar</title>',
  );
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

/** Trades a link's one-time key (default: a new link's) for a tab key, as the sidebar does: the answer and the key. */
export async function redeemRunLink(
  web: WebEdition,
  link = new URL(web.openUrl).hash.slice('#key='.length),
): Promise<{ res: Response; tab: string }> {
  const res = await fetch(`${web.url}/api/session`, {
    method: 'POST',
    headers: { origin: web.url, 'content-type': 'application/json' },
    body: JSON.stringify({ link }),
  });
  const body = (await res.json()) as { tab?: string };
  return { res, tab: body.tab ?? '' };
}

/** The WebSocket subprotocols the sidebar names on `/api` with its tab key. */
export const apiProtocols = (tab: string) => ['cobrowse', `key.${tab}`];

/** 100 interactions with long names through the local API: every state push is then about 50 KB. */
export async function busyShift(web: WebEdition): Promise<number> {
  const { token } = await readDiscovery(web.localApi.discoveryFile);
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
