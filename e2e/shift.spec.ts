// A shift in the web edition, read from the sidebar alone: the lights in words (a local API with
// no softphone is neutral, not red), the empty agent area saying what comes there, three chats in working
// order (co-browsing now on top with its clock; a close, a transfer and a handling timeout folded under
// Ended and cleared), today's history exported as CSV, a restart in the middle, then a voice call reported by
// a softphone over the local integration API as a real one would (its own WebSocket and POSTs from this
// process, not the simulator desk) with its co-browse while the chat desk is connected too (each app gets only
// its own interactions' attached data), the history of the whole day after the restart, and a diagnostics
// bundle saved to a file with sessions, connection history and logs. axe-core at zero on the way.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { AttachedDataPush } from '../common/local-api-wire';
import { quietLogger } from '../common/logger';
import type { SourceEvent } from '../common/source-events';
import { readDiscovery } from '../common/node/local-api-discovery';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { startSimulator, type Simulator } from '../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../simulator/interactions';
import en from '../renderer/src/i18n/messages/en.json' with { type: 'json' };
import { violations } from './test-support/axe';
import { customerToken as token, requireBuiltSidebar } from './test-support/sidebar';

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

const customerToken = async (browser: Browser) => token(await newPage(browser), sim.url);

/**
 * A softphone on the agent's machine, as docs/local-api.md says one connects: the address and token from
 * the discovery file, its WebSocket on /v1/ws (every attached-data push acked), each event POSTed to /v1/events,
 * both named `X-Cobrowse-App: softphone` since the chat desk is connected beside it.
 */
async function connectSoftphone(api: WebEdition['localApi']) {
  const found = await readDiscovery(api.discoveryFile);
  const auth = { Authorization: `Bearer ${found.token}`, 'X-Cobrowse-App': 'softphone' };
  const ws = new WebSocket(`${found.url.replace(/^http/, 'ws')}/v1/ws`, { headers: auth });
  const written: AttachedDataPush[] = [];
  ws.on('message', (raw) => {
    const push = AttachedDataPush.parse(JSON.parse(String(raw)));
    written.push(push);
    ws.send(JSON.stringify({ type: 'ack', writeId: push.writeId }));
  });
  await once(ws, 'open');
  return {
    written,
    async report(event: SourceEvent) {
      const res = await fetch(`${api.url}/v1/events`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify(event),
      });
      expect(res.status, await res.text()).toBe(202);
    },
    close: () => ws.close(),
  };
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

