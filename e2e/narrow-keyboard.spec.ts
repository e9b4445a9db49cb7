// The sidebar as an agent with a 400×700 window, a keyboard and Arabic uses it (web edition, Chromium): a
// chat's session joins; status, clock, Exit and Stop on screen without scrolling; every ID laid out left to
// right inside the right-to-left text; a second chat's request read aloud, counted in the title and answered
// by keyboard, asking first and naming both sessions; Stop, Cancel, Escape and Exit never leave focus on the
// page; axe finds nothing. Screenshot: docs/sidebar-narrow-ar.png with UPDATE_SCREENSHOTS=1.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { groupDigits } from '../common/contract';
import ar from '../renderer/src/i18n/messages/ar.json' with { type: 'json' };
import { violations } from './test-support/axe';
import { customerToken, useWebEditionWithDesk } from './test-support/sidebar';

const fx = useWebEditionWithDesk('narrow-keyboard');
const words = ar as Record<string, string>;
const NARROW = { width: 400, height: 700 };
/** A name that starts with a message's words up to its session ID. */
const upToId = (message: string | undefined) => new RegExp(`^${message!.split('{id}')[0]}`);

test.beforeAll(async () => {
  await fx.web().core.dispatch('updateSettings', { language: 'ar' });
});

/** Presses Tab (Shift+Tab with `back`) until `target` has focus: how a keyboard user reaches it. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 40; i++) {
    // Page scripts are strings: this file is type-checked without the DOM library.
    if ((await target.and(page.locator(':focus')).count()) > 0) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate<string>(`document.activeElement?.outerHTML.slice(0, 120) ?? 'none'`);
  throw new Error(`Tab never reached ${String(target)}; focus is on ${at}`);
}

/** Focus is on a control, never fallen to the page. */
const focusKept = (page: Page) =>
  expect
    .poll(() => page.evaluate<string>(`document.activeElement?.tagName ?? 'none'`))
    .not.toMatch(/^(BODY|none)$/);

/**
 * Where `id`'s first and last digit groups are drawn in the text of the element `selector` finds: left to
 * right means the first group is left of the last one, as the customer reads the ID out.
 */
async function readsLeftToRight(page: Page, selector: string, id: string): Promise<boolean> {
  return page.evaluate<boolean>(`(() => {
    const grouped = ${JSON.stringify(id)};
    const walker = document.createTreeWalker(document.querySelector(${JSON.stringify(selector)}), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent.indexOf(grouped);
      if (at < 0) continue;
      const box = (from) => {
        const range = document.createRange();
        range.setStart(node, from);
        range.setEnd(node, from + 3);
        return range.getBoundingClientRect();
      };
      return box(at).left < box(at + grouped.length - 3).left;
    }
    throw new Error(grouped + ' is not in the text of ' + ${JSON.stringify(selector)});
  })()`);
}

