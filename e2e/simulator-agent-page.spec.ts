// The simulator's agent page (slave.html) in Chromium: its hash parameters, against the demo customer page.
import { expect, test, type Browser, type BrowserContext, type ConsoleMessage } from '@playwright/test';
import { quietLogger } from '../main/core/log/logger';
import { GetSessionResponse, paths } from '../main/core/protocol';
import { startSimulator, type Simulator } from '../simulator/index';

let sim: Simulator;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  sim = await startSimulator({ port: 0, nodes: 2, logger: quietLogger() });
});
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});
test.afterAll(async () => {
  await sim?.stop();
});

/** A separate browser profile each: the customer and the agent are different people. */
async function context(browser: Browser): Promise<BrowserContext> {
  const c = await browser.newContext();
  contexts.push(c);
  return c;
}

const cobrowseLogs = (messages: ConsoleMessage[]) =>
  messages.filter((m) => m.text().startsWith('[cobrowse]'));

test('nosidinput=1 hides the session-ID field; without it the field is there', async ({ browser }) => {
  const page = await (await context(browser)).newPage();
  const messages: ConsoleMessage[] = [];
  page.on('console', (m) => messages.push(m));
  await page.goto(`${sim.url}${paths.agentPage}`);
  await expect(page.getByLabel('Session ID')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Not connected');

  await page.goto(`${sim.url}${paths.agentPage}#nosidinput=1`);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Exit session' })).toBeDisabled();
  await expect(page.getByLabel('Session ID')).toBeHidden();
  expect(cobrowseLogs(messages)).toEqual([]); // no debug=1, no logs
});

test('sid joins at once as agent, the customer sees it active, debug=1 logs, Exit session ends it', async ({
  browser,
}) => {
  const customer = await (await context(browser)).newPage();
  await customer.goto(`${sim.url}/cobrowse/demo/`);
  await customer.getByRole('button', { name: 'Start co-browse session' }).click();
  const shown = customer.locator('#token');
  await expect(shown).toHaveText(/^\d{3} \d{3} \d{3}$/); // large, grouped for reading aloud
  const token = await shown.getAttribute('data-token');
  expect(token).toBe((await shown.textContent())?.replace(/ /g, ''));
  await expect(customer.locator('#state')).toHaveText('Waiting for the agent');

  // As the controller would: learn the owner, then give the agent view the stickiness cookie.
  const got = await fetch(`${sim.url}${paths.restBase}/sessions/${token}`, { headers: { Origin: sim.url } });
  const { sessionServerName } = GetSessionResponse.parse(await got.json());
  const agentContext = await context(browser);
  await agentContext.addCookies([{ name: 'gcbSessionServer', value: sessionServerName, url: sim.url }]);
  const agent = await agentContext.newPage();
  const messages: ConsoleMessage[] = [];
  agent.on('console', (m) => messages.push(m));
  sim.balancer.clearLog();
  await agent.goto(`${sim.url}${paths.agentPage}#nosidinput=1&sid=${token}&debug=1`);

  await expect(agent.getByRole('status')).toHaveText('Co-browsing');
  await expect(agent.getByLabel('Session ID')).toBeHidden();
  await expect(agent.getByRole('listitem')).toHaveText(['Customer', 'Agent']);
  await expect(customer.locator('#state')).toHaveText('An agent is viewing this page');
  expect(cobrowseLogs(messages).length).toBeGreaterThan(0);
  // The token is masked in the console, and every request of the agent page reached the owner.
  expect(messages.some((m) => m.text().includes(token ?? '?'))).toBe(false);
  const agentRequests = sim.balancer.log.filter((e) =>
    e.cookie.includes(`gcbSessionServer=${sessionServerName}`),
  );
  expect(agentRequests.length).toBeGreaterThan(0);
  expect(agentRequests.every((e) => e.routedTo === sessionServerName)).toBe(true);

  await agent.getByRole('button', { name: 'Exit session' }).click();
  await expect(agent.getByRole('status')).toHaveText('Session ended: the agent left');
  await expect(customer.locator('#state')).toHaveText('Session ended: the agent left');
  await expect(agent.getByRole('button', { name: 'Exit session' })).toBeDisabled();
});

test('a reloaded agent view joins again: the closed one lets go of the agent seat', async ({ browser }) => {
  const customer = await (await context(browser)).newPage();
  await customer.goto(`${sim.url}/cobrowse/demo/`);
  await customer.getByRole('button', { name: 'Start co-browse session' }).click();
  const token = await customer.locator('#token').getAttribute('data-token');
  const got = await fetch(`${sim.url}${paths.restBase}/sessions/${token}`, { headers: { Origin: sim.url } });
  const { sessionServerName } = GetSessionResponse.parse(await got.json());
  const agentContext = await context(browser);
  await agentContext.addCookies([{ name: 'gcbSessionServer', value: sessionServerName, url: sim.url }]);
  const agent = await agentContext.newPage();
  await agent.goto(`${sim.url}${paths.agentPage}#nosidinput=1&sid=${token}`);
  await expect(agent.getByRole('status')).toHaveText('Co-browsing');

  await agent.reload();
  await expect(agent.getByRole('status')).toHaveText('Co-browsing', { timeout: 15_000 });
  await expect(agent.getByRole('listitem')).toHaveText(['Customer', 'Agent']);
  await expect(customer.locator('#state')).toHaveText('An agent is viewing this page');
});
