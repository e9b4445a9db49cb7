// The app-wide web-contents policy on the stub Electron runtime (the binary cannot run here): every
// webContents gets it at creation, the agent pop-out window included (it had no guard of its own), and the
// per-window rules stay layered on top (the sidebar still refuses every navigation).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quietLogger } from '../../common/logger';
import { app, BrowserWindow, fake, WebContentsView, type WebContents } from './test-support/fake-electron';

vi.mock('electron', () => import('./test-support/fake-electron'));
const { installWebContentsPolicy } = await import('./web-contents-policy');
const { AgentViewHost } = await import('./agent-view');
const { createSidebarWindow } = await import('./sidebar-window');

const AGENT_PAGE = 'http://127.0.0.1:8700/cobrowse/slave.html#nosidinput=1&sid=123456789';
let sidebar: BrowserWindow;
let agent: InstanceType<typeof AgentViewHost>;
const agentView = () => fake.views.at(-1)!.webContents;

beforeAll(async () => {
  installWebContentsPolicy(app as never, quietLogger());
  fake.ready();
  sidebar = createSidebarWindow({
    bounds: { x: 0, y: 0, width: 400, height: 900 },
    alwaysOnTop: false,
    preload: '/nowhere/preload.cjs',
    title: 'test',
    log: quietLogger(),
  }) as never;
  sidebar.webContents.mainFrame.url = 'app://sidebar/index.html';
  agent = new AgentViewHost(
    sidebar as never,
    quietLogger(),
    () => undefined,
    () => 'Customer view',
  );
  agent.show({ sessionId: 's1', url: AGENT_PAGE, cookie: 'gcbSessionServer=node1', poppedOut: false });
  await fake.until(() => fake.views.length > 0 && agentView().loads.length > 0);
});
afterAll(() => agent.destroy());

/** What every webContents must refuse, whoever created it. */
async function expectGuarded(wc: WebContents) {
  expect(fake.openWindow(wc, 'https://evil.example/')).toBe('deny');
  expect(fake.navigate(wc, 'https://evil.example/')).toBe(false);
  expect(fake.navigate(wc, 'https://evil.example/', { redirect: true })).toBe(false);
  expect(fake.attachWebview(wc, 'https://evil.example/')).toBe(false);
  expect(await fake.requestPermission(wc, 'media')).toBe(false);
  expect(wc.session.permissionCheckHandler?.()).toBe(false);
}

describe('web-contents policy', () => {
  it('the agent pop-out window is refused navigation, new windows, webviews and permissions', async () => {
    const before = new Set(BrowserWindow.getAllWindows());
    expect(agent.popOut(true)).toBe(true);
    const popup = BrowserWindow.getAllWindows().find((w) => !before.has(w))!;
    expect(popup).toBeDefined();
    await expectGuarded(popup.webContents);
    expect(agent.popOut(false)).toBe(false); // back in the sidebar
  });

  it('covers the sidebar and the agent view too, with their own rules layered on top', async () => {
    await expectGuarded(sidebar.webContents);
    const view = agentView();
    await expectGuarded(view);
    expect(fake.navigate(view, 'http://127.0.0.1:8700/cobrowse/other.html')).toBe(true); // its own origin
    expect(fake.navigate(sidebar.webContents, 'app://sidebar/elsewhere.html')).toBe(false); // the sidebar: none
  });

  it('a webContents with no page yet may navigate nowhere', async () => {
    const blank = new WebContentsView().webContents;
    expect(fake.navigate(blank, 'http://127.0.0.1:8700/')).toBe(false);
    await expectGuarded(blank);
  });
});
