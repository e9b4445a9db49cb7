// The sidebar host's Electron glue on the stub Electron runtime (the binary cannot run here) and the REAL
// core, controller and simulator: IPC only from the sidebar's main frame, state held until `ready`; the agent
// view created after the join with its stickiness cookie set before the page loads, kept on its origin,
// permissions and new windows denied, placed where the sidebar says, destroyed when the session ends.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventChannel, requestChannel } from '../../common/contract';
import type { AppCore } from '../core/app-core';
import { coreOnSimulator } from './test-support/core-on-simulator';
import { quietLogger } from '../../common/logger';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { BrowserWindow, fake, WebContentsView } from './test-support/fake-electron';
import { until } from '../core/test-support/until';

vi.mock('electron', () => import('./test-support/fake-electron'));
const { serveSidebarIpc } = await import('./ipc');
const { AgentViewHost } = await import('./agent-view');

const APP = 'app://sidebar';
const fx = useSimulator({ nodes: 2 });
let core: AppCore;
let dir: string;
let sidebar: BrowserWindow;
let agent: InstanceType<typeof AgentViewHost>;
let stopIpc: () => void;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sidebar-host-'));
  core = await coreOnSimulator(fx.sim.url, dir, {
    setAgentViewBounds: (b) => agent.setBounds(b),
    popOutAgentView: (out) => agent.popOut(out),
    agentViewPoppedOut: () => agent.poppedOut,
    ownerKnown: (owner) => agent.warm(owner),
  });
  fake.ready();
  sidebar = new BrowserWindow({ width: 1280, height: 900 });
  sidebar.webContents.mainFrame.url = `${APP}/index.html`;
  agent = new AgentViewHost(
    sidebar as never,
    quietLogger(),
    () => core.refresh(),
    () => 'Customer view',
  );
  core.subscribe(() => agent.show(core.getState().agentView));
  stopIpc = serveSidebarIpc(core, sidebar as never, APP, quietLogger());
});
afterAll(async () => {
  stopIpc();
  agent.destroy();
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

const call = (
  name: Parameters<typeof requestChannel>[0],
  input: unknown,
  frame?: { url: string },
  sender = sidebar.webContents,
) =>
  fake.invoke(sender, requestChannel(name), input, frame) as Promise<{
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  }>;

describe('sidebar host (Electron glue on the stub Electron runtime)', () => {
  it('refuses IPC from an iframe, another webContents or another origin', async () => {
    const iframe = { url: `${APP}/index.html` }; // same URL, but not the main frame object
    expect(await call('ready', {}, iframe)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const other = new WebContentsView({ webPreferences: {} }).webContents;
    other.mainFrame.url = `${APP}/index.html`;
    expect(await call('ready', {}, undefined, other)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    sidebar.webContents.mainFrame.url = 'https://evil.example/';
    expect(await call('ready', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    sidebar.webContents.mainFrame.url = `${APP}/index.html`;
    expect(sidebar.webContents.sent).toHaveLength(0); // nothing pushed before ready
  });

  it('answers the sidebar, then pushes state; the agent view follows the session', async () => {
    expect(await call('ready', {})).toMatchObject({ ok: true });
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const joined = await call('join', { token: sessionToken, interactionId: null });
    expect(joined.ok).toBe(true);
    await until(() => sidebar.webContents.sent.some((m) => m.channel === eventChannel('state')));

    const view = await until(() => sidebar.contentView.children[0] as WebContentsView | undefined);
    const wc = view.webContents;
    expect(view.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(view.options.webPreferences).not.toHaveProperty('preload');
    const stickiness = `gcbSessionServer=${sessionServerName}`;
    await until(() => wc.loads.length > 0);
    expect(wc.loads).toEqual([
      {
        url: expect.stringMatching(/\/cobrowse\/slave\.html#nosidinput=1&sid=\d{9}$/),
        cookies: [stickiness],
      },
    ]);

    expect(fake.navigate(wc, `${fx.sim.url}/cobrowse/other.html`)).toBe(true);
    expect(fake.navigate(wc, 'https://evil.example/')).toBe(false);
    expect(fake.navigate(wc, 'https://evil.example/', { redirect: true })).toBe(false);
    // The guard keeps the view's own document on its origin; the page's frames are its own (and its CSP's).
    expect(fake.navigate(wc, 'https://cdn.example/frame', { subFrame: true })).toBe(true);
    expect(fake.navigate(wc, 'https://cdn.example/frame', { subFrame: true, redirect: true })).toBe(true);
    expect(fake.openWindow(wc, 'https://evil.example/')).toBe('deny');
    expect(await fake.requestPermission(wc, 'media')).toBe(false);
    expect(wc.session.permissionCheckHandler?.()).toBe(false);

    expect(view.getVisible()).toBe(false); // no place reported yet
    expect(
      await call('setAgentViewBounds', { bounds: { x: 0, y: 300, width: 400, height: 500 } }),
    ).toMatchObject({ ok: true });
    expect(view.getBounds()).toEqual({ x: 0, y: 300, width: 400, height: 500 });
    expect(view.getVisible()).toBe(true);
    expect(await call('setAgentViewBounds', { bounds: { x: -1, y: 0, width: 1, height: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });

    expect(await call('popOutAgentView', { out: true })).toMatchObject({ ok: true, value: { out: true } });
    expect(sidebar.contentView.children).toHaveLength(0);
    expect(view.getBounds()).toEqual({ x: 0, y: 0, width: 1280, height: 900 });
    expect(core.getState().agentView?.poppedOut).toBe(true);
    expect(await call('popOutAgentView', { out: false })).toMatchObject({ ok: true, value: { out: false } });
    await until(() => sidebar.contentView.children.length > 0); // a window closes on a later turn
    expect(sidebar.contentView.children).toEqual([view]);
    expect(core.getState().agentView?.poppedOut).toBe(false);

    const sessionId = (joined.value as { sessionId: string }).sessionId;
    expect(await call('stop', { sessionId })).toMatchObject({ ok: true });
    await until(() => wc.isDestroyed());
    expect(sidebar.contentView.children).toHaveLength(0);
  });

  it('warms the agent page while the controller joins: the cookie, a connection to the owner node, the page fetched', async () => {
    const { sessionToken, sessionServerName } = await fx.customerSession();
    const joined = await call('join', { token: sessionToken, interactionId: null });
    expect(joined.ok).toBe(true);
    const view = await until(() =>
      fake.views.findLast((v) => !v.webContents.isDestroyed() && v.webContents.loads.length > 0),
    );
    const ses = view.webContents.session;
    const page = new URL(view.webContents.loads[0]!.url);
    expect(ses.preconnects.at(-1)).toBe(page.origin);
    expect(ses.fetched.at(-1)).toBe(`${page.origin}${page.pathname}`);
    expect(view.webContents.loads[0]!.cookies).toEqual([`gcbSessionServer=${sessionServerName}`]);
    const sessionId = (joined.value as { sessionId: string }).sessionId;
    await call('stop', { sessionId });
    await until(() => view.webContents.isDestroyed());
  });

  it("the agent page zoom setting is the view's zoom factor, kept across loads; the sidebar's own stays", async () => {
    agent.setZoom(0.75);
    const { sessionToken } = await fx.customerSession();
    const joined = await call('join', { token: sessionToken, interactionId: null });
    const view = await until(() => sidebar.contentView.children[0] as WebContentsView | undefined);
    const wc = view.webContents;
    await until(() => wc.loads.length > 0);
    expect(wc.getZoomFactor()).toBe(0.75);
    expect(wc.loads[0]!.url).toMatch(/\/cobrowse\/slave\.html#nosidinput=1&sid=\d{9}$/); // nothing added
    expect(sidebar.webContents.getZoomFactor()).toBe(1);
    agent.setZoom(1.25);
    expect(wc.getZoomFactor()).toBe(1.25);
    // A load that starts at another zoom (Chromium's per-origin zoom on a new origin) gets the setting back.
    wc.setZoomFactor(1);
    await wc.loadURL(`${fx.sim.url}/cobrowse/slave.html`);
    expect(wc.getZoomFactor()).toBe(1.25);

    agent.setZoom(1);
    const sessionId = (joined.value as { sessionId: string }).sessionId;
    expect(await call('stop', { sessionId })).toMatchObject({ ok: true });
    await until(() => wc.isDestroyed());
  });
});
