// The desktop app as Electron 45 runs it: built with electron-vite (as `npm run dist` does), then the built
// out/main/index.js loaded in plain Node on the stub Electron runtime (test-support/fake-electron/, which
// enforces the documented rules the host depends on), with the real core against the simulator. What needs
// the real binary (rendering, the OS, fuses, asar) is left to the desktop workflow.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../common/logger';
import { channels } from '../../common/protocol';
import { until } from '../core/test-support/until';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { buildDesktopBundles, launchOnStub, type StubbedApp } from './test-support/fake-electron-launch';

const simulatorLog: string[] = [];
const fx = useSimulator({ nodes: 2, logger: createLogger({ sink: (line) => simulatorLog.push(line) }) });
let bundles: Awaited<ReturnType<typeof buildDesktopBundles>>;
beforeAll(async () => {
  bundles = await buildDesktopBundles();
}, 120_000);
afterAll(() => bundles?.remove());

const apps: StubbedApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

/** Started once the sidebar's page said ready and got its answer (or at the first main-process error). */
async function start(opts: { packaged?: boolean } = {}) {
  const app = await launchOnStub(bundles.outDir, {
    ...opts,
    args: ['--service-url', fx.sim.url, '--local-api-port', '0'],
  });
  apps.push(app);
  await app
    .evaluate(async ({ BrowserWindow, fake }) => {
      await fake.until(
        () => fake.mainProcessErrors.length > 0 || BrowserWindow.getAllWindows()[0]?.webContents.page.ready,
        15_000,
      );
      if (fake.mainProcessErrors.length) throw new Error(fake.mainProcessErrors.join('\n'));
    })
    .catch((err: Error) => {
      throw new Error(`${err.message}\n--- the app's output:\n${app.output()}`);
    });
  return app;
}

/** Joins from the sidebar's page (its preload's API); resolves once the agent view loaded its page. */
const joinFromSidebar = (app: StubbedApp, token: string) =>
  app.evaluate(async ({ BrowserWindow, fake }, sessionToken) => {
    const sidebar = BrowserWindow.getAllWindows()[0]!;
    const api = sidebar.webContents.world.cobrowse as {
      invoke(name: string, input: unknown): Promise<{ ok: boolean }>;
    };
    const reply = await api.invoke('join', { token: sessionToken, interactionId: null });
    const view = await fake.until(
      () => fake.views.findLast((v) => !v.webContents.isDestroyed() && v.webContents.loads.length > 0),
      15_000,
    );
    const own = BrowserWindow.getAllWindows().find((w) => w.contentView.children.includes(view));
    return {
      ok: reply.ok,
      inSidebar: sidebar.contentView.children.includes(view),
      ownWindow: own && own !== sidebar ? own.getBounds() : null,
      partition: view.webContents.session.partition,
      loads: view.webContents.loads,
    };
  }, token);

