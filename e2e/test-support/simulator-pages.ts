// Shared by the specs that drive the simulator's own pages: one simulator per spec file, one browser
// profile per person (customer, agent), and the customer starting a session the agent page then joins with
// the owner's stickiness cookie, as the controller would arrange it.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { quietLogger } from '../../common/logger';
import { GetSessionResponse, paths } from '../../common/protocol';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../simulator/index';

export function useSimulatorPages(
  viewport?: { width: number; height: number },
  options: SimulatorOptions = {},
) {
  let sim: Simulator | undefined;
  const contexts: BrowserContext[] = [];
  test.beforeAll(async () => {
    sim = await startSimulator({ port: 0, nodes: 2, logger: quietLogger(), ...options });
  });
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  test.afterAll(async () => {
    await sim?.stop();
  });

  const fixture = {
    get sim(): Simulator {
      if (!sim) throw new Error('simulator not started');
      return sim;
    },
    /** A separate browser profile: the customer and the agent are different people. */
    async context(browser: Browser): Promise<BrowserContext> {
      const c = await browser.newContext(viewport ? { viewport } : {});
      contexts.push(c);
      return c;
    },
    /** The demo customer page with a started session: the page and its token. */
    async customerSession(browser: Browser, beforeGoto?: (page: Page) => void) {
      const customer = await (await fixture.context(browser)).newPage();
      beforeGoto?.(customer);
      await customer.goto(`${fixture.sim.url}/cobrowse/demo/`);
      await customer.getByRole('button', { name: 'Start co-browse session' }).click();
      await expect(customer.locator('#token')).toHaveAttribute('data-token', /^\d{9}$/);
      const token = (await customer.locator('#token').getAttribute('data-token')) ?? '';
      return { customer, token };
    },
    /** A browser profile holding the session owner's stickiness cookie, as the controller would set it. */
    async agentContext(browser: Browser, token: string) {
      const url = fixture.sim.url;
      const got = await fetch(`${url}${paths.restBase}/sessions/${token}`, { headers: { Origin: url } });
      const { sessionServerName } = GetSessionResponse.parse(await got.json());
      const context = await fixture.context(browser);
      await context.addCookies([{ name: 'gcbSessionServer', value: sessionServerName, url }]);
      return { context, sessionServerName };
    },
  };
  return fixture;
}
