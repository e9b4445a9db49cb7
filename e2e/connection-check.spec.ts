// The connection check from Settings in the web edition against the simulator: each step on its own line with
// its verdict, the outcome announced once, the report copied and saved as text.
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { useWebEditionWithDesk } from './test-support/sidebar';

const fx = useWebEditionWithDesk('connection-check-e2e');

test('Check connection lists each step with its verdict, announces the outcome, copies and saves the report', async ({
  browser,
}) => {
  const context = await fx.context(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fx.web().url });
  const page = await context.newPage();
  await page.goto(fx.web().openUrl);
  await page.getByText('Settings', { exact: true }).click();
  const run = page.getByRole('button', { name: 'Check connection' });
  await run.focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Connection check done' })).toHaveText(
    'Connection check done: every step passed.',
  );
  const steps = page.getByRole('list', { name: 'Connection check steps' }).getByRole('listitem');
  for (const step of ['name resolution', 'proxy', 'TLS certificate', 'get-session with the Origin'])
    await expect(steps.filter({ hasText: `${step}: ` })).toHaveCount(1);
  await expect(steps.filter({ hasText: 'CometD handshake (WebSocket): ' })).toContainText('passed');
  await expect(steps.filter({ hasText: 'failed' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Copy report' }).click();
  await expect(page.getByText('Report copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toMatch(/VERDICT: every step passed/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save report' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^connection-check-\d{4}-\d{2}-\d{2}\.txt$/);
  expect(await readFile((await download.path())!, 'utf8')).toMatch(/^PASS {2}get-session with the Origin: /m);
});
