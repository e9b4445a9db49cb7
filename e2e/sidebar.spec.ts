// The sidebar in Chromium against the web edition and the simulator, end to end: typed and chat joins with
// their progress and the agent page joining inside the iframe, every close scenario, the errors an agent can
// meet (not a session ID, no such session, an ended one, a server that is down, a node lost mid-session) and
// saving settings. Takes the sidebar's screenshot beside the agent page on the way (docs/sidebar.png with
// UPDATE_SCREENSHOTS=1).
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import en from '../renderer/src/i18n/messages/en.json' with { type: 'json' };
import { quietLogger } from '../common/logger';
import { paths } from '../common/protocol';
import { startWebEdition, type WebEdition } from '../main/web/index';
import type { Simulator } from '../simulator/index';
import type { InteractionServerSim } from '../simulator/interactions';
import { customerToken, stopSession, useWebEditionWithDesk } from './test-support/sidebar';

const fx = useWebEditionWithDesk('sidebar-e2e', { nodes: 2 });
let sim: Simulator;
let web: WebEdition;
let desk: InteractionServerSim;
const contexts: BrowserContext[] = [];

test.beforeAll(() => {
  ({ sim, web, desk } = { sim: fx.sim(), web: fx.web(), desk: fx.desk() });
});
// Each test's browser profiles go with it (the file runs many): a lighter Chromium than closing them at the end.
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
  // Typed joins attach to the selected interaction; each test starts with none.
  await web.core.dispatch('selectInteraction', { interactionId: null });
});

async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  return context.newPage();
}

/** The customer: the demo page in its own browser profile, a session started, its token read. */
async function customerSession(browser: Browser) {
  const page = await newPage(browser);
  return { page, token: await customerToken(page, sim.url) };
}

/** The agent's sidebar, with every sentence its join-progress live region said recorded in order. */
async function openSidebar(browser: Browser, viewport?: { width: number; height: number }) {
  const page = await newPage(browser, viewport);
  await page.goto(web.openUrl);
  const status = page.getByRole('status', { name: 'Join progress' });
  await expect(status).toBeVisible();
  // A page script (a string: this file is type-checked without the DOM library).
  await page.evaluate(`{
    const el = document.querySelector('[aria-label="Join progress"]');
    const said = (window.said = [el.textContent]);
    new MutationObserver(() => {
      if (said.at(-1) !== el.textContent) said.push(el.textContent);
    }).observe(el, { childList: true, characterData: true, subtree: true });
  }`);
  return {
    page,
    status,
    field: page.getByRole('textbox', { name: 'Session ID' }),
    agentFrame: page.frameLocator('iframe[title="Co-browse agent page"]'),
    iframe: page.locator('iframe[title="Co-browse agent page"]'),
    said: () => page.evaluate<string[]>('window.said'),
  };
}

/** Types (or pastes) into the Session ID field and presses Enter, as an agent does. */
async function joinWith(s: { field: Locator }, text: string): Promise<void> {
  await s.field.fill(text);
  await s.field.press('Enter');
}

const grouped = (token: string) => token.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2-$3');
const spaced = (token: string) => token.replace(/(\d{3})(\d{3})(\d{3})/, '$1 $2 $3');

/** Opens the "Ended (n)" fold (closed on every page load). */
async function openEnded(page: Page): Promise<void> {
  const fold = page.getByTestId('ended');
  if ((await fold.getAttribute('open')) === null) await fold.getByText(/^Ended \(\d+\)$/).click();
}

test('typed token: the hint reads it, progress step by step, the agent page joins in the frame, Exit ends it', async ({
  browser,
}) => {
  const customer = await customerSession(browser);
  const s = await openSidebar(browser);
  await expect(s.field).toBeFocused(); // keyboard first: type and press Enter
  await s.page.keyboard.type(grouped(customer.token));
  await expect(s.page.getByText(/^Will join session \d{3} \d{3} \d{3}\./)).toBeVisible();
  await s.page.keyboard.press('Enter');

  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  await expect(s.agentFrame.getByRole('status')).toHaveText('Co-browsing');
  await expect(customer.page.locator('#state')).toHaveText('An agent is viewing this page');
  const said = await s.said();
  const steps = [
    `Connecting to the co-browse server for session ${spaced(customer.token)}…`,
    'Joined; waiting for the customer…',
  ];
  expect(said.filter((t) => steps.includes(t))).toEqual(steps);
  await expect(s.field).toHaveValue(''); // joined: the field is ready for the next one
  await expect(s.page.getByRole('alert')).toHaveCount(0);

  await s.page
    .getByRole('button', { name: `Exit session ${spaced(customer.token)}: leave co-browse` })
    .click();
  await expect(s.status).toHaveText(`Co-browse ended. ${en['endReason.agent-left']}`);
  await expect(s.iframe).toHaveCount(0);
  await expect(s.page.getByRole('button', { name: /^Exit session/ })).toHaveCount(0);
});

