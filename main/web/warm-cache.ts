// The agent page warmed while the Controller is still joining: its HTML and its own origin's stylesheets,
// fetched through the owner node's agent with the stickiness cookie and held for the page's first load only
// (the first GET of that URL through that node's route takes it).
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { agentPageAddress } from '../../common/protocol';
import { setNewest } from '../../common/recent-map';
import type { SessionOwner } from '../core/controller/types';
import { nodeKey, requestTo, type AgentPool } from './agent-pool';

// Warmed responses (our choice): kept as long as a join may take (REST 5 s + handshake 10 s + join 10 s), at
// most this many stylesheets per page, this size each and this many at once (joins in a burst); anything
// else is simply fetched when asked for.
const WARM_TTL_MS = 25_000;
const MAX_WARM_STYLESHEETS = 8;
const MAX_WARMED = 64;
const MAX_WARM_BYTES = 1024 * 1024;
const MAX_KNOWN_PAGES = 16;

export interface Fetched {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export class WarmCache {
  // `<node key> <url>` → the warmed response.
  private readonly warmed = new Map<string, Promise<Fetched | null>>();
  private readonly stylesheets = new Map<string, URL[]>(); // agent page URL → its stylesheets when last fetched

  constructor(private readonly pool: AgentPool) {}

  /** Fetches the owner's agent page and its stylesheets now, for the page's first load. */
  warm(owner: SessionOwner): void {
    const page = agentPageAddress(owner.baseUrl);
    const cookie = owner.cookie ?? null;
    this.keep(page, cookie, 'text/html', (f) => {
      if (!String(f.headers['content-type']).startsWith('text/html')) return;
      const found = stylesheetsOf(f.body.toString('utf8'), page);
      setNewest(this.stylesheets, page.href, found, MAX_KNOWN_PAGES);
      for (const css of found) this.keep(css, cookie, 'text/css');
    });
    // The stylesheets this page had last time, fetched beside it rather than after it (a link's round
    // trip, and the TCP connects of a cold node, saved); a changed page only costs an unused fetch.
    for (const css of this.stylesheets.get(page.href) ?? []) this.keep(css, cookie, 'text/css');
  }

  /** The warmed response for `target` through the node `owner`+`cookie`, if any: served once. */
  take(owner: string, cookie: string | null, target: URL): Promise<Fetched | null> | undefined {
    const key = `${nodeKey(owner, cookie)} ${target.href}`;
    const fetched = this.warmed.get(key);
    this.warmed.delete(key);
    return fetched;
  }

  /** The node keys warmed responses are still held for. */
  nodes(): string[] {
    return [...this.warmed.keys()].map((w) => w.slice(0, w.lastIndexOf(' ')));
  }

  clear(): void {
    this.warmed.clear();
  }

  /** Fetches `target` now and keeps the answer for the node's route, for WARM_TTL_MS at most. */
  private keep(target: URL, cookie: string | null, accept: string, then?: (f: Fetched) => void): void {
    const key = `${nodeKey(target.origin, cookie)} ${target.href}`;
    if (this.warmed.has(key) || this.warmed.size >= MAX_WARMED) return;
    const fetched = this.fetchWhole(target, cookie, accept).then((f) => (f && then?.(f), f));
    this.warmed.set(key, fetched);
    setTimeout(() => {
      if (this.warmed.get(key) === fetched) this.warmed.delete(key);
      this.pool.sweep();
    }, WARM_TTL_MS).unref();
  }

  /** GETs `target` whole through the node's agent with only the stickiness cookie; null unless a small 200. */
  private fetchWhole(target: URL, cookie: string | null, accept: string): Promise<Fetched | null> {
    return new Promise((done) => {
      const headers: OutgoingHttpHeaders = { accept, ...(cookie ? { cookie } : {}) };
      const agent = this.pool.agentFor(target.origin, cookie);
      const upstream = requestTo(target)(target, { agent, headers, timeout: WARM_TTL_MS }, (answer) => {
        const chunks: Buffer[] = [];
        let size = 0;
        answer.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_WARM_BYTES) return void chunks.push(chunk);
          done(null);
          upstream.destroy();
        });
        answer.on('end', () =>
          done(
            answer.statusCode === 200
              ? { status: 200, headers: answer.headers, body: Buffer.concat(chunks) }
              : null,
          ),
        );
        answer.on('close', () => done(null)); // after 'end', a no-op
      });
      upstream.on('timeout', () => upstream.destroy());
      upstream.on('close', () => done(null));
      upstream.on('error', () => done(null));
      upstream.end();
    });
  }
}

/** The page's `<link rel="stylesheet" href>` on its own origin (what holds its first paint back), in order. */
function stylesheetsOf(html: string, page: URL): URL[] {
  const found: URL[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel\s*=\s*["']?stylesheet["'\s>/]/i.test(tag)) continue;
    const m = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const href = m?.[1] ?? m?.[2] ?? m?.[3];
    const url = href && URL.canParse(href, page.href) ? new URL(href, page) : null;
    if (!url || url.origin !== page.origin) continue;
    url.hash = '';
    found.push(url);
    if (found.length === MAX_WARM_STYLESHEETS) break;
  }
  return found;
}
