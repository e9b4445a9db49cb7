// The live mirror in Chromium: the demo customer page records itself with rrweb, the agent page
// (slave.html) replays it. Customer and agent are separate browser profiles, as in real life.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { paths } from '../common/protocol';
import { useSimulatorPages } from './test-support/simulator-pages';

const fx = useSimulatorPages({ width: 1100, height: 760 });

/** Every CometD body a page sends and receives, to look for what must never travel. */
function wiretap(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(paths.cometd)) seen.push(r.postData() ?? '');
  });
  page.on('response', async (r) => {
    if (r.url().includes(paths.cometd)) seen.push(await r.text().catch(() => ''));
  });
  return seen;
}

/** The customer starts a session; the agent page joins it with the owner's stickiness cookie. */
async function cobrowse(browser: Browser) {
  let customerWire: string[] = [];
  const { customer, token } = await fx.customerSession(browser, (page) => (customerWire = wiretap(page)));
  const { context: agentContext } = await fx.agentContext(browser, token);
  const agent = await agentContext.newPage();
  const agentWire = wiretap(agent);
  await agent.goto(`${fx.sim.url}${paths.agentPage}#nosidinput=1&sid=${token}`);
  await expect(agent.getByRole('status')).toHaveText('Co-browsing');
  const mirror = agent.frameLocator('#mirror-stage iframe');
  return { customer, agent, agentContext, mirror, customerWire, agentWire };
}

test('after the join the agent sees the customer page, sandboxed and viewport-sized; typing follows within 1 s', async ({
  browser,
}) => {
  const { customer, agent, mirror } = await cobrowse(browser);
  await expect(mirror.getByRole('heading', { name: 'Demo shop' })).toBeVisible();
  const iframe = agent.locator('#mirror-stage iframe');
  await expect(iframe).toHaveAttribute('sandbox', 'allow-same-origin');
  await expect(iframe).toHaveAttribute('width', '1100');
  await expect(iframe).toHaveAttribute('height', '760');
  // Scaled to fit the agent's stage by default; actual size on the agent's choice.
  const scale = Number(await agent.locator('.mirror-frame').getAttribute('data-scale'));
  expect(scale).toBeGreaterThan(0.2);
  expect(scale).toBeLessThan(1);
  await agent.getByLabel('Page size').selectOption('actual');
  await expect(agent.locator('.mirror-frame')).toHaveAttribute('data-scale', '1.000');

  // The customer changes page and types; the agent follows.
  await customer.getByRole('link', { name: 'Checkout' }).click();
  await expect(mirror.getByRole('heading', { name: 'Your order' })).toBeVisible();
  await customer.getByLabel('Delivery address').fill('12 Harbour Street');
  await expect(mirror.getByLabel('Delivery address')).toHaveValue('12 Harbour Street', { timeout: 1000 });
  await customer.getByLabel('Delivery address').fill('12 Harbour Street, Flat 3');
  await expect(mirror.getByLabel('Delivery address')).toHaveValue('12 Harbour Street, Flat 3', {
    timeout: 1000,
  });
});

