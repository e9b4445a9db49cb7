// The sidebar in the agent's language, in Chromium against the web edition: German from the browser's
// language (idle, settings, a refused save), then Arabic chosen in Settings without a reload (right to left,
// the Session ID field and URLs still left to right), and co-browsing in Arabic with the agent page beside
// the mirrored sidebar. axe-core finds nothing in either language. Screenshots: docs/sidebar-de.png and
// docs/sidebar-ar.png with UPDATE_SCREENSHOTS=1. An administrator's lock on the language holds in the page.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../common/logger';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { violations } from './support/axe';
import { useSimulatorPages } from './support/simulator-pages';
import { requireBuiltSidebar, stopSession } from './support/sidebar';

const fx = useSimulatorPages();
let web: WebEdition;
let dataDir: string;

test.beforeAll(async () => {
  requireBuiltSidebar();
  dataDir = await mkdtemp(join(tmpdir(), 'languages-'));
  web = await startWebEdition({ serviceUrl: fx.sim.url, dataDir, localApiPort: 0, log: quietLogger() });
});
test.afterEach(async () => {
  // Each test starts from the browser's language.
  await web.core.dispatch('updateSettings', { language: 'system' });
});
test.afterAll(async () => {
  await web?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Tall enough for the whole sidebar with Settings open, so its screenshot shows every panel. */
async function sidebar(browser: Browser, locale: string, viewport = { width: 1280, height: 1400 }) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  await page.goto(web.openUrl);
  return page;
}

// The README's pictures are refreshed on request only, so a test run leaves the tree clean.
const shot = (page: Page, name: string) =>
  page
    .getByRole('complementary')
    .screenshot({ path: process.env.UPDATE_SCREENSHOTS ? `docs/${name}` : test.info().outputPath(name) });

test('German from the browser, then Arabic from Settings without a reload: words, direction, axe', async ({
  browser,
}) => {
  const page = await sidebar(browser, 'de-DE');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('lang', 'de');
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('complementary', { name: 'Co-Browse-Seitenleiste' })).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText(
    /^Co-Browse-Server: bereit — verbindet sich, wenn eine Sitzung beginnt/,
  );
  await expect(page.getByTestId('source')).toContainText('Softphone-Verbindung:');
  expect(await violations(page)).toEqual([]);

  await page.getByText('Einstellungen', { exact: true }).click();
  const language = page.getByLabel('Sprache');
  await expect(language).toHaveValue('system');
  await expect(language.locator('option[value="system"]')).toHaveText('Wie das System (Deutsch)');
  expect(await violations(page)).toEqual([]);

  // A save main refuses (the service URL comes from the command line here): its words, English until the
  // contract carries codes, are marked as English for screen readers.
  await page.getByText('Erweitert', { exact: true }).click();
  const serviceUrl = page.getByLabel('Dienst-URL');
  const configured = await serviceUrl.inputValue();
  await serviceUrl.fill('https://other.example.com');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveAttribute('data-code', 'set-on-command-line');
  await expect(page.locator('[lang="en"]').filter({ has: alert })).toHaveCount(1);
  expect(await violations(page)).toEqual([]);
  await shot(page, 'sidebar-de.png');
  await alert.getByRole('button').click();
  await serviceUrl.fill(configured);

  // Arabic: saved, shown at once by the same page (a reload would lose the marker).
  await page.evaluate('window.samePage = true');
  await language.selectOption('ar');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(html).toHaveAttribute('dir', 'rtl');
  expect(await page.evaluate('window.samePage')).toBe(true);
  await expect(page.getByText('الإعدادات', { exact: true })).toBeVisible();
  await expect(page.getByLabel('عنوان URL للخدمة')).toBeVisible();
  await expect(page.getByTestId('connection')).toHaveText(/^خادم التصفح المشترك: جاهز — يتصل عند بدء جلسة/);
  await expect(page.getByText('تم حفظ الإعدادات.')).toBeVisible();
  // Mirrored: the sidebar hugs the right edge; what is read left to right stays so.
  const box = (await page.getByRole('complementary').boundingBox())!;
  expect(box.x + box.width).toBeGreaterThan(1280 - 20);
  expect(box.x).toBeGreaterThan(640);
  for (const field of [
    page.getByRole('textbox', { name: 'Session ID' }),
    page.getByLabel('عنوان URL للخدمة'),
  ])
    await expect(field).toHaveCSS('direction', 'ltr');
  expect(await violations(page)).toEqual([]);
  await shot(page, 'sidebar-ar.png');
  await page.context().close();
});

test('co-browsing in Arabic: the agent page beside the mirrored sidebar, axe finds nothing, Stop ends it', async ({
  browser,
}) => {
  await web.core.dispatch('updateSettings', { language: 'ar' });
  const { token } = await fx.customerSession(browser);
  const page = await sidebar(browser, 'en-US', { width: 1280, height: 800 });
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const field = page.getByRole('textbox', { name: 'Session ID' });
  await field.fill(token);
  await field.press('Enter');
  const agentPage = page.getByRole('main', { name: 'صفحة الموظف' });
  await expect(
    page.frameLocator('iframe[title="صفحة الموظف للتصفح المشترك"]').getByRole('status'),
  ).toHaveText('Co-browsing', { timeout: 10_000 });
  // The agent page takes the left, the sidebar the right, the border between them on the agent page's start.
  const slot = (await agentPage.boundingBox())!;
  const aside = (await page.getByRole('complementary').boundingBox())!;
  expect(slot.x + slot.width).toBeLessThanOrEqual(aside.x + 1);
  await expect(agentPage).toHaveCSS('border-right-width', '1px');
  await expect(agentPage).toHaveCSS('border-left-width', '0px');
  await expect(page.getByTestId('connection')).toHaveText('خادم التصفح المشترك: متصل');
  expect(await violations(page)).toEqual([]);
  await stopSession(page);
  await expect(page.locator('iframe')).toHaveCount(0);
  await page.context().close();
});

test('a language locked by the administrator: shown in it whatever the browser, the choice disabled and said why', async ({
  browser,
}) => {
  const lockedDir = await mkdtemp(join(tmpdir(), 'languages-locked-'));
  await writeFile(
    join(lockedDir, 'managed-settings.json'),
    JSON.stringify({ language: 'fr', locked: ['language'] }),
  );
  const locked = await startWebEdition({
    serviceUrl: fx.sim.url,
    dataDir: lockedDir,
    localApiPort: 0,
    log: quietLogger(),
  });
  try {
    const context = await browser.newContext({ locale: 'de-DE' });
    const page = await context.newPage();
    await page.goto(locked.openUrl);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByText('Paramètres', { exact: true }).click();
    const language = page.getByLabel('Langue');
    await expect(language).toBeDisabled();
    await expect(language).toHaveValue('fr');
    await expect(language).toHaveAccessibleDescription('Verrouillé par votre administrateur.');
    expect(await violations(page)).toEqual([]);
    await context.close();
  } finally {
    await locked.close();
    await rm(lockedDir, { recursive: true, force: true });
  }
});
