// The web edition as a page, in Chromium: the run's link serves the sidebar at once (no redirect) and the
// key leaves the address bar; text comes compressed; a favicon; and no Content Security Policy violation
// while the sidebar loads, connects and opens Settings (the schemas' chunk included).
import { expect, test } from '@playwright/test';
import { useWebEditionWithDesk } from './test-support/sidebar';

const fx = useWebEditionWithDesk('web-page');

test('the link opens the page itself, compressed, with a favicon and no CSP violation', async ({
  browser,
}) => {
  const page = await (await fx.context(browser)).newPage();
  // Recorded from the first script on: the page's CSP reports each violation as this event.
  await page.addInitScript({
    content: `window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));`,
  });
  const encodings: Record<string, string> = {};
  page.on('response', (r) => {
    const url = new URL(r.url());
    encodings[url.pathname] = r.headers()['content-encoding'] ?? 'none';
  });

  const response = await page.goto(fx.web().openUrl);
  expect(response!.status()).toBe(200);
  expect(response!.request().redirectedFrom()).toBeNull();
  await expect(page.getByRole('status', { name: 'Join progress' })).toBeVisible();
  await expect.poll(() => new URL(page.url()).hash).toBe('');

  await page.getByText('Settings', { exact: true }).click();
  await expect(page.getByLabel('Language')).toBeVisible();
  expect(await page.evaluate<string[]>('window.cspViolations')).toEqual([]);

  const scripts = Object.entries(encodings).filter(([path]) => path.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter(([, encoding]) => encoding !== 'br')).toEqual([]);
  expect(encodings['/']).toBe('br');

  const icon = await page.request.get(new URL('/favicon.svg', fx.web().url).href);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');
});
