// The agent proxy attacked from a real browser. Chromium sends every 127.0.0.1 cookie to every loopback port
// (cookies ignore ports; SameSite=Strict counts 127.0.0.1 as one site), so the sidebar keeps no cookie at all:
// the agent page's frame has nothing of ours to carry to the proxy or the node, whose every request the
// balancer records. And the agent page's own script (it knows the route key) cannot make the proxy fetch
// another host: a canary must hear nothing.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../common/logger';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { startSimulator, type Simulator } from '../simulator/index';
import { startRecorder, type Recorder } from '../test/hostile/test-support/probes';
import { requireBuiltSidebar } from './test-support/sidebar';

let sim: Simulator;
let web: WebEdition;
let canary: Recorder;
let dataDir: string;

test.beforeAll(async () => {
  requireBuiltSidebar();
  canary = await startRecorder();
  sim = await startSimulator({ port: 0, nodes: 2, logger: quietLogger() });
  dataDir = await mkdtemp(join(tmpdir(), 'hostile-e2e-'));
  web = await startWebEdition({ serviceUrl: sim.url, dataDir, localApiPort: 0, log: quietLogger() });
});
test.afterAll(async () => {
  await web?.close();
  await sim?.stop();
  await canary?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the sidebar has no cookie to leak to the node; the agent page cannot reach another host', async ({
  browser,
}) => {
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  await customer.goto(`${sim.url}/cobrowse/demo/`);
  await customer.getByRole('button', { name: 'Start co-browse session' }).click();
  await expect(customer.locator('#token')).toHaveAttribute('data-token', /^\d{9}$/);
  const token = (await customer.locator('#token').getAttribute('data-token'))!;

  const context = await browser.newContext();
  const sidebar = await context.newPage();
  await sidebar.goto(web.openUrl);
  sim.balancer.clearLog();
  await sidebar.getByRole('textbox', { name: 'Session ID' }).fill(token);
  await sidebar.getByRole('textbox', { name: 'Session ID' }).press('Enter');
  const agentFrame = sidebar.frameLocator('iframe[title="Co-browse agent page"]');
  await expect(agentFrame.getByRole('status')).toHaveText('Co-browsing', { timeout: 15_000 });

  // What a cookie of the sidebar's would reach: the proxy's host, any path. There is none.
  const frameUrl = new URL(
    (await sidebar.locator('iframe[title="Co-browse agent page"]').getAttribute('src'))!,
  );
  expect(await context.cookies(`${frameUrl.origin}/`)).toEqual([]);
  const fromBrowser = sim.balancer.log.filter((e) => e.path.startsWith('/cobrowse/'));
  expect(fromBrowser.length).toBeGreaterThan(3); // the page, its scripts, CometD through the proxy

  // The agent page's own script tries the escapes; it can read what its own origin answers.
  const frame = sidebar.frames().find((f) => f.url().startsWith(frameUrl.origin))!;
  const prefix = frameUrl.pathname.replace(/\/cobrowse\/.*$/, '');
  const sidebarPort = new URL(web.url).port;
  const answers = await frame.evaluate(
    `Promise.all(${JSON.stringify([
      `${prefix}//127.0.0.1:${canary.port}/steal`,
      `${prefix}/%5C127.0.0.1:${canary.port}/steal`,
      `${prefix}//127.0.0.1:${sidebarPort}/`,
      `${prefix}/%2F%2F127.0.0.1:${canary.port}/steal`,
      `${prefix}/cobrowse/%2e%2e/%2e%2e/x`, // the browser resolves it to /a/x itself: no route
    ])}.map((p) => fetch(p).then((r) => r.status, () => 0)))`,
  );
  expect(answers).toEqual([400, 400, 400, 400, 404]);
  expect(canary.connections).toBe(0);
  await customerContext.close();
  await context.close();
});
