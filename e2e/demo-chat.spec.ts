// The demo customer page's chat box in Chromium, end to end: "Share my screen with the agent" creates the
// co-browse session and sends `{start:<token>}` through the interaction-server simulator; the app (engine +
// real controller) joins on that chat, writes the attached data, and the test controls end it.
import { expect, test, type BrowserContext } from '@playwright/test';
import { quietLogger } from '../common/logger';
import { startLifecycle, type Lifecycle } from '../main/core/interactions/test-support/lifecycle';
import { startSimulator, type Simulator } from '../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../simulator/interactions';

let sim: Simulator;
let app: Lifecycle;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  const desk = new InteractionServerSim({ log: quietLogger() });
  sim = await startSimulator({ port: 0, nodes: 2, logger: quietLogger(), routes: [interactionRoutes(desk)] });
  app = await startLifecycle(sim.url, desk);
});
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
test.afterAll(async () => {
  await app?.close();
  await sim?.stop();
});

test('Share my screen: the agent app joins on the chat, attached data land, closing the chat ends it', async ({
  browser,
}) => {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${sim.url}/cobrowse/demo/`);
  await page.getByLabel('Message').fill('Hello, I need help with my order');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('#chat-log')).toContainText('You: Hello, I need help with my order');
  const chatId = await page.locator('#chat').getAttribute('data-interaction-id');
  expect(chatId).toBeTruthy();

  await page.getByRole('button', { name: 'Share my screen with the agent' }).click();
  await expect(page.locator('#token')).toHaveAttribute('data-token', /^\d{9}$/, { timeout: 10_000 });
  await expect.poll(() => app.state().sessions.find((s) => s.interactionId === chatId)?.phase).toBe('joined');
  const timeline = app
    .state()
    .interactions.find((i) => i.id === chatId)!
    .timeline.map((t) => ('params' in t ? t.params : t.code));
  expect(timeline).toContainEqual({ from: 'customer', text: 'Hello, I need help with my order' });
  expect(timeline).toContain('cobrowse-requested');
  await app.engine.outboxDrained();
  expect(app.desk.get(chatId!).attachedData).toMatchObject({
    CoBrowseAssociated: 'Yes',
    CoBrowseSessionsQuantity: 1,
  });

  // The chat server's test control: close the interaction.
  const closed = await fetch(`${sim.url}/sim/interactions/chats/${chatId}/close`, { method: 'POST' });
  expect(closed.status).toBe(202);
  await expect
    .poll(() => app.state().sessions.find((s) => s.interactionId === chatId)?.endReason)
    .toBe('closed');
  expect(app.state().agentView).toBeNull();
  await expect(page.locator('#state')).toHaveAttribute('data-state', 'ended');
});

test('the chat routes refuse bad input with specific errors', async () => {
  const missing = await fetch(`${sim.url}/sim/interactions/chats/nope/close`, { method: 'POST' });
  expect(missing.status).toBe(404);
  const bad = await fetch(`${sim.url}/sim/interactions/chats`, {
    method: 'POST',
    body: '{"customerName":5}',
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toBe('invalid-request');
});

test('a demo chat ends as chats do: "End chat", or the customer leaving the page', async ({ browser }) => {
  const context = await browser.newContext();
  contexts.push(context);
  const chatState = (id: string) => app.state().interactions.find((i) => i.id === id)?.state;
  const openChat = async () => {
    const page = await context.newPage();
    await page.goto(`${sim.url}/cobrowse/demo/`);
    await page.getByLabel('Message').fill('Hello');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.locator('#chat')).toHaveAttribute('data-interaction-id', /.+/);
    const id = (await page.locator('#chat').getAttribute('data-interaction-id'))!;
    await expect.poll(() => chatState(id)).toBe('active');
    return { page, id };
  };

  const ended = await openChat();
  await ended.page.getByRole('button', { name: 'End chat' }).click();
  await expect.poll(() => chatState(ended.id)).toBe('closed');
  await expect(ended.page.getByRole('button', { name: 'End chat' })).toBeHidden();

  const left = await openChat();
  await left.page.close({ runBeforeUnload: true });
  await expect.poll(() => chatState(left.id)).toBe('closed');
});