// Each test starts one or two app processes (about 1.5 s each here, more on a busy machine).
describe('the built desktop app on the stub Electron runtime', { timeout: 60_000 }, () => {
  it('starts to the sidebar (app://, sandboxed preload) and joins with the agent view', async () => {
    const app = await start();
    const sidebar = await app.evaluate(({ BrowserWindow }) => {
      const [win] = BrowserWindow.getAllWindows();
      return {
        windows: BrowserWindow.getAllWindows().length,
        url: win!.webContents.getURL(),
        status: win!.webContents.document?.status,
        api: Object.keys(win!.webContents.world),
        visible: win!.isVisible(),
      };
    });
    expect(sidebar).toEqual({
      windows: 1,
      url: 'app://sidebar/index.html',
      status: 200,
      api: ['cobrowse'],
      visible: true,
    });

    const { sessionToken, sessionServerName } = await fx.customerSession();
    const agent = await joinFromSidebar(app, sessionToken);
    // Its own window, taking the work area beside the sidebar (docked right on the stub's 1920×1040 display).
    expect(agent).toMatchObject({
      ok: true,
      inSidebar: false,
      ownWindow: { x: 0, y: 0, width: 1520, height: 1040 },
      partition: 'agent-view',
    });
    expect(agent.loads).toEqual([
      {
        url: expect.stringContaining('/cobrowse/slave.html#nosidinput=1&sid='),
        cookies: [`gcbSessionServer=${sessionServerName}`],
      },
    ]);
    expect(await app.evaluate(({ fake }) => [...fake.violations, ...fake.mainProcessErrors])).toEqual([]);
  });

  it("places the agent view in DIPs at the sidebar's zoom (the page reports CSS pixels), again on zoom-changed", async () => {
    const app = await start();
    await joinFromSidebar(app, (await fx.customerSession()).sessionToken);
    const placed = await app.evaluate(async ({ BrowserWindow, fake }) => {
      const sidebar = BrowserWindow.getAllWindows()[0]!;
      const api = sidebar.webContents.world.cobrowse as {
        invoke(name: string, input: unknown): Promise<{ ok: boolean }>;
      };
      const view = fake.views[0]!;
      await api.invoke('popOutAgentView', { out: false }); // back into the sidebar
      await fake.until(() => sidebar.contentView.children.includes(view));
      sidebar.webContents.setZoomFactor(1.25);
      // What the slot's getBoundingClientRect() says at that zoom, in CSS pixels.
      await api.invoke('setAgentViewBounds', { bounds: { x: 0, y: 300, width: 401, height: 500 } });
      const atZoom = view.getBounds();
      sidebar.webContents.setZoomFactor(1.5);
      sidebar.webContents.emit('zoom-changed', {}, 'in');
      return { atZoom, afterZoomChanged: view.getBounds(), errors: fake.violations };
    });
    expect(placed).toEqual({
      atZoom: { x: 0, y: 375, width: 501, height: 625 },
      afterZoomChanged: { x: 0, y: 450, width: 602, height: 750 },
      errors: [],
    });
  });

  it("gives the agent page's window back when the session ends, and reopens it where the agent put it on that display; one partition, cleared between sessions", async () => {
    const app = await start();
    const { sessionToken } = await fx.customerSession();
    const first = await joinFromSidebar(app, sessionToken);
    // What the first customer's agent page kept (a cookie of its own).
    await app.evaluate(
      ({ fake }, url) =>
        fake.views.at(-1)!.webContents.session.cookies.set({ url, name: 'leftover', value: '1' }),
      new URL(first.loads[0]!.url).origin,
    );
    const moved = { x: 100, y: 40, width: 1200, height: 900 };
    await app.evaluate(
      ({ BrowserWindow, fake }, to) => fake.moveWindow(BrowserWindow.getAllWindows()[1]!, to),
      moved,
    );
    const places = join(app.home, '.config', 'Cobrowse Agent Shell', 'agent-window-state.json');
    // Saved once the move settles, and in any case when the session's end closes the window.
    const windowsAfterStop = await app.evaluate(async ({ BrowserWindow, fake }) => {
      const sidebar = BrowserWindow.getAllWindows()[0]!;
      const api = sidebar.webContents.world.cobrowse as {
        invoke(name: string, input: unknown): Promise<{ ok: boolean; value: { sessions: { id: string }[] } }>;
      };
      const { value } = await api.invoke('ready', {});
      await api.invoke('stop', { sessionId: value.sessions[0]!.id });
      await fake.until(() => BrowserWindow.getAllWindows().length === 1, 5000);
      return BrowserWindow.getAllWindows().length;
    });
    expect(windowsAfterStop).toBe(1);
    await until(() => existsSync(places) && readFileSync(places, 'utf8').includes('"width":1200'));
    const next = await fx.customerSession();
    const second = await joinFromSidebar(app, next.sessionToken);
    expect(second.ownWindow).toEqual(moved);
    expect(second.partition).toBe(first.partition);
    expect(second.loads[0]!.cookies).toEqual([`gcbSessionServer=${next.sessionServerName}`]);
    expect(await app.evaluate(({ fake }) => fake.partitions().filter((p) => p.startsWith('agent')))).toEqual([
      'agent-view',
    ]);
  });

  it('has a menu of its own: Edit kept for copy and paste; Reload, DevTools and Zoom only in development builds', async () => {
    const menuRoles = async (packaged: boolean) => {
      const app = await start({ packaged });
      return app.evaluate(({ Menu, fake }) => fake.menuRoles(Menu.getApplicationMenu()));
    };
    const devOnly = ['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut'];
    const packaged = await menuRoles(true);
    expect(packaged).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']));
    expect(packaged.filter((role) => devOnly.includes(role))).toEqual([]);
    expect(await menuRoles(false)).toEqual(expect.arrayContaining(devOnly));
  });

  it("keeps its token and logs in the product's folder (userData is named after productName), as the README says", async () => {
    const app = await start({ packaged: true });
    // On Linux; Windows: %APPDATA%\Cobrowse Agent Shell, macOS: ~/Library/Application Support/Cobrowse Agent Shell.
    const userData = join(app.home, '.config', 'Cobrowse Agent Shell');
    await until(() => existsSync(join(userData, 'logs', 'main.log')));
    expect(existsSync(join(userData, 'local-api-token'))).toBe(true);
  });

  it('--smoke-test (what the desktop workflow runs the packaged app with): exit 0 once the sidebar said ready, 1 on a main-process error', async () => {
    const launch = async (sidebarPage: boolean) => {
      const app = await launchOnStub(bundles.outDir, {
        packaged: true,
        sidebarPage,
        args: ['--smoke-test', '--local-api-port', '0'],
      });
      apps.push(app);
      return app;
    };
    const passing = await launch(true);
    const passed = await passing.exitWithin(15_000);
    expect(passed).toMatchObject({ exit: 0, violations: [], mainProcessErrors: [] });
    expect(passed!.calls.slice(-2)).toEqual(['tray.destroy', 'exit 0']); // the normal quit

    const failing = await launch(false); // a page that never says ready, then an error in main
    await failing.evaluate(async ({ BrowserWindow, fake }) => {
      await fake.until(() => BrowserWindow.getAllWindows()[0]?.webContents.document, 15_000);
      setImmediate(() => {
        throw new Error('boom');
      });
    });
    const failed = await failing.exitWithin(15_000);
    expect(failed?.exit).toBe(1);
    expect(failing.output()).toContain('smoke test failed: uncaught exception: Error: boom');
  });

  it('a crashed sidebar is reloaded: its page says ready again and gets the live session with the notice', async () => {
    const app = await start();
    await joinFromSidebar(app, (await fx.customerSession()).sessionToken);
    const after = await app.evaluate(async ({ BrowserWindow, fake }) => {
      const wc = BrowserWindow.getAllWindows()[0]!.webContents;
      fake.crashRenderer(wc, 'crashed');
      type Ready = { value: { sessions: { phase: string }[]; lastError: unknown } };
      const reply = await fake.until(() => wc.loads.length === 2 && (wc.page.ready as Ready), 10_000);
      return {
        phases: reply.value.sessions.map((s) => s.phase),
        notice: reply.value.lastError,
        violations: fake.violations,
      };
    });
    expect(after).toEqual({
      phases: [expect.stringMatching(/^(joined|active)$/)],
      notice: { code: 'view-recovered', params: { view: 'sidebar', reason: 'crashed', outcome: 'reloaded' } },
      violations: [],
    });
  });

  it('a main-process error shows no modal error box: it is logged and the sidebar says `internal`', async () => {
    const app = await start({ packaged: true });
    const shown = await app.evaluate(async ({ BrowserWindow, fake }) => {
      setImmediate(() => {
        throw new Error('boom in main');
      });
      await fake.until(() => {
        const states = BrowserWindow.getAllWindows()[0]!.webContents.page.states as { lastError: unknown }[];
        return states?.length && states.at(-1)!.lastError;
      }, 10_000);
      const states = BrowserWindow.getAllWindows()[0]!.webContents.page.states as { lastError: unknown }[];
      return {
        lastError: states.at(-1)!.lastError,
        boxes: fake.calls.filter((c) => c.startsWith('dialog.')),
      };
    });
    expect(shown).toEqual({ lastError: { code: 'internal' }, boxes: [] });
    const log = join(app.home, '.config', 'Cobrowse Agent Shell', 'logs', 'main.log');
    await until(async () => (await readFile(log, 'utf8')).includes('boom in main'));
  });

  it('keeps local crash dumps (Crashpad started before any renderer, no upload) and lists them in the diagnostics', async () => {
    const app = await start();
    // Where Crashpad keeps its reports (on Linux; Windows and macOS alike under userData).
    const reports = join(app.home, '.config', 'Cobrowse Agent Shell', 'Crashpad', 'reports');
    await mkdir(reports, { recursive: true });
    await writeFile(join(reports, 'a1b2c3.dmp'), Buffer.alloc(2048));
    const copied = await app.evaluate(async ({ BrowserWindow, fake }) => {
      const api = BrowserWindow.getAllWindows()[0]!.webContents.world.cobrowse as {
        invoke(name: string, input: unknown): Promise<unknown>;
      };
      await api.invoke('copyDiagnostics', {});
      return { reporter: fake.crashReporter, text: fake.clipboard.at(-1) ?? '', violations: fake.violations };
    });
    expect(copied.reporter).toEqual({ uploadToServer: false });
    expect(copied.violations).toEqual([]);
    expect(copied.text).toMatch(/^crash dumps: .*Crashpad[/\\]reports[/\\]a1b2c3\.dmp \(2048 bytes, /m);
  });

  /**
   * Closes the sidebar mid-session as its close button does and answers "Stop and quit" to the question;
   * at will-quit, notes how many agent views are still open.
   */
  const closeSidebar = (app: StubbedApp) =>
    app.evaluate(async ({ app: electronApp, BrowserWindow, fake }) => {
      electronApp.once('will-quit', () => {
        const open = fake.views.filter((v) => !v.webContents.isDestroyed()).length;
        fake.calls.push(`agent views open at will-quit: ${open}`);
      });
      BrowserWindow.getAllWindows()[0]!.close();
      await fake.until(() => fake.messageBoxes.length > 0, 5000);
      return fake.answerMessageBox(0);
    });

  it('closing the sidebar mid-session asks, then stops the session (the customer told) and quits: the agent view closed, the controller disconnected, the tray gone, exit 0, no throw; a launch meanwhile is ignored', async () => {
    const app = await start();
    const { sessionToken, customer } = await fx.customerSession();
    await joinFromSidebar(app, sessionToken);
    // A second launch (a deep link clicked) while the quit leaves the sessions: the window is gone by then.
    await app.evaluate(({ app: electronApp, fake }) =>
      electronApp.once('before-quit', () => setImmediate(() => fake.secondInstance(['electron', '.']))),
    );
    expect(await closeSidebar(app)).toBe('Stop and quit');
    expect(await customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    const report = await app.exitWithin(10_000);
    expect(report).toMatchObject({ exit: 0, violations: [], mainProcessErrors: [] });
    expect(report!.calls).toEqual(
      expect.arrayContaining(['agent views open at will-quit: 0', 'tray.destroy', 'exit 0']),
    );
    // The core stopped the controller's session (the customer told) before the process went.
    const masked = `******${sessionToken.slice(-3)}`;
    expect(
      simulatorLog.filter(
        (l) => l.includes('session ended') && l.includes(masked) && l.includes('controller-stop'),
      ),
    ).toHaveLength(1);
  });

  it('closing the sidebar with the agent view popped out closes the pop-out too and quits', async () => {
    const app = await start();
    await joinFromSidebar(app, (await fx.customerSession()).sessionToken);
    const windows = await app.evaluate(async ({ BrowserWindow }) => {
      const api = BrowserWindow.getAllWindows()[0]!.webContents.world.cobrowse as {
        invoke(name: string, input: unknown): Promise<unknown>;
      };
      await api.invoke('popOutAgentView', { out: true });
      return BrowserWindow.getAllWindows().length;
    });
    expect(windows).toBe(2);
    await closeSidebar(app);
    const report = await app.exitWithin(10_000);
    expect(report).toMatchObject({ exit: 0, violations: [], mainProcessErrors: [] });
    expect(report!.calls).toContain('agent views open at will-quit: 0');
  });
});
