// A shift in the web edition, read from the sidebar alone (issue 17): the lights in words (a local API with
// no softphone is neutral, not red), the empty agent area saying what comes there, chats and a call in
// working order (co-browsing now on top with its clock, ended ones folded and cleared), today's history
// exported as CSV and still there after a restart, and a diagnostics bundle saved to a file with sessions,
// connection history and logs. axe-core at zero on the way.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../common/logger';
import { loadOrCreateToken } from '../main/core/sources/local-api/token-file';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { startSimulator, type Simulator } from '../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../simulator/interactions';
import en from '../renderer/src/i18n/messages/en.json' with { type: 'json' };
import { violations } from './support/axe';
import { requireBuiltSidebar } from './support/sidebar';

let sim: Simulator;
let web: WebEdition;
let desk: InteractionServerSim;
let dataDir: string;
const contexts: BrowserContext[] = [];

const startWeb = () => startWebEdition({ serviceUrl: sim.url, dataDir, localApiPort: 0, log: quietLogger() });

test.beforeAll(async () => {
  requireBuiltSidebar();
  desk = new InteractionServerSim({ log: quietLogger() });
  sim = await startSimulator({ port: 0, logger: quietLogger(), routes: [interactionRoutes(desk)] });
  dataDir = await mkdtemp(join(tmpdir(), 'shift-e2e-'));
  web = await startWeb();
});
test.afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  await desk?.disconnect();
  await web?.close();
  await sim?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
}

