// The web edition's "Notify me of co-browse requests" with the browser's Notification API in
// Chromium: the page never asks for the permission by itself, only from the agent's click; a blocked
// permission is said with what to do; none while the page is in front; with the sidebar's window minimised
// (not focused), a chat's request waiting while another session is live raises one, and clicking it puts the
// focus on the request's answer.
import { expect, test, type Page } from '@playwright/test';
import { customerToken, useWebEditionWithDesk } from './support/sidebar';

const fx = useWebEditionWithDesk('web-notifications-e2e');

type Seen = { title: string; body: string; tag: string };

// Observes the real API, it does not replace it: each notification the page raises is still the browser's
// own (constructed by the real Notification), and each permission ask goes to the browser. A string: this
// file is type-checked without the DOM library.
const observeNotifications = `{
  const Real = window.Notification;
  window.seenNotifications = [];
  window.permissionAsks = 0;
  window.Notification = class extends Real {
    constructor(title, options) {
      super(title, options);
      window.seenNotifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '', note: this });
    }
    static requestPermission(...args) {
      window.permissionAsks++;
      return Real.requestPermission(...args);
    }
  };
}`;

const seen = (page: Page) =>
  page.evaluate<Seen[]>('window.seenNotifications.map(({ title, body, tag }) => ({ title, body, tag }))');
const asks = (page: Page) => page.evaluate<number>('window.permissionAsks');

test('notifications: none in front, one while minimised, its click focuses the request', async ({
  browser,
}) => {
  const context = await fx.context(browser, { viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: observeNotifications });
  const page = await context.newPage();
  await page.goto(fx.web().openUrl);
  const origin = new URL(page.url()).origin;

  // The agent allowed them earlier (granted as the browser's prompt would): nothing to ask, no button.
  await context.grantPermissions(['notifications'], { origin });
  await page.reload();
  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel('Notify me of co-browse requests')).toBeChecked();
  await expect(
    page.getByText('When a chat asks to co-browse while this page is hidden or in the background.'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Allow notifications' })).toHaveCount(0);
  await page.getByText('Settings', { exact: true }).click();

  // In front: no notification for a request the agent sees arrive.
  const customer = await context.newPage();
  const ann = await fx.desk().openChat('Ann Front');
  await fx.desk().say(ann, 'customer', `{start:${await customerToken(customer, fx.sim().url)}}`);
  const card = (name: string) => page.getByTestId('interaction').filter({ hasText: name });
  await expect(card('Ann Front').getByTestId('cobrowsing-now')).toBeVisible({ timeout: 10_000 });
  expect(await seen(page)).toEqual([]);

  // The agent minimises the sidebar's window (the real window state, over CDP): the page loses focus.
  const cdp = await context.newCDPSession(page);
  // Playwright makes every headless page report focus; off, the page reads its real window's state.
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
  const { windowId } = await cdp.send('Browser.getWindowForTarget');
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'minimized' } });
  expect(await page.evaluate<boolean>('document.hasFocus()')).toBe(false);

  // A second chat asks while Ann's session is live: its request waits, and the agent is told.
  const ben = await fx.desk().openChat('Ben Background');
  await fx.desk().say(ben, 'customer', `{start:${await customerToken(customer, fx.sim().url)}}`);
  await expect
    .poll(() => seen(page))
    .toEqual([
      {
        title: 'Co-browse request waiting',
        body: 'Ben Background asked to co-browse while you are in another session. Click to answer.',
        tag: `request:${ben}`,
      },
    ]);

  // The agent clicks it in the system's notification list (played on the real Notification object: the
  // OS's own list is outside the browser): the page comes forward with the focus on the request's answer.
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'normal' } });
  await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true }); // in front again, as window.focus() does
  await page.evaluate(`window.seenNotifications[0].note.dispatchEvent(new Event('click'))`);
  const request = page.getByRole('group', { name: 'Co-browse request from Ben Background' });
  await expect(request.getByRole('button', { name: /^End current and join/ })).toBeFocused();
});

test('notifications: asked only from the agent click, a browser that blocks them is named with what to do', async ({
  browser,
}) => {
  // Not granted: Chromium answers an ask with "denied", as when the agent blocks the prompt.
  const blocked = async () => {
    const context = await fx.context(browser);
    await context.addInitScript({ content: observeNotifications });
    const page = await context.newPage();
    await page.goto(fx.web().openUrl);
    await page.getByText('Settings', { exact: true }).click();
    return page;
  };
  const words =
    /^Your browser blocks notifications from this page\. To get them, allow notifications for this site/;

  // On by default, but the page never asks by itself: the agent is offered the ask.
  const page = await blocked();
  await expect(page.getByLabel('Notify me of co-browse requests')).toBeChecked();
  expect(await asks(page)).toBe(0);
  await page.getByRole('button', { name: 'Allow notifications' }).click();
  await expect(page.getByTestId('notifications-blocked')).toHaveText(words);
  expect(await asks(page)).toBe(1);
  // Turned off, nothing more to say; on again, the same words (a browser does not ask twice).
  const setting = page.getByLabel('Notify me of co-browse requests');
  await setting.uncheck();
  await expect(page.getByTestId('notifications-blocked')).toHaveCount(0);
  await setting.check();
  await expect(page.getByTestId('notifications-blocked')).toHaveText(words);
  expect(await asks(page)).toBe(1);

  // The other gesture: the agent turns the setting on (it was off), which asks at once.
  const other = await blocked();
  await other.getByLabel('Notify me of co-browse requests').uncheck();
  expect(await asks(other)).toBe(0);
  await other.getByLabel('Notify me of co-browse requests').check();
  await expect(other.getByTestId('notifications-blocked')).toHaveText(words);
  expect(await asks(other)).toBe(1);
});
