// The agent's browser crashes mid-session (web edition, Chromium, our simulator): the app keeps the session,
// and the sidebar opened again shows the customer's page within seconds. The crashed agent page's held
// CometD connect must not keep the session's one agent seat until the connect's own timeout (30 s).
import { chromium, expect, test } from '@playwright/test';
import { chromiumArgs } from './playwright.config';
import { customerToken, useWebEditionWithDesk } from './test-support/sidebar';

const fx = useWebEditionWithDesk('browser-crash');
const AGENT_PAGE = 'iframe[title="Co-browse agent page"]';

test('a browser crashed mid-session: the sidebar opened again shows the customer within seconds', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const customer = await (await fx.context(browser)).newPage();
  const token = await customerToken(customer, fx.sim().url);
  const crashing = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: chromiumArgs,
  });
  try {
    const page = await crashing.newPage();
    await page.goto(fx.web().openUrl);
    const field = page.getByRole('textbox', { name: 'Session ID' });
    await field.fill(token);
    await field.press('Enter');
    await expect(page.frameLocator(AGENT_PAGE).getByRole('status')).toHaveText('Co-browsing', {
      timeout: 10_000,
    });
    // The whole browser dies at once: no pagehide, no exit, its connections simply drop.
    await (await crashing.newBrowserCDPSession()).send('Browser.crash').catch(() => undefined);
  } finally {
    await crashing.close().catch(() => undefined);
  }

  const again = await (await fx.context(browser)).newPage();
  await again.goto(fx.web().openUrl);
  await expect(again.getByRole('status', { name: 'Join progress' })).toHaveText(
    'Co-browsing with the customer.',
  );
  // The server lets the crashed page's seat go once its client expires (CometD's maxInterval, 10 s).
  await expect(again.frameLocator(AGENT_PAGE).getByRole('status')).toHaveText('Co-browsing', {
    timeout: 20_000,
  });
});
