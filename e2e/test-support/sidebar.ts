// What every spec (and bench) that drives the web edition's sidebar needs: the built sidebar, Stop as the
// agent does it (Stop ends co-browse for the customer too, so it asks first, naming the session), a
// customer's session on the demo page, and a web edition with the demo's chat desk for a spec file; Stop in the
// language the sidebar shows (its catalog).
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../../common/logger';
import { readDiscovery } from '../../common/node/local-api-discovery';
import { startWebEdition, type WebEdition } from '../../main/web/index';
import { startSimulator, type Simulator } from '../../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../../simulator/interactions';
import en from '../../renderer/src/i18n/messages/en.json' with { type: 'json' };

export type Catalog = Record<string, string>;
/** A message's words up to its session ID: what a name starting with them is matched by. */
const upToId = (message: string | undefined) =>
  new RegExp(`^${message!.split('{id}')[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** The specs serve out/renderer: say how to build it instead of failing on a blank page. */
export function requireBuiltSidebar(): void {
  if (!existsSync('out/renderer/index.html'))
    throw new Error('out/renderer is missing: run `npm run build:renderer` first (npm test does)');
}

/** Stop, then its confirmation; `naming` is text the confirmation must show (e.g. `session 123 456 789`). */
/** The contract answers: a join of a bad ID gets main's own refusal ("9 digits"). */
export async function typedJoinAnswers(page: Page): Promise<void> {
  const field = page.getByRole('textbox', { name: 'Session ID' });
  await field.fill('12');
  await field.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '9 digits' })).toBeVisible();
}

export async function stopSession(page: Page, naming?: string, words: Catalog = en): Promise<void> {
  await page.getByRole('button', { name: upToId(words['join.stopLabel']) }).click();
  const confirm = page.getByRole('group', { name: words['join.confirmLabel'] });
  if (naming) await expect(confirm).toContainText(naming);
  await confirm.getByRole('button', { name: upToId(words['join.confirmYes']) }).click();
}

/** The demo customer page in `page`, a session started: its 9-digit session ID as the page shows it. */
export async function customerToken(page: Page, simulatorUrl: string): Promise<string> {
  await page.goto(`${simulatorUrl}/cobrowse/demo/`);
  await page.getByRole('button', { name: 'Start co-browse session' }).click();
  const shown = page.locator('#token');
  await expect(shown).toHaveAttribute('data-token', /^\d{9}$/);
  return (await shown.getAttribute('data-token'))!;
}

/**
 * One simulator and one web edition per spec file, the demo's chat desk connected to its local API (chats
 * ask to co-browse as customers do), and browser profiles closed after the file.
 */
export function useWebEditionWithDesk(name: string, cluster: { nodes?: number } = {}) {
  const at: { sim?: Simulator; web?: WebEdition; desk?: InteractionServerSim; dataDir?: string } = {};
  const contexts: BrowserContext[] = [];
  test.beforeAll(async () => {
    requireBuiltSidebar();
    const desk = (at.desk = new InteractionServerSim({ log: quietLogger() }));
    at.sim = await startSimulator({
      port: 0,
      ...cluster,
      logger: quietLogger(),
      routes: [interactionRoutes(desk)],
    });
    at.dataDir = await mkdtemp(join(tmpdir(), `${name}-`));
    const web = (at.web = await startWebEdition({
      serviceUrl: at.sim.url,
      dataDir: at.dataDir,
      localApiPort: 0,
      log: quietLogger(),
    }));
    await desk.connect(await readDiscovery(web.localApi.discoveryFile));
  });
  test.afterAll(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    await at.desk?.disconnect();
    await at.web?.close();
    await at.sim?.stop();
    if (at.dataDir) await rm(at.dataDir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('used before beforeAll');
    return value;
  };
  return {
    sim: () => started(at.sim),
    web: () => started(at.web),
    desk: () => started(at.desk),
    /** The web edition's data folder (its settings file, history). */
    dataDir: () => started(at.dataDir),
    /** A browser profile of its own, closed after the file. */
    async context(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
      const context = await browser.newContext(options);
      contexts.push(context);
      return context;
    },
  };
}