test('chat message {start:…}: joins on that chat, writes attached data, the sidebar beside the agent page', async ({
  browser,
}) => {
  const customer = await customerSession(browser);
  const s = await openSidebar(browser);
  const chatId = await desk.openChat('Dana Scully');
  const item = s.page.getByTestId('interaction').filter({ hasText: 'Dana Scully' });
  await expect(item).toContainText('active');
  await desk.say(chatId, 'customer', 'Hi, my order is stuck');
  await desk.say(chatId, 'customer', `{start:${customer.token}}`);

  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  await expect(s.agentFrame.getByRole('status')).toHaveText('Co-browsing');
  await expect(item).toContainText('1 co-browse session');
  // The attached data in words; the raw keys behind their disclosure.
  await expect(item.getByTestId('cobrowsing-now')).toHaveText('co-browsing now');
  await expect(item.getByTestId('card-clock')).toHaveText(/^Co-browsing for \d+:\d\d$/);
  await expect(item.getByTestId('attached-summary')).toContainText(
    /1 co-browse session · first started \d\d:\d\d/,
  );
  await expect(item.getByRole('definition').first()).toBeHidden();
  await item.getByText('Attached data as sent').click();
  await expect(item.getByRole('definition').first()).toBeVisible();
  await expect(item).toContainText('CoBrowseAssociated');
  await expect(item.getByRole('list', { name: 'Timeline' })).toContainText(en['timeline.cobrowse-active']);
  await expect(customer.page.locator('#state')).toHaveText('An agent is viewing this page');
  // The picture in the README and docs/sidebar.md is refreshed on request only, so a test run leaves the tree clean.
  const shot = process.env.UPDATE_SCREENSHOTS ? 'docs/sidebar.png' : test.info().outputPath('sidebar.png');
  await s.page.screenshot({ path: shot });

  // Attached data as Genesys reporting reads them (ADOverview): start time in epoch ms, typed quantity.
  const value = (key: string) =>
    item.locator('.attached div').filter({ hasText: key }).getByRole('definition');
  await expect(value('CoBrowseStartTime')).toHaveText(/^\d{13}$/);
  await expect(value('CoBrowseSessionsQuantity')).toHaveText('1');
  await expect(value('IsCoBrowseDenied')).toHaveText('No');

  // The chat ends: co-browse is stopped first, and the sidebar says why.
  await desk.close(chatId);
  await expect(s.status).toHaveText(`Co-browse ended. ${en['endReason.closed']}`);
  await expect(item).toContainText('closed');
  await expect(s.iframe).toHaveCount(0);
  // Ended: folded away under "Ended (n)", its card as it was.
  await expect(item.getByTestId('cobrowsing-now')).toHaveCount(0);
  await openEnded(s.page);
  await item.getByText('Attached data as sent').click();
  await expect(value('CoBrowseAssociated')).toHaveText('No');
  await expect(value('CoBrowseDuration')).toHaveText(/^\d+$/);
  expect(desk.get(chatId).attachedData).toMatchObject({
    CoBrowseAssociated: 'No',
    CoBrowseSessionsQuantity: 1,
  });
});

