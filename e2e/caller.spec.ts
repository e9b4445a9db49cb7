// A call's caller in the sidebar: the name on the card with the number beside it while the agent has the call,
// and in History the number masked to its last 4 digits (the history outlives the call). The call comes from
// a softphone over the local integration API, which passes a source's `caller` on as the Workspace source does.
import { expect, test } from '@playwright/test';
import type { SourceEvent } from '../common/source-events';
import { loadOrCreateToken } from '../main/core/sources/local-api/token-file';
import { customerToken, useWebEditionWithDesk } from './support/sidebar';

const env = useWebEditionWithDesk('caller-e2e');

test("a call names its caller; History keeps the caller's number masked", async ({ browser }) => {
  const page = await (await env.context(browser)).newPage();
  await page.goto(env.web().openUrl);
  const api = env.web().localApi;
  const key = await loadOrCreateToken(api.tokenFile);
  const report = async (event: SourceEvent) => {
    const res = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${key}`,
        'X-Cobrowse-App': 'softphone',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(event),
    });
    expect(res.status, await res.text()).toBe(202);
  };

  await report({
    type: 'interaction-added',
    interactionId: 'call-0001',
    media: 'voice',
    customerName: 'Ann Lee',
    caller: '+1 555 0123',
  });
  const card = page.getByTestId('interaction').filter({ hasText: 'Ann Lee' });
  await expect(card.locator('.caller')).toHaveText('+1 555 0123');

  const token = await customerToken(await (await env.context(browser)).newPage(), env.sim().url);
  await report({ type: 'join-requested', token, interactionId: 'call-0001' });
  await expect(card.getByTestId('cobrowsing-now')).toBeVisible({ timeout: 10_000 });
  await report({ type: 'interaction-closed', interactionId: 'call-0001', endedOrTransferred: true });

  await expect(card).toContainText('closed');
  // History is read from main's disk on each load: a fresh one shows the settled session.
  await page.reload();
  const history = page.getByTestId('history');
  await history.getByText('1 co-browse session today').click();
  const entry = history.getByTestId('history-entry');
  await expect(entry).toContainText('Ann Lee');
  await expect(entry.locator('.caller')).toHaveText('+* *** 0123');
  await expect(entry).not.toContainText('555');
});