async function customerToken(browser: Browser): Promise<string> {
  const page = await newPage(browser);
  await page.goto(`${sim.url}/cobrowse/demo/`);
  await page.getByRole('button', { name: 'Start co-browse session' }).click();
  const shown = page.locator('#token');
  await expect(shown).toHaveAttribute('data-token', /^\d{9}$/);
  return (await shown.getAttribute('data-token'))!;
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('a shift read from the sidebar, its history kept across a restart', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(web.openUrl);

  // Nothing connected yet: true words, no red.
  const source = page.getByTestId('source');
  await expect(source).toContainText('Softphone link: listening — no softphone connected');
  await expect(source.locator('.dot')).toHaveAttribute('data-tone', 'neutral');
  await expect(page.getByTestId('connection')).toContainText(
    'Co-browse server: ready — connects when a session starts',
  );
  await expect(page.getByTestId('connection').locator('.dot')).toHaveAttribute('data-tone', 'neutral');
  await expect(page.getByRole('heading', { name: "The customer's page will show here" })).toBeVisible();
  await expect(page.getByText('No co-browse sessions yet today.', { exact: false })).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await desk.connect({ url: web.localApi.url, token: await loadOrCreateToken(web.localApi.tokenFile) });
  await expect(source).toContainText('Softphone link: connected');
  await expect(source.locator('.dot')).toHaveAttribute('data-tone', 'ok');

  // Two chats and a call; the second chat asks to co-browse.
  const first = await desk.openChat('Ann Early');
  const second = await desk.openChat('Ben Shares');
  const call = await desk.openChat('Cleo Calls', 'voice');
  const card = (name: string) => page.getByTestId('interaction').filter({ hasText: name });
  await expect(card('Cleo Calls')).toBeVisible();
  const token = await customerToken(browser);
  await desk.say(second, 'customer', `{start:${token}}`);

  // Co-browsing now: on top, with its badge and the session's clock (here and in the join panel).
  await expect(card('Ben Shares').getByTestId('cobrowsing-now')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('interaction').first()).toContainText('Ben Shares');
  const clock = card('Ben Shares').getByTestId('card-clock');
  await expect(clock).toHaveText(/^Co-browsing for 0:0\d$/);
  const before = await clock.textContent();
  await expect(clock).not.toHaveText(before!, { timeout: 3_000 }); // it ticks
  await expect(page.getByTestId('session-clock')).toHaveText(/^Co-browsing for \d+:\d\d$/);
  await expect(card('Ben Shares').getByTestId('attached-summary')).toContainText(
    /^1 co-browse session · first started/,
  );
  expect(await violations(page)).toEqual([]);

  // The agent turns on the request chime (their own setting, not under Advanced); a third chat asks to
  // co-browse while Ben's session is live: a waiting request, one chime, declined.
  await page.getByText('Settings', { exact: true }).click();
  await page.getByLabel('Play a sound for co-browse requests').check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const third = await desk.openChat('Dee Waits');
  await desk.say(third, 'customer', `{start:${await customerToken(browser)}}`);
  const request = page.getByRole('group', { name: 'Co-browse request from Dee Waits' });
  await expect(request).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-chimes', '1');
  await request.getByRole('button', { name: 'Decline' }).click();
  await expect(request).toHaveCount(0);
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByTestId('interaction').first()).toContainText('Ben Shares');

  // The first chat closes: folded under Ended (1), the live one still on top.
  await desk.close(first);
  await expect(page.getByTestId('ended').getByText('Ended (1)')).toBeVisible();
  await expect(page.getByTestId('interaction').first()).toContainText('Ben Shares');
  // The co-browsing chat is transferred: its session ends, it joins the ended ones.
  await desk.transfer(second, 'Dana');
  await expect(page.getByTestId('ended').getByText('Ended (2)')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('interaction').first()).toContainText('Cleo Calls');
  await desk.close(third);
  await page.getByTestId('ended').getByText('Ended (3)').click();
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Clear ended' }).click();
  await expect(page.getByTestId('ended')).toHaveCount(0);
  await expect(page.getByTestId('interaction')).toHaveCount(1); // the call, still live
  await expect(card('Cleo Calls')).toHaveAttribute('data-interaction-id', call);

  // Today's history: the session with its customer, attached data written; exported as CSV.
  const history = page.getByTestId('history');
  await history.getByText('1 co-browse session today').click();
  const row = history.getByTestId('history-entry');
  await expect(row).toContainText('Ben Shares');
  await expect(row).toContainText('written', { timeout: 10_000 });
  await expect(row).toContainText(en['endReason.transferred']);
  expect(await violations(page)).toEqual([]);
  // The README's picture, refreshed on request only (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
  const shot = process.env.UPDATE_SCREENSHOTS
    ? 'docs/sidebar-shift.png'
    : test.info().outputPath('sidebar-shift.png');
  await page.screenshot({ path: shot });
  const csv = await downloaded(page, () => history.getByRole('button', { name: 'Export CSV' }).click());
  expect(csv.name).toMatch(/^cobrowse-history-\d{4}-\d\d-\d\d\.csv$/);
  const lines = csv.text.trim().split('\r\n');
  expect(lines[0]).toBe(
    'customer,media,interaction,session,started,ended,active_seconds,how_it_ended,ending_code,attached_data',
  );
  expect(lines[1]).toMatch(new RegExp(`^Ben Shares,chat,${second},\\*{6}${token.slice(-3)},`));
  // How it ended in the agent's words, then its code (the same in every language).
  expect(lines[1]).toMatch(/,transferred,written$/);

  // Diagnostics saved to a file: sessions, connection history, the log tail; no full session ID.
  const diag = await downloaded(page, () =>
    page.getByRole('button', { name: 'Save diagnostics to a file' }).click(),
  );
  expect(diag.name).toMatch(/^cobrowse-diagnostics-\d{4}-\d\d-\d\d\.txt$/);
  expect(diag.text).toContain('## Co-browse sessions');
  expect(diag.text).toMatch(/co-browse server: connected/);
  expect(diag.text).toMatch(/interaction source: local-api up/);
  expect(diag.text).toMatch(/INFO \[core/);
  expect(diag.text).not.toContain(token);
  expect(diag.text.length).toBeGreaterThan(2000);

  // A restart in the middle of the shift: the history is still there.
  await desk.disconnect();
  await web.close();
  web = await startWeb();
  const again = await newPage(browser);
  await again.goto(web.openUrl);
  await again.getByTestId('history').getByText('1 co-browse session today').click();
  await expect(again.getByTestId('history-entry')).toContainText('Ben Shares');
  await expect(again.getByTestId('history-entry')).toContainText('written');
});