test('a pasted {start:…} message joins too, on the selected chat; Stop ends it for everyone', async ({
  browser,
}) => {
  const customer = await customerSession(browser);
  const s = await openSidebar(browser);
  await desk.openChat('Fox Mulder');
  const item = s.page.getByTestId('interaction').filter({ hasText: 'Fox Mulder' });
  const select = item.getByRole('button');
  // With none selected, a new interaction is selected; pressing it again lets go, and again takes it.
  await expect(select).toHaveAttribute('aria-pressed', 'true');
  await select.click();
  await expect(select).toHaveAttribute('aria-pressed', 'false');
  await select.click();
  await expect(select).toHaveAttribute('aria-pressed', 'true');
  await s.field.fill(`{start:${customer.token}}`);
  await expect(s.page.getByText(/Attaches to Fox Mulder \(chat\)/)).toBeVisible();
  await s.field.press('Enter');
  await expect(s.agentFrame.getByRole('status')).toHaveText('Co-browsing', { timeout: 10_000 });
  await expect(item).toContainText('1 co-browse session');

  await stopSession(s.page, `session ${spaced(customer.token)}`);
  await expect(s.status).toHaveText(`Co-browse ended. ${en['endReason.agent-stop']}`);
  await expect(customer.page.locator('#state')).toHaveAttribute('data-state', 'ended');
});

test('one session at a time: a second typed ID is refused by the field, naming the live one; "End it and join" switches', async ({
  browser,
}) => {
  const first = await customerSession(browser);
  const second = await customerSession(browser);
  const s = await openSidebar(browser);
  await joinWith(s, first.token);
  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  await expect(s.iframe).toHaveAttribute('src', new RegExp(`sid=${first.token}`));

  await s.field.fill(second.token);
  await expect(s.page.getByTestId('join-hint')).toContainText(
    `You are in session ${spaced(first.token)}, not attached to any interaction`,
  );
  await s.field.press('Enter');
  const alert = s.page.locator('.join + [role="alert"]');
  await expect(alert).toContainText(`session ${spaced(first.token)}`);
  await expect(alert).toContainText('one co-browse session at a time');
  await expect(s.field).toHaveValue(second.token);
  // Nothing switched: the sidebar, the agent page and the first customer still agree.
  await expect(s.status).toHaveText('Co-browsing with the customer.');
  await expect(s.iframe).toHaveAttribute('src', new RegExp(`sid=${first.token}`));
  await expect(first.page.locator('#state')).toHaveText('An agent is viewing this page');

  // It asks first, naming both sessions; Escape takes the question back, with focus on the button again.
  const endItAndJoin = alert.getByRole('button', { name: 'End it and join' });
  await endItAndJoin.click();
  const question = s.page.getByRole('group', { name: en['replace.label'] });
  await expect(question).toContainText(
    `End co-browse session ${spaced(first.token)} and join session ${spaced(second.token)}?`,
  );
  await s.page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(endItAndJoin).toBeFocused();
  await expect(first.page.locator('#state')).toHaveText('An agent is viewing this page');
  await endItAndJoin.press('Enter');
  await question
    .getByRole('button', { name: `Yes, end ${spaced(first.token)} and join ${spaced(second.token)}` })
    .click();
  await expect(s.iframe).toHaveAttribute('src', new RegExp(`sid=${second.token}`), { timeout: 10_000 });
  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  await expect(first.page.locator('#state')).toHaveAttribute('data-state', 'ended');
  await expect(second.page.locator('#state')).toHaveText('An agent is viewing this page');
  await expect(s.field).toHaveValue('');
  await expect(s.page.getByRole('alert')).toHaveCount(0);
  await stopSession(s.page, `session ${spaced(second.token)}`);
  await expect(s.status).toHaveText(`Co-browse ended. ${en['endReason.agent-stop']}`);
});

