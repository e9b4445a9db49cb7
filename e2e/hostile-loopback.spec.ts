// A hostile loopback server the agent's real browser visits, on another port of 127.0.0.1 (another local
// app, another user's process on a shared host). Its page tries to read the web edition's key, replay what it
// received, take the sidebar over, and break it with a cookie bomb (every 127.0.0.1 cookie goes to every
// port). None of it works: the sidebar keeps no cookie, its link worked once and left the address bar, and
// it stays usable under the bomb.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { metaPolicyOf } from '../common/csp';
import { quietLogger } from '../common/logger';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { startSimulator, type Simulator } from '../simulator/index';
import { startRecorder, type Recorder } from '../test/hostile/test-support/probes';
import { requireBuiltSidebar, typedJoinAnswers } from './test-support/sidebar';

let sim: Simulator;
let web: WebEdition;
let hostile: Recorder;
let dataDir: string;

/** The hostile page: given the sidebar's origin, it tries everything a page on another port can. */
const attack = (target: string) => `<!doctype html><meta charset="utf-8"><title>hostile</title><body><script>
  const target = ${JSON.stringify(target)};
  const tried = {};
  const settle = (name, p) => p.then((v) => (tried[name] = v), (e) => (tried[name] = 'error: ' + e.name));
  // A cookie bomb for 127.0.0.1: about 600 KB the browser then sends to every port.
  for (let i = 0; i < 150; i++) document.cookie = 'bomb' + i + '=' + 'x'.repeat(4000) + '; path=/';
  window.results = Promise.all([
    settle('readSession', fetch(target + '/api/session', { credentials: 'include' }).then((r) => r.status)),
    settle('redeemGuess', fetch(target + '/api/session', { method: 'POST', credentials: 'include',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ link: 'A'.repeat(32) }) })
      .then((r) => r.status)),
    settle('socket', new Promise((resolve) => {
      const ws = new WebSocket(target.replace('http', 'ws') + '/api', ['cobrowse']);
      ws.onopen = () => resolve('open');
      ws.onclose = () => resolve('closed');
    })),
    settle('frame', new Promise((resolve) => {
      const f = document.createElement('iframe');
      f.src = target + '/';
      f.onload = () => { try { resolve(f.contentDocument ? 'readable' : 'blocked'); } catch { resolve('blocked'); } };
      document.body.append(f);
    })),
  ]).then(() => tried);
</script></body>`;

test.beforeAll(async () => {
  requireBuiltSidebar();
  sim = await startSimulator({ port: 0, nodes: 1, logger: quietLogger() });
  dataDir = await mkdtemp(join(tmpdir(), 'hostile-loopback-e2e-'));
  web = await startWebEdition({ serviceUrl: sim.url, dataDir, localApiPort: 0, log: quietLogger() });
  hostile = await startRecorder((url, res) => {
    if (url !== '/') return false;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(attack(web.url));
    return true;
  });
});
test.afterAll(async () => {
  await web?.close();
  await sim?.stop();
  await hostile?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a loopback page the agent visits can neither read, replay, take over nor break the web edition', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const sidebar = await context.newPage();
  const link = web.openUrl;
  await sidebar.goto(link);
  await expect(sidebar.getByTestId('connection')).toContainText('Co-browse service reachable');
  // The link's key left the address bar and this history entry; the tab keeps its own key, no cookie.
  expect(sidebar.url()).toBe(`${web.url}/`);
  const tabKey = (await sidebar.evaluate("sessionStorage.getItem('cobrowse.tabKey')")) as string;
  expect(tabKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
  expect(await context.cookies(web.url)).toEqual([]);
  // The built page's CSP <meta> is the served header, less what only a header can carry.
  const served = await fetch(web.url);
  const header = served.headers.get('content-security-policy')!;
  expect(metaPolicyOf(await served.text())).toBe(header.replace("; frame-ancestors 'none'", ''));

  const page = await context.newPage();
  await page.goto(hostile.url);
  const tried = await page.evaluate('window.results');
  expect(tried).toEqual({
    readSession: 'error: TypeError',
    redeemGuess: 'error: TypeError',
    socket: 'closed',
    frame: 'blocked',
  });
  // Whatever the browser sent the hostile server carries none of our keys.
  const heard = JSON.stringify(hostile.heard);
  expect(heard).not.toContain(tabKey);
  expect(heard).not.toContain(new URL(link).hash.slice('#key='.length));

  // Under the cookie bomb, the sidebar reloads and works on its tab key.
  expect((await context.cookies(web.url)).length).toBeGreaterThan(100);
  await sidebar.reload();
  await expect(sidebar.getByTestId('host-link')).toBeHidden();
  await typedJoinAnswers(sidebar);

  // The link, replayed (from the history, a screen share): it worked once; the page gets no state and says why.
  const replay = await (await browser.newContext()).newPage();
  const traded = replay.waitForResponse(
    (r) => r.url().endsWith('/api/session') && r.request().method() === 'POST',
  );
  await replay.goto(link);
  expect((await traded).status()).toBe(403);
  await expect(replay.getByTestId('connection')).toHaveCount(0);
  const alert = replay.getByRole('alert').filter({ hasText: 'no key of the running app' });
  await expect(alert).toContainText('Open the newest link the app printed: each link works once.');
});
