// The web edition over real sockets: the contract on the WebSocket (validated, same-origin only), state
// pushed after `ready`, a typed join against the simulator cluster, and the agent page through the proxy
// with the stickiness cookie on every request (checked from the balancer's side).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppState, type WireFromHost } from '../../common/contract';
import { quietLogger } from '../../common/logger';
import { holdsFor, until } from '../core/test-support/until';
import { useSimulator } from '../../simulator/test-support/session-setup';
import type { WebEdition } from './index';
import { redeemRunLink, startTestWebEdition } from './web-edition.test-support';

const fx = useSimulator({ nodes: 2 });
let web: WebEdition;
let stop: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ web, stop } = await startTestWebEdition(fx.sim.url, quietLogger()));
});
afterAll(async () => {
  await stop?.();
});

/** The cookie the run's link trades its key for, as the browser would keep it. */
async function runCookie(): Promise<string> {
  const { res, cookie } = await redeemRunLink(web);
  // The page itself at once, no redirect (the page drops the key from its address bar).
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const set = res.headers.get('set-cookie') ?? '';
  expect(set).toMatch(/HttpOnly/);
  expect(set).toMatch(/SameSite=Strict/);
  return cookie;
}

/** A page-like client: Origin of the sidebar, the run's cookie, frames parsed, replies matched by id. */
async function page(origin = web.url, cookie?: string) {
  const headers = { origin, cookie: cookie ?? (await runCookie()) };
  const ws = new WebSocket(`${web.url.replace('http', 'ws')}/api`, { headers });
  const frames: WireFromHost[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as WireFromHost));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
  let id = 0;
  return {
    ws,
    frames,
    async call(name: string, input: unknown) {
      const mine = ++id;
      ws.send(JSON.stringify({ id: mine, name, input }));
      const f = await until(() => frames.find((x) => 'id' in x && x.id === mine));
      return (f as { reply: { ok: boolean; value?: unknown; error?: { code: string; message: string } } })
        .reply;
    },
    lastState: () => {
      const states = frames.filter((f) => 'event' in f && f.event === 'state');
      const last = states.at(-1);
      return last && 'payload' in last ? AppState.parse(last.payload) : undefined;
    },
    until,
  };
}

describe('web edition', () => {
  it('serves the sidebar only with the run key, with a CSP that frames only the agent proxy', async () => {
    const without = await fetch(web.url);
    expect(without.status).toBe(401);
    expect(await without.text()).toContain('link printed when the web edition started');
    expect((await fetch(`${web.url}/?key=not-the-key`, { redirect: 'manual' })).status).toBe(401);
    const res = await fetch(web.url, { headers: { cookie: await runCookie() } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/frame-src http:\/\/127\.0\.0\.1:\d+/);
    const cookie = await runCookie();
    expect((await fetch(`${web.url}/../../etc/passwd`, { headers: { cookie } })).status).toBe(404);
  });

  it('refuses the API to another origin, without the run cookie, and to a foreign Host', async () => {
    await expect(page('http://evil.example')).rejects.toThrow(/refused 403/);
    await expect(page(web.url, 'cobrowse_web=guess')).rejects.toThrow(/refused 403/);
    // fetch() may not set Host; a DNS-rebinding page would arrive with its own name there.
    const status = await new Promise<number | undefined>((resolve, reject) =>
      request(web.url, { headers: { host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      })
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(421);
  });

  it('holds state until ready, then answers requests with specific errors', async () => {
    const p = await page();
    await holdsFor(150, () => p.frames.length === 0);
    expect(p.frames).toHaveLength(0);
    const ready = await p.call('ready', {});
    expect(ready.ok).toBe(true);
    expect(AppState.parse(ready.value).mode).toBe('live');

    expect(await p.call('nope', {})).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
    expect(await p.call('join', { token: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(await p.call('exit', { sessionId: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-session' },
    });
    expect(await p.call('updateSettings', { serviceUrl: 'http://127.0.0.1:1' })).toMatchObject({
      ok: false,
      error: { code: 'set-on-command-line' },
    });
    p.ws.send('not json');
    expect((await p.call('dismissError', {})).ok).toBe(true); // the socket survived the bad frame
    p.ws.close();
  });

  it('joins a typed token; the agent page comes through the proxy with the stickiness cookie', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const p = await page();
    await p.call('ready', {});
    const typed = `${sessionToken.slice(0, 3)} ${sessionToken.slice(3, 6)}-${sessionToken.slice(6)}`;
    const joined = await p.call('join', { token: typed, interactionId: null });
    expect(joined.ok).toBe(true);
    const state = await p.until(() => {
      const s = p.lastState();
      return s?.agentView ? s : undefined;
    });
    const view = state.agentView!;
    expect(view.url).not.toContain(fx.sim.url); // never straight at the node from the page
    expect(view.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/a\/[0-9a-f]{32}\/cobrowse\/slave\.html#nosidinput=1&sid=\d{9}$/,
    );

    // Fetched while the join was under way (get-session had named the node), with the stickiness cookie; the
    // page's first load is served from that fetch, a reload asks the node again.
    const pageFetches = () => fx.sim.balancer.log.filter((e) => e.path === '/cobrowse/slave.html');
    const sticky = expect.stringContaining(`gcbSessionServer=${sessionServerName}`);
    await p.until(() => (pageFetches().length > 0 ? true : undefined));
    expect(pageFetches().map((e) => e.cookie)).toEqual([sticky]);
    fx.sim.balancer.clearLog();
    const html = await fetch(view.url.split('#')[0]!);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('agent view');
    expect(pageFetches()).toEqual([]);
    expect((await fetch(view.url.split('#')[0]!)).status).toBe(200);
    expect(pageFetches().map((e) => e.cookie)).toEqual([sticky]);

    const sessionId = (joined.value as { sessionId: string }).sessionId;
    expect((await p.call('stop', { sessionId })).ok).toBe(true);
    await p.until(() => (p.lastState()?.agentView === null ? true : undefined));
    expect((await fetch(view.url.split('#')[0]!)).status).toBe(404); // the route went with the view
    p.ws.close();
  });

  it('shows a wrong token as a clear session error', async () => {
    const p = await page();
    await p.call('ready', {});
    const r = await p.call('join', { token: '000000001', interactionId: null });
    expect(r.ok).toBe(true);
    const failed = await p.until(() =>
      p.lastState()?.sessions.find((s) => s.id === (r.value as { sessionId: string }).sessionId && s.error),
    );
    expect(failed.error).toEqual({ code: 'session-not-found', params: { id: '000000001' } });
    p.ws.close();
  });
});