test('a {start:…} from another chat while one is live waits on that chat; accepting ends the first and joins', async ({
  browser,
}) => {
  const first = await customerSession(browser);
  const second = await customerSession(browser);
  const s = await openSidebar(browser);
  const ann = await desk.openChat('Ann Live');
  await desk.say(ann, 'customer', `{start:${first.token}}`);
  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });

  const bob = await desk.openChat('Bob Waiting');
  await desk.say(bob, 'customer', `{start:${second.token}}`);
  const request = s.page.getByRole('group', { name: 'Co-browse request from Bob Waiting' });
  await expect(request).toContainText(`Bob Waiting asks to co-browse (session ${spaced(second.token)})`);
  await expect(s.iframe).toHaveAttribute('src', new RegExp(`sid=${first.token}`));
  await expect(first.page.locator('#state')).toHaveText('An agent is viewing this page');

  await request.getByRole('button', { name: /^End current and join/ }).click();
  const question = request.getByRole('group', { name: en['replace.label'] });
  await expect(question).toContainText(
    `End co-browse session ${spaced(first.token)} with Ann Live and join session ${spaced(second.token)} from Bob Waiting?`,
  );
  await expect(first.page.locator('#state')).toHaveText('An agent is viewing this page');
  await question.getByRole('button', { name: /^Yes, end/ }).click();
  await expect(s.iframe).toHaveAttribute('src', new RegExp(`sid=${second.token}`), { timeout: 10_000 });
  await expect(request).toHaveCount(0);
  await expect(first.page.locator('#state')).toHaveAttribute('data-state', 'ended');
  const bobItem = s.page.getByTestId('interaction').filter({ hasText: 'Bob Waiting' });
  await expect(bobItem).toContainText('1 co-browse session');
  await desk.close(bob);
  await desk.close(ann);
  await expect(s.status).toHaveText(`Co-browse ended. ${en['endReason.closed']}`);
});

test('an ended interaction is never the join target: the selection moves to none, and the hint says so', async ({
  browser,
}) => {
  const s = await openSidebar(browser);
  const chat = await desk.openChat('Carol Ends');
  const item = s.page.getByTestId('interaction').filter({ hasText: 'Carol Ends' });
  await expect(item.getByRole('button')).toHaveAttribute('aria-pressed', 'true');
  await s.field.fill('123456789');
  await expect(s.page.getByTestId('join-hint')).toContainText('Attaches to Carol Ends (chat).');
  await desk.close(chat);
  await expect(item).toContainText('closed');
  await openEnded(s.page);
  await expect(item.getByRole('button')).toBeDisabled();
  await expect(item.getByRole('button')).toHaveAttribute('aria-pressed', 'false');
  await expect(s.page.getByTestId('selection')).toHaveText(
    'No interaction selected: typed joins are not attached to any interaction.',
  );
  await expect(s.page.getByTestId('join-hint')).toContainText('Not attached to any interaction.');
});

for (const [scenario, act, reason, badge] of [
  ['transfer', (id: string) => desk.transfer(id, 'Skinner'), en['endReason.transferred'], 'transferred'],
  [
    'handling timeout',
    (id: string) => desk.handlingTimeout(id),
    en['endReason.timed-out'],
    'handling timeout expired',
  ],
] as const) {
  test(`close scenario, ${scenario}: co-browse stopped and shown with its reason`, async ({ browser }) => {
    const customer = await customerSession(browser);
    const s = await openSidebar(browser);
    const chatId = await desk.openChat(`Customer (${scenario})`);
    await desk.say(chatId, 'customer', `{start:${customer.token}}`);
    await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
    await act(chatId);
    await expect(s.status).toHaveText(`Co-browse ended. ${reason}`);
    await expect(s.page.getByTestId('interaction').filter({ hasText: scenario })).toContainText(badge);
    await expect(s.iframe).toHaveCount(0);
    await expect(customer.page.locator('#state')).toHaveAttribute('data-state', 'ended');
  });
}

test('not a session ID and an unknown session: clear errors with what to do, dismissable', async ({
  browser,
}) => {
  const s = await openSidebar(browser);
  await s.field.fill('12345');
  await expect(s.page.getByText('A session ID has 9 digits; this has 5.')).toBeVisible();
  await s.field.press('Enter');
  const alert = s.page.getByRole('alert');
  await expect(alert).toContainText(
    '“12345” is not a co-browse session ID: a session ID is exactly 9 digits.',
  );
  await expect(alert).toContainText('Check the digits with the customer.');
  await expect(alert).not.toContainText('step');
  await expect(s.field).toHaveValue('12345'); // kept for correcting
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(alert).toHaveCount(0);

  await joinWith(s, '000000000');
  await expect(alert).toContainText(
    'No live co-browse session has the ID 000 000 000: it has ended, or the ID was mistyped.',
  );
  await expect(alert).toContainText('if they match, ask them to start a new session.');
  await expect(alert).not.toContainText('step');
  await expect(s.field).toHaveValue('000000000'); // kept after a failure that took a round trip too
  await expect(s.status).toHaveText('Could not join session 000 000 000.');
});

