// The web edition's sidebar when its own app goes away, in Chromium: "App disconnected" within 2 s of losing
// its WebSocket, and back by itself when the same run answers again; a host that died and came back as a new
// run (new key) is named as such, with what to do.
import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../common/logger';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { startSimulator, type Simulator } from '../simulator/index';
import { requireBuiltSidebar, typedJoinAnswers } from './test-support/sidebar';

let sim: Simulator;
let web: WebEdition;
let dataDir: string;

test.beforeAll(async () => {
  requireBuiltSidebar();
  sim = await startSimulator({ port: 0, nodes: 1, logger: quietLogger() });
  dataDir = await mkdtemp(join(tmpdir(), 'host-link-e2e-'));
});
test.beforeEach(async () => {
  web = await startWebEdition({ serviceUrl: sim.url, dataDir, localApiPort: 0, log: quietLogger() });
});
test.afterEach(async () => {
  await web.close();
});
test.afterAll(async () => {
  await sim?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function sidebar(page: Page) {
  await page.goto(web.openUrl);
  await expect(page.getByTestId('connection')).toContainText('Co-browse service reachable');
  return page.getByTestId('host-link');
}

test('its socket lost: "App disconnected" within 2 s, then it reconnects by itself', async ({ page }) => {
  const routes: WebSocketRoute[] = [];
  let hostAway = false;
  // Every socket of the page goes through here to the real host, so the test can cut one from the host side
  // and keep the host away (each new socket refused) while it reads the alert.
  await page.routeWebSocket(/\/api$/, async (ws) => {
    if (hostAway) return void (await ws.close({ code: 1006 }));
    ws.connectToServer();
    routes.push(ws);
  });
  const alert = await sidebar(page);
  await expect(alert).toBeHidden();
  const started = Date.now();
  hostAway = true;
  await routes.at(-1)!.close({ code: 1006 });
  await expect(alert).toBeVisible({ timeout: 2000 });
  expect(Date.now() - started).toBeLessThan(2000);
  await expect(alert).toContainText('App disconnected');
  await expect(page.getByRole('alert').filter({ hasText: 'App disconnected' })).toHaveCount(1);
  hostAway = false;
  await expect(alert).toBeHidden({ timeout: 2000 });
  expect(routes.length).toBeGreaterThanOrEqual(2);
  await typedJoinAnswers(page); // the new socket carries the contract again
});

test('the app gone, then back as a new run on the same port: disconnected, then told to open the new link', async ({
  page,
}) => {
  const alert = await sidebar(page);
  const port = Number(new URL(web.url).port);
  const started = Date.now();
  await web.close();
  await expect(alert).toBeVisible({ timeout: 2000 });
  expect(Date.now() - started).toBeLessThan(2000);
  web = await startWebEdition({ serviceUrl: sim.url, dataDir, localApiPort: 0, port, log: quietLogger() });
  await expect(alert).toHaveAttribute('data-state', 'restarted', { timeout: 3000 });
  await expect(alert).toContainText('Open the link it printed');
  // Opening the new run's link in this browser gives the old page the new key: it reconnects by itself.
  const other = await page.context().newPage();
  await other.goto(web.openUrl);
  await expect(alert).toBeHidden({ timeout: 2000 });
});
