// The sidebar in the real desktop host (Playwright `_electron`): the window, the agent WebContentsView at
// the bounds the sidebar reports (and again after a resize), the navigation guards, IPC refused to any
// page but the sidebar's own main frame, no frame in the sidebar, and a deep link joining. Runs where the Electron binary exists
// (the desktop CI runners, after `electron-vite build`); skipped here with the reason.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../../common/logger';
import { CreateSessionResponse, paths } from '../../common/protocol';
import { electronPath, electronSkipReason } from './electron-binary';
import { startSimulator, type Simulator } from '../../simulator/index';

test.skip(electronSkipReason !== null, electronSkipReason ?? '');

let sim: Simulator;
let app: ElectronApplication | undefined;
let userData: string;

test.beforeAll(async () => {
  if (!existsSync('out/main/index.js') || !existsSync('out/renderer/index.html'))
    throw new Error('the desktop app is not built: run `npx electron-vite build` first');
  sim = await startSimulator({ port: 0, nodes: 2, logger: quietLogger() });
});
test.beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'sidebar-electron-'));
});
test.afterEach(async () => {
  await app?.close();
  app = undefined;
  await rm(userData, { recursive: true, force: true });
});
test.afterAll(async () => {
  await sim?.stop();
});

async function launch(...extra: string[]): Promise<{ app: ElectronApplication; page: Page }> {
  app = await electron.launch({
    executablePath: electronPath(),
    args: ['.', `--user-data-dir=${userData}`, '--service-url', sim.url, ...extra],
    env: { ...(process.env as Record<string, string>), COBROWSE_NO_SINGLE_INSTANCE: '1' },
  });
  const page = await app.firstWindow();
  await expect(page.getByRole('status', { name: 'Join progress' })).toBeVisible();
  return { app, page };
}

/** A session as the customer's page would create it (the agent view needs a live one to join). */
async function newSessionToken(): Promise<string> {
  const res = await fetch(`${sim.url}${paths.restBase}/sessions`, {
    method: 'POST',
    headers: { Origin: sim.url },
  });
  return CreateSessionResponse.parse(await res.json()).sessionToken;
}

/** The agent WebContentsView's bounds, or null when the window has none. */
const agentViewBounds = (a: ElectronApplication) =>
  a.evaluate(({ BrowserWindow }) => {
    const [view] = BrowserWindow.getAllWindows()[0]!.contentView.children;
    return view ? view.getBounds() : null;
  });

test('the sidebar window: narrow and tall, sandboxed, the contract as window.cobrowse and nothing else', async () => {
  const { app, page } = await launch();
  const size = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.getBounds());
  expect(size.width).toBeLessThan(size.height);
  expect(await page.title()).toBe('Cobrowse Agent Shell');
  await expect(page.getByRole('textbox', { name: 'Session ID' })).toBeFocused();
  expect(await page.evaluate('[window.cobrowse.host, typeof window.process, typeof window.require]')).toEqual(
    ['desktop', 'undefined', 'undefined'],
  );
});

test('join: the agent view sits exactly on the slot, follows a resize, and goes when the session ends', async () => {
  const { app, page } = await launch();
  await page.getByRole('textbox', { name: 'Session ID' }).fill(await newSessionToken());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Join progress' })).toHaveText(
    'Co-browsing with the customer.',
    {
      timeout: 15_000,
    },
  );
  const slot = page.getByTestId('agent-view-slot');
  const rounded = async () => {
    const box = (await slot.boundingBox())!;
    return {
      x: Math.round(box.x),
      y: Math.round(box.y),
      width: Math.round(box.width),
      height: Math.round(box.height),
    };
  };
  await expect.poll(() => agentViewBounds(app)).toEqual(await rounded());

  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setSize(1200, 800));
  await expect.poll(async () => (await rounded()).width).toBeGreaterThan(600); // the wide layout
  await expect.poll(() => agentViewBounds(app)).toEqual(await rounded());

  // Stop asks first (it ends co-browse for the customer); the confirmation takes the focus.
  await page.getByRole('button', { name: /^Stop session/ }).click();
  await expect(page.getByRole('button', { name: /^Yes, end session/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Join progress' })).toHaveText(/^Co-browse ended\./);
  await expect.poll(() => agentViewBounds(app)).toBeNull();
});

test('navigation guards: the sidebar never leaves its page, the agent view never leaves the co-browse origin', async () => {
  const { app, page } = await launch();
  const sidebarUrl = page.url();
  await page.evaluate(`location.href = 'https://example.com/'`).catch(() => undefined);
  await page.waitForTimeout(500);
  expect(page.url()).toBe(sidebarUrl);

  await page.getByRole('textbox', { name: 'Session ID' }).fill(await newSessionToken());
  await page.keyboard.press('Enter');
  await expect.poll(() => agentViewBounds(app), { timeout: 15_000 }).not.toBeNull();
  const agentUrl = () =>
    app.evaluate(({ BrowserWindow }) => {
      const [view] = BrowserWindow.getAllWindows()[0]!.contentView.children;
      return (view as Electron.WebContentsView | undefined)?.webContents.getURL() ?? '';
    });
  await expect.poll(agentUrl).toContain('/cobrowse/slave.html');
  await app.evaluate(async ({ BrowserWindow }) => {
    const [view] = BrowserWindow.getAllWindows()[0]!.contentView.children;
    await (view as Electron.WebContentsView).webContents.executeJavaScript(
      `location.href = 'https://example.com/'`,
    );
  });
  await page.waitForTimeout(500);
  expect(new URL(await agentUrl()).origin).toBe(new URL(sim.url).origin);
});

test('IPC: a second window with the same preload and page is refused; the sidebar frames no page at all', async () => {
  const { app, page } = await launch();
  // The strongest foreign sender there is: the sidebar's own page and preload, in another webContents.
  const reply = await app.evaluate(async ({ app: electronApp, BrowserWindow }, url) => {
    const win = new BrowserWindow({
      show: false,
      webPreferences: {
        preload: `${electronApp.getAppPath()}/out/preload/index.cjs`,
        sandbox: true,
        contextIsolation: true,
      },
    });
    await win.loadURL(url);
    const answer: unknown = await win.webContents.executeJavaScript(`window.cobrowse.invoke('ready', {})`);
    win.destroy();
    return answer;
  }, page.url());
  expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  // No frame can reach the API because none loads: the sidebar's CSP says frame-src 'none' (a frame would
  // get an error page, so checking `window.cobrowse` inside it would prove nothing).
  const src = `${sim.url}/cobrowse/demo/`;
  const violation = await page.evaluate(
    `new Promise((done) => {
      document.addEventListener('securitypolicyviolation', (e) => done(e.effectiveDirective + ' ' + e.blockedURI), { once: true });
      const f = document.createElement('iframe'); f.src = ${JSON.stringify(src)}; document.body.append(f);
    })`,
  );
  expect(violation).toMatch(/^frame-src /);
  expect(String(violation)).toContain(new URL(sim.url).host);
  await page.waitForTimeout(500);
  expect(page.frames().filter((f) => f.url().startsWith(sim.url))).toEqual([]);
});

test('a deep link on the command line joins that session', async () => {
  const token = await newSessionToken();
  const { app, page } = await launch(`cobrowse-agent://join?sid=${token}`);
  await expect(page.getByRole('status', { name: 'Join progress' })).toHaveText(
    'Co-browsing with the customer.',
    {
      timeout: 15_000,
    },
  );
  await expect.poll(() => agentViewBounds(app)).not.toBeNull();
});