test('masked values never reach the agent: not on the wire, not in the mirrored DOM', async ({ browser }) => {
  const { customer, mirror, customerWire, agentWire } = await cobrowse(browser);
  await expect(mirror.getByRole('heading', { name: 'Demo shop' })).toBeVisible();
  const card = '4111222233334444';
  const password = 'hunter2-secret';
  const iban = 'DE89 3704 0044 0532 0130 00';

  await customer.getByRole('link', { name: 'Checkout' }).click();
  await customer.getByLabel('Card number').fill(card);
  await customer.getByLabel('Account password').fill(password);
  await customer.getByLabel('Full name').fill('Alex Visible');
  await expect(mirror.getByLabel('Full name')).toHaveValue('Alex Visible');
  await expect(mirror.getByLabel('Card number')).toHaveValue('••••••');
  await expect(mirror.getByLabel('Account password')).toHaveValue('••••••');
  await customer.getByRole('link', { name: 'Your account' }).click();
  await expect(mirror.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(customer.locator('#iban')).toHaveText(iban);
  await expect(mirror.locator('#iban')).not.toHaveText(/\d/);

  const mirrored = await mirror.locator('html').innerHTML();
  // The tap works: what is not masked did travel both ways.
  expect(customerWire.join('\n')).toContain('Alex Visible');
  expect(agentWire.join('\n')).toContain('Alex Visible');
  for (const secret of [card, password, iban, iban.replace(/ /g, '')]) {
    expect(customerWire.join('\n')).not.toContain(secret);
    expect(agentWire.join('\n')).not.toContain(secret);
    expect(mirrored).not.toContain(secret);
  }
});

test('pointer mode shows the agent on the customer page; write mode only after the customer allows it', async ({
  browser,
}) => {
  const { customer, agent, mirror } = await cobrowse(browser);
  await customer.getByRole('link', { name: 'Checkout' }).click();
  await expect(mirror.getByRole('heading', { name: 'Your order' })).toBeVisible();
  await expect(agent.locator('#mirror-mode')).toContainText('Pointer mode');

  // Pointer mode: the agent's typing is not forwarded; the agent's pointer appears on the customer's page.
  await mirror.getByLabel('Full name').fill('typed too early');
  await customer.waitForTimeout(300);
  await expect(customer.getByLabel('Full name')).toHaveValue('');
  const iframeBox = await agent.locator('#mirror-stage iframe').boundingBox();
  await agent.mouse.move((iframeBox?.x ?? 0) + 50, (iframeBox?.y ?? 0) + 60);
  await agent.mouse.click((iframeBox?.x ?? 0) + 80, (iframeBox?.y ?? 0) + 90);
  await expect(customer.locator('html > div[style*="2147483647"]')).toHaveCount(1);

  // Request → the customer allows → the agent types and clicks, forwarded to the customer's page.
  await agent.getByRole('button', { name: 'Ask to type and click' }).click();
  await expect(customer.locator('#consent-text')).toHaveText(
    'Your agent asks to type and click on this page for you.',
  );
  await expect(agent.locator('#mirror-mode')).toContainText('Waiting for the customer');
  await customer.getByRole('button', { name: 'Allow' }).click();
  await expect(agent.locator('#mirror-mode')).toContainText('allowed you to type and click');

  await mirror.getByLabel('Full name').fill('Typed by the agent');
  await expect(customer.getByLabel('Full name')).toHaveValue('Typed by the agent');
  await mirror.getByLabel('Send me offers').click();
  await expect(customer.getByLabel('Send me offers')).toBeChecked();
  await expect(mirror.getByLabel('Send me offers')).toBeChecked();
  // Submit stays the customer's: disabled in the mirror, and the form is not sent.
  await expect(mirror.getByRole('button', { name: 'Place order' })).toBeDisabled();
  await expect(customer.getByRole('button', { name: 'Place order' })).toBeEnabled();
  await expect(customer.locator('#order-result')).toBeHidden();

  // The customer takes it back: typing stops reaching the page.
  await customer.getByRole('button', { name: 'Stop agent control' }).click();
  await expect(agent.locator('#mirror-mode')).toContainText('Pointer mode');
  await expect(mirror.getByLabel('Full name')).toBeVisible();
  await agent.keyboard.type(' more');
  await expect(customer.getByLabel('Full name')).toHaveValue('Typed by the agent');
});

test('write mode: fast typing arrives whole and in order; masked fields are locked in the mirror', async ({
  browser,
}) => {
  const { customer, agent, mirror } = await cobrowse(browser);
  await customer.getByRole('link', { name: 'Checkout' }).click();
  await agent.getByRole('button', { name: 'Ask to type and click' }).click();
  await customer.getByRole('button', { name: 'Allow' }).click();
  await expect(agent.locator('#mirror-mode')).toContainText('allowed you to type and click');

  // 40 characters, 10 ms apart: faster than the round trip, so the customer's echo of an older value
  // arrives while the agent is still typing.
  const text = '221B Baker Street, London NW1 6XE, UK 42';
  await mirror.getByLabel('Delivery address').pressSequentially(text, { delay: 10 });
  await expect(customer.getByLabel('Delivery address')).toHaveValue(text);
  await expect(mirror.getByLabel('Delivery address')).toHaveValue(text);

  // A masked field is visibly the customer's in the mirror and takes no typing there.
  const card = mirror.getByLabel(/Card number/);
  await expect(card).toHaveAttribute('readonly', '');
  await expect(card).toHaveAttribute('placeholder', 'hidden from you');
  await card.pressSequentially('4111', { delay: 10 });
  await expect(card).toHaveValue('');
  await expect(customer.getByLabel(/Card number/)).toHaveValue('');
});

test('a reconnecting agent resyncs to the current page', async ({ browser }) => {
  const { customer, agent, agentContext, mirror } = await cobrowse(browser);
  await expect(mirror.getByRole('heading', { name: 'Demo shop' })).toBeVisible();
  await agentContext.setOffline(true);
  await customer.getByRole('link', { name: 'Checkout' }).click();
  await customer.getByLabel('Delivery address').fill('typed while the agent was away');
  // The agent page noticed it is offline: it reconnects, rather than having missed nothing.
  await expect(agent.getByText('Connection to the co-browse server lost; retrying…')).toBeVisible({
    timeout: 10_000,
  });
  await agentContext.setOffline(false);
  await expect(mirror.getByLabel('Delivery address')).toHaveValue('typed while the agent was away', {
    timeout: 10_000,
  });
});
