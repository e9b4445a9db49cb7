// A dead or hung renderer brought back, on the stub Electron runtime: reloaded in a new process (its
// preload and page again), the agent told, a hang given its grace first, a renderer that keeps dying left.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../common/contract';
import { quietLogger } from '../../common/logger';
import { holdsFor, until } from '../core/test-support/until';
import { fake, WebContentsView, type WebContents } from './test-support/fake-electron';

vi.mock('electron', () => import('./test-support/fake-electron'));
const { recoverRenderer, RECOVERY } = await import('./renderer-recovery');

let told: AppError[];
let wc: WebContents;
beforeEach(async () => {
  fake.ready();
  told = [];
  wc = new WebContentsView({ webPreferences: { partition: 'agent' } }).webContents;
  recoverRenderer(wc as never, 'agent-page', {
    log: quietLogger(),
    tell: (e) => told.push(e),
    hangGraceMs: 50,
  });
  await wc.loadURL('https://cobrowse.example/cobrowse/slave.html#sid=1');
});
afterEach(() => fake.reset());

describe('renderer recovery (stub Electron runtime)', () => {
  it('a crashed agent page is reloaded in a new renderer and the agent is told why', async () => {
    fake.crashRenderer(wc, 'oom');
    await until(() => wc.loads.length === 2 && !wc.isCrashed());
    expect(wc.loads.map((l) => l.url)).toEqual([
      'https://cobrowse.example/cobrowse/slave.html#sid=1',
      'https://cobrowse.example/cobrowse/slave.html#sid=1',
    ]);
    expect(told).toEqual([
      { code: 'view-recovered', params: { view: 'agent-page', reason: 'oom', outcome: 'reloaded' } },
    ]);
  });

  it('a hang is given its grace: recovered by itself, nothing happens', async () => {
    fake.hangRenderer(wc);
    fake.unhangRenderer(wc);
    await holdsFor(150, () => wc.loads.length === 1 && told.length === 0);
  });

  it('a hang that lasts: the renderer is killed and reloaded', async () => {
    fake.hangRenderer(wc);
    await until(() => wc.loads.length === 2 && !wc.isCrashed());
    expect(told).toEqual([
      { code: 'view-recovered', params: { view: 'agent-page', reason: 'killed', outcome: 'reloaded' } },
    ]);
  });

  it(`a renderer that dies again and again is reloaded ${RECOVERY.maxReloads} times, then left (no reload loop)`, async () => {
    for (let n = 0; n <= RECOVERY.maxReloads; n++) {
      fake.crashRenderer(wc);
      await until(() => told.length === n + 1);
      if (n < RECOVERY.maxReloads) await until(() => !wc.isCrashed());
    }
    expect(wc.loads).toHaveLength(1 + RECOVERY.maxReloads);
    expect(told.at(-1)).toEqual({
      code: 'view-recovered',
      params: { view: 'agent-page', reason: 'crashed', outcome: 'left' },
    });
  });

  it('a clean exit (the app closing) is not a crash', async () => {
    wc.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    await holdsFor(50, () => told.length === 0 && wc.loads.length === 1);
  });
});
