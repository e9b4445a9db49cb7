// The customer closes their page mid-session (web edition, Chromium, our simulator): the Co-browse Server
// deactivates the session for the others when the customer's CometD client expires, and the sidebar says
// so within seconds, stops the clock and keeps a history entry with the time actually co-browsed.
import { expect, test } from '@playwright/test';
import en from '../renderer/src/i18n/messages/en.json' with { type: 'json' };
import { customerToken, useWebEditionWithDesk } from './test-support/sidebar';

const fx = useWebEditionWithDesk('customer-left');

test("the customer's page closed: the session ends within seconds, the clock stops, history keeps the truth", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const customer = await (await fx.context(browser)).newPage();
  const token = await customerToken(customer, fx.sim().url);
  const page = await (await fx.context(browser)).newPage();
  await page.goto(fx.web().openUrl);
  const field = page.getByRole('textbox', { name: 'Session ID' });
  await field.fill(token);
  await field.press('Enter');
  const status = page.getByRole('status', { name: 'Join progress' });
  await expect(status).toHaveText('Co-browsing with the customer.', { timeout: 10_000 });
  await expect(page.getByTestId('session-clock')).toBeVisible();

  const closedAt = Date.now();
  await customer.close();
  // The server notices the page gone when its CometD client expires (its maxInterval), then tells us.
  await expect(status).toHaveText(`Co-browse ended. ${en['endReason.customer-left']}`, { timeout: 25_000 });
  const seenAfter = Date.now() - closedAt;
  await expect(page.getByTestId('session-clock')).toHaveCount(0);

  // History: the session with how it ended and no more time than it lasted.
  const history = page.getByTestId('history');
  await history.locator('summary').click();
  const entry = history.getByTestId('history-entry').first();
  await expect(entry).toContainText(en['endReason.customer-left']);
  const [minutes, seconds] = (await entry.locator('td').nth(2).innerText()).split(':').map(Number);
  expect((minutes! * 60 + seconds!) * 1000).toBeLessThanOrEqual(seenAfter + 15_000);
});
