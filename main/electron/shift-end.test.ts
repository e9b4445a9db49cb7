// The end of a shift on the stub Electron runtime with the REAL core, controller and simulator: a Windows
// log-off, a Linux/macOS shutdown and a closed window each stop the live co-browse session (the customer's
// side hears `controller-stop` at once) before the app goes; a close during a session asks first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../common/protocol';
import { quietLogger } from '../../common/logger';
import type { AppCore } from '../core/app-core';
import { coreOnSimulator } from './test-support/core-on-simulator';
import { closeDuringSessionQuestion } from '../core/desktop/close-confirm';
import { mainIntl } from '../core/i18n/intl';
import { holdsFor, until } from '../core/test-support/until';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { BrowserWindow, fake } from './test-support/fake-electron';

vi.mock('electron', () => import('./test-support/fake-electron'));
const { guardShiftEnd, liveSessionIds, quitAfterStopping } = await import('./shift-end');

const fx = useSimulator({ nodes: 2 });
let core: AppCore;
let dir: string;
let sidebar: BrowserWindow;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shift-end-'));
  core = await coreOnSimulator(fx.sim.url, dir);
  fake.ready();
  sidebar = new BrowserWindow({ width: 400, height: 820 });
  const log = quietLogger();
  quitAfterStopping(core, log, () => {});
  guardShiftEnd({
    window: sidebar as never,
    core,
    question: () => closeDuringSessionQuestion(mainIntl('de')),
    log,
  });
});
afterEach(async () => {
  if (!fake.calls.includes('exit 0')) await core.close();
  fake.reset();
  await rm(dir, { recursive: true, force: true });
});

/** A customer's session, joined by the app's core; resolves once it is live. */
async function liveSession() {
  const session = await fx.customerSession();
  const reply = await core.dispatch('join', { token: session.sessionToken, interactionId: null });
  expect(reply.ok).toBe(true);
  await until(() => liveSessionIds(core.getState()).length === 1);
  return session;
}
const exited = () => until(() => fake.calls.includes('exit 0'), 10_000);

describe('the end of a shift (stub Electron runtime, real core and simulator)', () => {
  it('Windows log-off during a session: the end waits while the session is stopped (the customer told), then the app quits', async () => {
    const { customer } = await liveSession();
    expect(fake.windowsSessionEnd(['logoff'])).toBe(true); // blocked while the session is live
    expect(await customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    await exited();
    expect(fake.calls).not.toContain('ended by the OS at session end');
  });

  it('Windows log-off without a session does not block, and the app still starts its quit', async () => {
    expect(fake.windowsSessionEnd(['logoff'])).toBe(false);
    await exited();
  });

  it('Linux/macOS shutdown during a session: delayed, the session stopped, then the app quits', async () => {
    const { customer } = await liveSession();
    expect(fake.systemShutdown()).toBe(true);
    expect(await customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    await exited();
  });

  it('closing the window during a session asks first, in the agent’s language; keeping it changes nothing', async () => {
    const { customer } = await liveSession();
    sidebar.close();
    await until(() => fake.messageBoxes.length === 1);
    expect(fake.messageBoxes[0]).toMatchObject({
      modal: true,
      message: 'Co-Browsing beenden und die App schließen?',
      buttons: ['Beenden und schließen', 'Weiter co-browsen'],
      cancelId: 1,
    });
    expect(fake.answerMessageBox(1)).toBe('Weiter co-browsen');
    await holdsFor(300, () => !sidebar.isDestroyed() && liveSessionIds(core.getState()).length === 1);
    expect(customer.received.some((m) => m.channel === channels.deactivated)).toBe(false);

    sidebar.close();
    await until(() => fake.messageBoxes.length === 2);
    fake.answerMessageBox(0);
    expect(await customer.next(channels.deactivated)).toMatchObject({ reason: 'controller-stop' });
    await exited();
  });

  it('closing the window without a session asks nothing and quits', async () => {
    sidebar.close();
    await exited();
    expect(fake.messageBoxes).toEqual([]);
  });
});
