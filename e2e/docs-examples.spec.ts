// The web edition against a Co-browse Server that answers as Genesys's documentation examples do (numeric
// userId, no controller name, a history id that is not a UUID, errors as a bare status, sessionServerUrl behind
// a path prefix), in URL stickiness: the agent co-browses, and a bare 404 reads as a session that is not live.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quietLogger } from '../common/logger';
import { startWebEdition, type WebEdition } from '../main/web/index';
import { useSimulatorPages } from './test-support/simulator-pages';
import { stopSession } from './test-support/sidebar';

const fx = useSimulatorPages(undefined, { docsExamples: true });
let web: WebEdition;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'docs-examples-'));
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ stickiness: 'url' }));
  web = await startWebEdition({ serviceUrl: fx.sim.url, dataDir, localApiPort: 0, log: quietLogger() });
});
test.afterAll(async () => {
  await web?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('URL stickiness through a prefixed sessionServerUrl: joined, and the agent page co-browses under the prefix', async ({
  browser,
}) => {
  const { customer, token } = await fx.customerSession(browser);
  const page = await (await fx.context(browser)).newPage();
  await page.goto(web.openUrl);
  const field = page.getByRole('textbox', { name: 'Session ID' });
  await field.fill(token);
  await field.press('Enter');
  await expect(page.getByRole('status', { name: 'Join progress' })).toHaveText(
    'Co-browsing with the customer.',
    {
      timeout: 10_000,
    },
  );
  const iframe = page.locator('iframe[title="Co-browse agent page"]');
  await expect(iframe).toHaveAttribute('src', /\/node\d\/cobrowse\/slave\.html#nosidinput=1&sid=\d{9}/);
  await expect(page.frameLocator('iframe[title="Co-browse agent page"]').getByRole('status')).toHaveText(
    'Co-browsing',
  );
  await expect(customer.locator('#state')).toHaveText('An agent is viewing this page');
  await stopSession(page);
  await expect(customer.locator('#state')).toHaveAttribute('data-state', 'ended');
});

test('a bare 404 says no live session has the ID typed (ended or mistyped), not "is the service URL right?"', async ({
  browser,
}) => {
  const page = await (await fx.context(browser)).newPage();
  await page.goto(web.openUrl);
  const field = page.getByRole('textbox', { name: 'Session ID' });
  await field.fill('000 000 000');
  await field.press('Enter');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(
    'No live co-browse session has the ID 000 000 000: it has ended, or the ID was mistyped.',
  );
  await expect(alert).not.toContainText('service URL');
  await expect(field).toHaveValue('000 000 000');
});