test('a shift read from the sidebar, its history kept across a restart', async ({ browser }) => {
  // A whole day in one test (three chats, a restart, a call): three times the default budget.
  test.slow();
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

  await desk.connect(await readDiscovery(web.localApi.discoveryFile));
  await expect(source).toContainText('Softphone link: connected');
  await expect(source.locator('.dot')).toHaveAttribute('data-tone', 'ok');

  // Two chats; the second asks to co-browse.
  const first = await desk.openChat('Ann Early');
  const second = await desk.openChat('Ben Shares');
  const card = (name: string, on = page) => on.getByTestId('interaction').filter({ hasText: name });
  await expect(card('Ben Shares')).toBeVisible();
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
  // The third chat's handling timeout expires (Interaction Server's handling-timeout).
  await desk.handlingTimeout(third);
  await page.getByTestId('ended').getByText('Ended (3)').click();
  await expect(card('Ann Early')).toContainText('closed');
  await expect(card('Ben Shares')).toContainText('transferred');
  await expect(card('Dee Waits')).toContainText('handling timeout expired');
  expect(await violations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Clear ended' }).click();
  await expect(page.getByTestId('ended')).toHaveCount(0);
  await expect(page.getByTestId('interaction')).toHaveCount(0);

  // Today's history: the session with its customer, attached data written; exported as CSV.
  const history = page.getByTestId('history');
  await history.getByText('1 co-browse session today').click();
  const row = history.getByTestId('history-entry');
  await expect(row).toContainText('Ben Shares');
  await expect(row).toContainText('written', { timeout: 10_000 });
  await expect(row).toContainText(en['endReason.transferred']);
  expect(await violations(page)).toEqual([]);
  const csv = await downloaded(page, () => history.getByRole('button', { name: 'Export CSV' }).click());
  expect(csv.name).toMatch(/^cobrowse-history-\d{4}-\d\d-\d\d\.csv$/);
  const lines = csv.text.trim().split('\r\n');
  expect(lines[0]).toBe(
    'customer,media,interaction,session,started,ended,active_seconds,how_it_ended,ending_code,attached_data',
  );
  expect(lines[1]).toMatch(new RegExp(`^Ben Shares,chat,${second},\\*{6}${token.slice(-3)},`));
  // How it ended in the agent's words, then its code (the same in every language).
  expect(lines[1]).toMatch(/,transferred,written$/);

  // A restart in the middle of the shift: the history is still there.
  await desk.disconnect();
  await web.close();
  web = await startWeb();
  const after = await newPage(browser);
  await after.goto(web.openUrl);
  const historyAfter = after.getByTestId('history');
  await historyAfter.getByText('1 co-browse session today').click();
  await expect(historyAfter.getByTestId('history-entry')).toContainText('Ben Shares');
  await expect(historyAfter.getByTestId('history-entry')).toContainText('written');

  // A call through the local integration API: the chat desk is back, the softphone connects (the newest
  // connection) with its key, reports the call, then passes on the session ID the caller read out (a
  // `join-requested` on that call).
  await desk.connect(await readDiscovery(web.localApi.discoveryFile));
  const softphone = await connectSoftphone(web.localApi);
  const sourceAfter = after.getByTestId('source');
  await expect(sourceAfter).toContainText('Softphone link: connected');
  await softphone.report({
    type: 'interaction-added',
    interactionId: 'call-0001',
    media: 'voice',
    customerName: 'Cleo Calls',
  });
  await expect(card('Cleo Calls', after)).toHaveAttribute('data-interaction-id', 'call-0001');
  const callToken = await customerToken(browser);
  await softphone.report({ type: 'join-requested', token: callToken, interactionId: 'call-0001' });
  await expect(card('Cleo Calls', after).getByTestId('cobrowsing-now')).toBeVisible({ timeout: 10_000 });
  await expect(card('Cleo Calls', after).getByTestId('card-clock')).toHaveText(/^Co-browsing for \d+:\d\d$/);
  expect(await violations(after)).toEqual([]);
  // The picture in docs/sidebar.md, refreshed on request only (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
  const shot = process.env.UPDATE_SCREENSHOTS
    ? 'docs/sidebar-shift.png'
    : test.info().outputPath('sidebar-shift.png');
  await after.screenshot({ path: shot });

  // The customer's window is large: the agent zooms the agent page out to 75 %. The host scales the frame
  // (nothing is added to the agent page's URL): the page lays out a window 1/0.75 as wide in the same box.
  await after.getByText('Settings', { exact: true }).click();
  await after.getByLabel('Agent page zoom').selectOption('75');
  await after.getByRole('button', { name: 'Save settings' }).click();
  await expect(after.getByText('Settings saved.')).toBeVisible();
  await after.getByText('Settings', { exact: true }).click();
  const agentFrame = after.frame({ url: /\/cobrowse\/slave\.html#/ })!;
  expect(agentFrame.url()).not.toMatch(/zoom|scale/i);
  const box = (await after.locator('iframe[title="Co-browse agent page"]').boundingBox())!;
  await expect
    .poll(async () => ((await agentFrame.evaluate<number>('innerWidth')) * 0.75) / box.width)
    .toBeCloseTo(1, 2);

  // A chat asks to co-browse during the call and is declined: its `IsCoBrowseDenied` goes to the chat desk that
  // reported it, not to the softphone.
  const late = await desk.openChat('Eve Asks');
  await desk.say(late, 'customer', `{start:${await customerToken(browser)}}`);
  const lateRequest = after.getByRole('group', { name: 'Co-browse request from Eve Asks' });
  await lateRequest.getByRole('button', { name: 'Decline' }).click();
  await expect.poll(() => desk.get(late).attachedData).toEqual({ IsCoBrowseDenied: 'Yes' });

  // The caller hangs up: the session ends with the call, its attached data go to the softphone, acked.
  await softphone.report({ type: 'interaction-closed', interactionId: 'call-0001' });
  await expect(after.getByTestId('ended').getByText('Ended (1)')).toBeVisible({ timeout: 10_000 });
  const callData = () =>
    Object.assign({}, ...softphone.written.filter((w) => w.interactionId === 'call-0001').map((w) => w.data));
  // Genesys's ADOverview keys: `Yes` on the join, `No` once the session is over, its duration written.
  await expect.poll(callData).toMatchObject({
    CoBrowseAssociated: 'No',
    CoBrowseSessionsQuantity: 1,
    CoBrowseSessionId: expect.any(String),
    CoBrowseDuration: expect.any(Number),
  });
  expect(softphone.written.some((w) => w.data.CoBrowseAssociated === 'Yes')).toBe(true);
  expect(softphone.written.filter((w) => w.interactionId !== 'call-0001')).toEqual([]);

  // The whole day, read after the restart: both sessions, each with its customer and its data written.
  await expect(historyAfter.getByText('2 co-browse sessions today')).toBeVisible();
  const rows = historyAfter.getByTestId('history-entry');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'Cleo Calls' })).toContainText('written', { timeout: 10_000 });
  await expect(rows.filter({ hasText: 'Ben Shares' })).toContainText('written');

  // Diagnostics saved to a file: sessions, connection history, the log tail; no full session ID.
  const diag = await downloaded(after, () =>
    after.getByRole('button', { name: 'Save diagnostics…' }).click(),
  );
  expect(diag.name).toMatch(/^cobrowse-diagnostics-\d{4}-\d\d-\d\d\.txt$/);
  expect(diag.text).toContain('## Co-browse sessions');
  expect(diag.text).toMatch(/co-browse server: connected/);
  expect(diag.text).toMatch(/interaction source: local-api up/);
  expect(diag.text).toMatch(/INFO \[core/);
  expect(diag.text).not.toContain(callToken);
  expect(diag.text.length).toBeGreaterThan(2000);
  await expect(after.getByText('Diagnostics saved to your downloads folder.')).toBeVisible();
  softphone.close();
});