test('an ended session: joining it again says it is no longer live and to ask for a new one', async ({
  browser,
}) => {
  const customer = await customerSession(browser);
  const s = await openSidebar(browser);
  await joinWith(s, customer.token);
  await expect(s.agentFrame.getByRole('status')).toHaveText('Co-browsing', { timeout: 10_000 });
  await stopSession(s.page);
  await expect(s.status).toHaveText(/^Co-browse ended\./);

  await joinWith(s, customer.token);
  // The server's get-session answers an ended session as not found (protocol.md); the words cover both.
  const alert = s.page.getByRole('alert');
  await expect(alert).toContainText(
    `No live co-browse session has the ID ${spaced(customer.token)}: it has ended`,
  );
  await expect(s.field).toHaveValue(customer.token);
  await expect(s.agentFrame.getByRole('status')).toHaveCount(0);
});

test('a node going down mid-session: the session ends and the sidebar says what happened', async ({
  browser,
}) => {
  const customer = await customerSession(browser);
  const s = await openSidebar(browser);
  await joinWith(s, customer.token);
  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  const owner = (await (
    await fetch(`${sim.url}${paths.restBase}/sessions/${customer.token}`, {
      headers: { Origin: sim.url },
    })
  ).json()) as { sessionServerName: string };
  await sim.stopNode(owner.sessionServerName);
  try {
    await expect(s.page.getByRole('alert')).toContainText('went away', { timeout: 15_000 });
    await expect(s.status).toHaveText(/^Co-browse ended\./);
    await expect(s.iframe).toHaveCount(0);
  } finally {
    await sim.startNode(owner.sessionServerName);
  }
});