test('400×700, keyboard only, Arabic: join, read the IDs, answer a second request, end, focus kept', async ({
  browser,
}) => {
  const customers = await fx.context(browser);
  const first = await customerToken(await customers.newPage(), fx.sim().url);
  const second = await customerToken(await customers.newPage(), fx.sim().url);
  const page = await (await fx.context(browser, { viewport: NARROW, locale: 'ar' })).newPage();
  await page.goto(fx.web().openUrl);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const baseTitle = await page.title();

  // Ann's chat asks to co-browse: the sidebar joins by itself.
  const ann = await fx.desk().openChat('Ann');
  await fx.desk().say(ann, 'customer', `{start:${first}}`);
  const status = page.getByRole('status', { name: words['join.progress'] });
  await expect(status).toHaveText(words['phase.active']!, { timeout: 10_000 });

  // In reach without scrolling: where the session stands, its clock, Exit and Stop.
  const exit = page.getByRole('button', { name: upToId(words['join.exitLabel']) });
  const stop = page.getByRole('button', { name: upToId(words['join.stopLabel']) });
  const clock = page.getByTestId('session-clock');
  for (const [name, el] of Object.entries({ status, clock, exit, stop }))
    await expect(el, `${name} on screen`).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('main', { name: words['agentSlot.label'] })).toBeInViewport();
  // The clock's digits and the hint's session ID read left to right in the Arabic sentence.
  const hint = page.getByTestId('join-hint');
  await expect(hint).toContainText(groupDigits(first));
  expect(await readsLeftToRight(page, '[data-testid="join-hint"]', groupDigits(first))).toBe(true);
  expect(await violations(page)).toEqual([]);
  const shot = process.env.UPDATE_SCREENSHOTS
    ? 'docs/sidebar-narrow-ar.png'
    : test.info().outputPath('sidebar-narrow-ar.png');
  await page.screenshot({ path: shot });

  // Bob's chat asks while Ann's session is live: read aloud, in the title, above the panels, on screen.
  const bob = await fx.desk().openChat('Bob');
  await fx.desk().say(bob, 'customer', `{start:${second}}`);
  const request = page.getByRole('group', { name: words['request.label']!.replace('{customer}', 'Bob') });
  await expect(request).toBeInViewport();
  await expect(page.getByTestId('request-news')).toContainText(groupDigits(second));
  await expect(page).not.toHaveTitle(baseTitle);
  await expect(page).toHaveTitle(new RegExp(`${baseTitle}$`));

  // Its answer by keyboard: it asks first, naming both sessions in the right order; Escape takes it back.
  const endAndJoin = request.getByRole('button', { name: upToId(words['request.endAndJoin']) });
  await tabTo(page, endAndJoin);
  await page.keyboard.press('Enter');
  const question = page.getByRole('group', { name: words['replace.label'] });
  await expect(question).toContainText(groupDigits(first));
  await expect(question).toContainText(groupDigits(second));
  expect(await readsLeftToRight(page, '.confirm p', groupDigits(first))).toBe(true);
  expect(await readsLeftToRight(page, '.confirm p', groupDigits(second))).toBe(true);
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(endAndJoin).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question.getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('iframe')).toHaveAttribute('src', new RegExp(`sid=${second}`), {
    timeout: 10_000,
  });
  await expect(status).toHaveText(words['phase.active']!, { timeout: 10_000 });
  await expect(request).toHaveCount(0);
  await expect(page).toHaveTitle(baseTitle);
  await focusKept(page);

  // Stop, then Cancel: focus back on Stop; Stop again and Escape: the same; then Yes ends it.
  await tabTo(page, stop, true);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: words['join.confirmLabel'] });
  expect(await readsLeftToRight(page, '.confirm p', groupDigits(second))).toBe(true);
  await tabTo(page, confirm.getByRole('button', { name: words['join.cancel'] }));
  await page.keyboard.press('Enter');
  await expect(stop).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(stop).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^انتهى/, { timeout: 10_000 });
  await focusKept(page);
  await expect(page.getByRole('textbox', { name: words['join.label'] })).toBeFocused();
  expect(await violations(page)).toEqual([]);
});

test('a pasted label is read, Escape dismisses the alert, and Exit leaves focus on the field', async ({
  browser,
}) => {
  const token = await customerToken(await (await fx.context(browser)).newPage(), fx.sim().url);
  const page = await (await fx.context(browser, { viewport: NARROW, locale: 'ar' })).newPage();
  await page.goto(fx.web().openUrl);
  const field = page.getByRole('textbox', { name: words['join.label'] });
  await expect(field).toBeFocused();

  // An ID nobody has: the alert by the field; Escape dismisses it, focus stays in the field.
  await page.keyboard.type('Session ID: 000-000-000');
  await page.keyboard.press('Enter');
  const alert = page.locator('[data-code="session-not-found"]');
  await expect(alert).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(alert).toHaveCount(0);
  await expect(field).toBeFocused();

  // The customer's ID pasted with its label: read as the nine digits, joined.
  await field.fill(`Session ID: ${token.slice(0, 3)}-${token.slice(3, 6)}-${token.slice(6)}`);
  await expect(page.getByTestId('join-hint')).toContainText(groupDigits(token));
  await page.keyboard.press('Enter');
  const status = page.getByRole('status', { name: words['join.progress'] });
  await expect(status).toHaveText(words['phase.active']!, { timeout: 10_000 });

  const exit = page.getByRole('button', { name: upToId(words['join.exitLabel']) });
  await tabTo(page, exit, true);
  await page.keyboard.press('Enter');
  await expect(status).toHaveText(/^انتهى/, { timeout: 10_000 });
  await expect(field).toBeFocused();
});
