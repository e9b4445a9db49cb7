// The app-wide web-contents policy against the named FAKE of Electron (the binary cannot run here): every
// webContents gets it at creation, the agent pop-out window included (it had no guard of its own), and the
// per-window rules stay layered on top (the sidebar still refuses every navigation).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quietLogger } from '../../common/logger';
import * as fake from './fake-electron-host.test-support';

vi.mock('electron', () => import('./fake-electron-host.test-support'));
const { installWebContentsPolicy } = await import('./web-contents-policy');
const { AgentViewHost } = await import('./agent-view');
const { createSidebarWindow } = await import('./sidebar-window');

const AGENT_PAGE = 'http://127.0.0.1:8700/cobrowse/slave.html#nosidinput=1&sid=123456789';
let sidebar: fake.BrowserWindow;
let agent: InstanceType<typeof AgentViewHost>;

beforeAll(async () => {
  installWebContentsPolicy(fake.app as never, quietLogger());
  sidebar = createSidebarWindow({
    bounds: { x: 0, y: 0, width: 400, height: 900 },
    alwaysOnTop: false,
    preload: '/nowhere/preload.cjs',
    title: 'test',
    log: quietLogger(),
  }) as never;
  sidebar.webContents.mainFrame.url = 'app://sidebar/index.html';
  agent = new AgentViewHost(sidebar as never, quietLogger(), () => undefined);
  agent.show({ sessionId: 's1', url: AGENT_PAGE, cookie: 'gcbSessionServer=node1', poppedOut: false });
  await vi.waitFor(() =>
    expect(fake.WebContentsView.created.at(-1)?.webContents.loaded).toEqual([AGENT_PAGE]),
  );
});
afterAll(() => agent.destroy());

/** What every webContents must refuse, whoever created it. */
async function expectGuarded(wc: fake.FakeWebContents) {
  expect(wc.windowOpen?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  expect(wc.navigate('https://evil.example/')).toBe(false);
  expect(wc.navigate('https://evil.example/', 'will-redirect')).toBe(false);
  expect(wc.attachWebview('https://evil.example/')).toBe(false);
  expect(await wc.askPermission('media')).toBe(false);
  expect(wc.session.permissionCheck?.()).toBe(false);
}

describe('web-contents policy', () => {
  it('the agent pop-out window is refused navigation, new windows, webviews and permissions', async () => {
    expect(agent.popOut(true)).toBe(true);
    const popup = fake.BrowserWindow.created.at(-1)!;
    expect(popup).not.toBe(sidebar);
    await expectGuarded(popup.webContents);
  });

  it('covers the sidebar and the agent view too, with their own rules layered on top', async () => {
    await expectGuarded(sidebar.webContents);
    const view = fake.WebContentsView.created.at(-1)!.webContents;
    await expectGuarded(view);
    expect(view.navigate('http://127.0.0.1:8700/cobrowse/other.html')).toBe(true); // its own origin
    expect(sidebar.webContents.navigate('app://sidebar/elsewhere.html')).toBe(false); // the sidebar: none
  });

  it('a webContents with no page yet may navigate nowhere', async () => {
    const blank = new fake.FakeWebContents();
    expect(blank.navigate('http://127.0.0.1:8700/')).toBe(false);
    await expectGuarded(blank);
  });
});