test('settings: saved and kept across a reload; connection settings wait for the end of the session', async ({
  browser,
}) => {
  const s = await openSidebar(browser);
  // The agent's own settings first; the connection plumbing under Advanced.
  const open = async () => {
    await s.page.getByText('Settings', { exact: true }).click();
    await expect(s.page.getByLabel('Notify me of co-browse requests')).toBeChecked();
    await expect(s.page.getByLabel('Transport')).toBeHidden();
    await s.page.getByText('Advanced', { exact: true }).click();
  };
  const save = s.page.getByRole('button', { name: 'Save settings' });
  await open();
  await expect(save).toBeDisabled(); // nothing changed yet
  await s.page.getByLabel('Agent display name').fill('Dana the Agent');
  await s.page.getByLabel('Transport').selectOption('websocket');
  await save.click();
  await expect(s.page.getByText('Settings saved.')).toBeVisible();
  expect(JSON.parse(await readFile(join(fx.dataDir(), 'settings.json'), 'utf8'))).toMatchObject({
    agentName: 'Dana the Agent',
    transport: 'websocket',
  });
  await s.page.reload();
  await open();
  await expect(s.page.getByLabel('Agent display name')).toHaveValue('Dana the Agent');
  await expect(s.page.getByLabel('Transport')).toHaveValue('websocket');
  await s.page.getByLabel('Transport').selectOption('long-polling');
  await save.click();
  await expect(s.page.getByText('Settings saved.')).toBeVisible();

  // Checked as typed, the field's own words under it (no browser bubble); Save goes to the field instead.
  const origin = s.page.getByLabel('Origin');
  await origin.fill('agents.example.com');
  await expect(origin).toHaveAttribute('aria-invalid', 'true');
  await expect(origin).toHaveAccessibleDescription(/^Enter the full address, starting with https:\/\//);
  await save.click();
  await expect(origin).toBeFocused();
  await origin.fill('https://agents.example.com');
  await expect(s.page.getByTestId('field-error')).toHaveCount(0);
  await origin.fill('');
  await expect(save).toBeDisabled();

  // During a session main refuses a connection change; the refusal shows in the settings panel.
  const customer = await customerSession(browser);
  await joinWith(s, customer.token);
  await expect(s.status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  await s.page.getByLabel('Service URL').fill('https://elsewhere.example.com');
  await save.click();
  const refusal = s.page.locator('.settings').getByRole('alert');
  await expect(refusal).toContainText(/settings cannot change during a co-browse session\./);
  await expect(refusal).toContainText('End the session (Exit or Stop), then save again.');
  await stopSession(s.page);
  await expect(s.status).toHaveText(/^Co-browse ended\./);
});

test('a Co-browse Server that is down: the join says it cannot be reached and what to check', async ({
  browser,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sidebar-down-'));
  const down = await startWebEdition({
    serviceUrl: `http://127.0.0.1:${await deadPort()}`,
    dataDir: dir,
    localApiPort: 0,
    log: quietLogger(),
  });
  try {
    const page = await newPage(browser);
    await page.goto(down.openUrl);
    const field = page.getByRole('textbox', { name: 'Session ID' });
    await field.fill('123-456-789');
    await field.press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The Co-browse Server cannot be reached.', { timeout: 15_000 });
    await expect(alert).toContainText('Check the network and the service URL.');
    await expect(page.getByRole('status', { name: 'Join progress' })).toHaveText(/^Could not join session/);
  } finally {
    await down.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a narrow, tall window in the dark: the agent page stays in view under the panels, colours follow the OS', async ({
  browser,
}) => {
  const customer = await customerSession(browser);
  const s = await openSidebar(browser, { width: 400, height: 820 });
  const background = () => s.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  const light = await background();
  await s.page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).not.toBe(light);

  await joinWith(s, customer.token);
  await expect(s.agentFrame.getByRole('status')).toHaveText('Co-browsing', { timeout: 10_000 });
  const frame = (await s.iframe.boundingBox())!;
  expect(frame.width).toBeGreaterThan(380);
  expect(frame.height).toBeGreaterThan(300);
  expect(frame.y + frame.height).toBeLessThanOrEqual(820 + 1);
  await stopSession(s.page);
  await expect(s.iframe).toHaveCount(0);
});

test('demo mode, a newcomer alone: banner → customer page → Share my screen → the sidebar co-browses the shop', async ({
  browser,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'sidebar-demo-'));
  const demo = await startWebEdition({ demo: true, dataDir: dir, localApiPort: 0, log: quietLogger() });
  try {
    const page = await newPage(browser);
    await page.goto(demo.openUrl);
    await expect(page.getByRole('note')).toContainText('Demo mode');
    const link = page.getByRole('link', { name: 'Open the demo customer page' });
    const href = await link.getAttribute('href');
    expect(href).toBe(demo.core.getState().service.demoCustomerUrl);
    // First start explains itself: the next step, and what the empty agent area is for.
    await expect(page.getByTestId('demo-next')).toHaveText(
      'Next: open the demo customer page and press “Share my screen with the agent” in its chat.',
    );
    await expect(page.getByTestId('agent-empty')).toContainText("The customer's page will show here");

    // The customer is another person: another browser profile.
    const customer = await newPage(browser);
    await customer.goto(href!);
    // One obvious way to start: the chat's Share button is the page's only primary start.
    await expect(customer.locator('button.primary:visible')).toHaveText(['Share my screen with the agent']);
    await customer.getByLabel('Message').fill('Hello, I cannot find the checkout');
    await customer.getByRole('button', { name: 'Send' }).click();
    await customer.getByRole('button', { name: 'Share my screen with the agent' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'Co-browsing with the customer' })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByTestId('demo-next')).toHaveText(/^Next: follow the customer on their page/);
    await expect(page.getByTestId('agent-empty')).toHaveCount(0);
    const agentPage = page.frameLocator('iframe[title="Co-browse agent page"]');
    await expect(agentPage.getByRole('status')).toHaveText('Co-browsing', { timeout: 10_000 });
    await expect(agentPage.frameLocator('iframe').getByText('Demo shop').first()).toBeVisible({
      timeout: 10_000,
    });
    await expect(page.getByTestId('attached-summary')).toContainText('1 co-browse session');
    await page.getByText('Attached data as sent').click();
    await expect(page.getByText('CoBrowseSessionsQuantity')).toBeVisible();
  } finally {
    await demo.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('web host: Copy diagnostics puts the bundle on the clipboard', async ({ browser }) => {
  const s = await openSidebar(browser);
  await s.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
  await s.page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(s.page.getByText('Diagnostics copied to the clipboard.')).toBeVisible();
  const copied = await s.page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toContain('Cobrowse Agent Shell (web edition)');
});

function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
