// The simulator's agent page (slave.html) in Chromium: its hash parameters, against the demo customer page.
import { expect, test, type Browser, type ConsoleMessage } from '@playwright/test';
import { paths } from '../common/protocol';
import { useSimulatorPages } from './test-support/simulator-pages';

const fx = useSimulatorPages();
const context = (browser: Browser) => fx.context(browser);

const cobrowseLogs = (messages: ConsoleMessage[]) =>
  messages.filter((m) => m.text().startsWith('[cobrowse]'));

test('nosidinput=1 hides the session-ID field; without it the field is there', async ({ browser }) => {
  const page = await (await context(browser)).newPage();
  const messages: ConsoleMessage[] = [];
  page.on('console', (m) => messages.push(m));
  await page.goto(`${fx.sim.url}${paths.agentPage}`);
  await expect(page.getByLabel('Session ID')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('Not connected');

  await page.goto(`${fx.sim.url}${paths.agentPage}#nosidinput=1`);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Exit session' })).toBeDisabled();
  await expect(page.getByLabel('Session ID')).toBeHidden();
  expect(cobrowseLogs(messages)).toEqual([]); // no debug=1, no logs
});

test('sid joins at once as agent, the customer sees it active, debug=1 logs, Exit session ends it', async ({
  browser,
}) => {
  const { customer, token } = await fx.customerSession(browser);
  const shown = customer.locator('#token');
  await expect(shown).toHaveText(/^\d{3} \d{3} \d{3}$/); // large, grouped for reading aloud
  expect(token).toBe((await shown.textContent())?.replace(/ /g, ''));
  await expect(customer.locator('#state')).toHaveText('Waiting for the agent');

  // As the controller would: learn the owner, then give the agent view the stickiness cookie.
  const { context: agentContext, sessionServerName } = await fx.agentContext(browser, token);
  const agent = await agentContext.newPage();
  const messages: ConsoleMessage[] = [];
  agent.on('console', (m) => messages.push(m));
  fx.sim.balancer.clearLog();
  await agent.goto(`${fx.sim.url}${paths.agentPage}#nosidinput=1&sid=${token}&debug=1`);

  await expect(agent.getByRole('status')).toHaveText('Co-browsing');
  await expect(agent.getByLabel('Session ID')).toBeHidden();
  await expect(agent.getByRole('listitem')).toHaveText(['Customer', 'Agent']);
  await expect(customer.locator('#state')).toHaveText('An agent is viewing this page');
  expect(cobrowseLogs(messages).length).toBeGreaterThan(0);
  // The token is masked in the console, and every request of the agent page reached the owner.
  expect(messages.some((m) => m.text().includes(token ?? '?'))).toBe(false);
  const agentRequests = fx.sim.balancer.log.filter((e) =>
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
  const { customer, token } = await fx.customerSession(browser);
  const { context: agentContext } = await fx.agentContext(browser, token);
  const agent = await agentContext.newPage();
  await agent.goto(`${fx.sim.url}${paths.agentPage}#nosidinput=1&sid=${token}`);
  await expect(agent.getByRole('status')).toHaveText('Co-browsing');

  await agent.reload();
  await expect(agent.getByRole('status')).toHaveText('Co-browsing', { timeout: 15_000 });
  await expect(agent.getByRole('listitem')).toHaveText(['Customer', 'Agent']);
  await expect(customer.locator('#state')).toHaveText('An agent is viewing this page');
});
