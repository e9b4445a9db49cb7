// The agent proxy's speed through a slow link, over real HTTP: the agent page warmed while the Controller
// joins (HTML and stylesheets, with the stickiness cookie, served once to that node's route only), and one
// keep-alive agent per owner node (never one connection carrying two nodes' requests).
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quietLogger } from '../../common/logger';
import { holdsFor, until } from '../core/test-support/until';
import { startAgentProxy, type AgentProxy } from './agent-proxy';

interface Heard {
  url: string;
  cookie: string | undefined;
  /** Which TCP connection carried it (1, 2, …). */
  connection: number;
}

const PAGE = `<!doctype html><link rel="stylesheet" href="css/a.css"><link href='b.css' rel=stylesheet>
<link rel="icon" href="icon.png"><link rel="stylesheet" href="http://127.0.0.2:1/elsewhere.css">`;

/** The owner node: slave.html with its stylesheets; `holdPage` keeps slave.html unanswered until released. */
async function startOwner() {
  const heard: Heard[] = [];
  let connections = 0;
  let held: (() => void)[] | null = null;
  const server: Server = createServer((req, res) => {
    const socket = req.socket as Socket & { n?: number };
    heard.push({ url: req.url ?? '', cookie: req.headers.cookie, connection: socket.n ?? 0 });
    const answer = () =>
      req.url?.endsWith('.css')
        ? res.writeHead(200, { 'Content-Type': 'text/css' }).end(`/* ${req.url} */`)
        : res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    if (held && req.url?.endsWith('slave.html')) held.push(answer);
    else answer();
  });
  server.on('connection', (s: Socket & { n?: number }) => (s.n = ++connections));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    heard,
    holdPage: () => void (held = []),
    releasePage: () => (held?.splice(0).forEach((f) => f()), (held = null)),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let owner: Awaited<ReturnType<typeof startOwner>>;
let proxy: AgentProxy;
beforeEach(async () => {
  owner = await startOwner();
  proxy = await startAgentProxy(quietLogger());
});
afterEach(async () => {
  await proxy.close();
  await owner.close();
});

const node = (name: string) => ({
  sessionServerName: name,
  baseUrl: owner.url,
  cookie: `gcbSessionServer=${name}`,
});
const view = (sessionId: string, name: string) =>
  proxy.expose({
    sessionId,
    url: `${owner.url}/cobrowse/slave.html#nosidinput=1&sid=123456789`,
    cookie: `gcbSessionServer=${name}`,
    poppedOut: false,
  });
const get = async (url: string, headers?: Record<string, string>) => {
  const r = await fetch(url, headers ? { headers } : {});
  return { status: r.status, body: await r.text(), headers: r.headers };
};
const pathsHeard = () => owner.heard.map((h) => h.url);

describe('agent proxy: the page warmed while the Controller joins', () => {
  it("fetches the page and its own origin's stylesheets with the node's cookie, then serves them once", async () => {
    proxy.warm(node('node1'));
    await until(() => owner.heard.length === 3);
    expect(owner.heard.map(({ url, cookie }) => ({ url, cookie }))).toEqual([
      { url: '/cobrowse/slave.html', cookie: 'gcbSessionServer=node1' },
      { url: '/cobrowse/css/a.css', cookie: 'gcbSessionServer=node1' },
      { url: '/cobrowse/b.css', cookie: 'gcbSessionServer=node1' },
    ]);
    const page = view('s1', 'node1').split('#')[0]!;
    const first = await get(page);
    expect(first).toMatchObject({ status: 200, body: PAGE });
    expect(first.headers.get('content-length')).toBe(String(Buffer.byteLength(PAGE)));
    expect((await get(page.replace('slave.html', 'css/a.css'))).body).toBe('/* /cobrowse/css/a.css */');
    expect(owner.heard).toHaveLength(3); // both came from the warm fetches
    await get(page); // a reload asks the node again
    expect(pathsHeard()).toHaveLength(4);
    expect(pathsHeard()[3]).toBe('/cobrowse/slave.html');
  });

  it("never serves one node's warmed page to another node's route", async () => {
    proxy.warm(node('node1'));
    await until(() => owner.heard.length === 3);
    await get(view('s2', 'node2').split('#')[0]!);
    expect(owner.heard.at(-1)).toMatchObject({
      url: '/cobrowse/slave.html',
      cookie: 'gcbSessionServer=node2',
    });
  });

  it('a page asked for while its warm fetch is under way waits for that one fetch', async () => {
    owner.holdPage();
    proxy.warm(node('node1'));
    await until(() => owner.heard.length === 1);
    const answer = get(view('s1', 'node1').split('#')[0]!);
    await holdsFor(50, () => owner.heard.length === 1); // the page's GET waits rather than asking again
    owner.releasePage();
    expect((await answer).body).toBe(PAGE);
    expect(pathsHeard().filter((p) => p.endsWith('slave.html'))).toHaveLength(1);
  });

  it('fetches the stylesheets the page had last time beside the page, not after it', async () => {
    proxy.warm(node('node1'));
    await until(() => owner.heard.length === 3);
    owner.heard.length = 0;
    owner.holdPage();
    proxy.warm(node('node2'));
    await until(() => owner.heard.length === 3); // the page still unanswered
    expect(pathsHeard().sort()).toEqual(['/cobrowse/b.css', '/cobrowse/css/a.css', '/cobrowse/slave.html']);
    owner.releasePage();
  });

  it('holds at most 64 warmed responses at once, however many joins come in a burst', async () => {
    owner.holdPage();
    for (let n = 1; n <= 70; n++) proxy.warm(node(`node${n}`));
    await until(() => owner.heard.length >= 64);
    await holdsFor(50, () => owner.heard.length <= 64);
    expect(owner.heard).toHaveLength(64);
    owner.releasePage();
  });
});

describe('agent proxy: connections to the owner', () => {
  it('keeps one node on its own kept-alive connection, never sharing it with another node', async () => {
    const one = view('s1', 'node1').split('#')[0]!;
    const two = view('s2', 'node2').split('#')[0]!;
    for (const page of [one, two, one, two]) await get(page, { cookie: 'x=1' });
    const byNode = (n: string) =>
      new Set(owner.heard.filter((h) => h.cookie === `gcbSessionServer=${n}`).map((h) => h.connection));
    expect(byNode('node1').size).toBe(1);
    expect(byNode('node2').size).toBe(1);
    expect([...byNode('node1')]).not.toEqual([...byNode('node2')]);
  });
});
