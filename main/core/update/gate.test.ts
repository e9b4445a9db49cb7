import { describe, expect, it } from 'vitest';
import {
  canRestartForUpdate,
  initialUpdateView,
  reduceUpdate,
  updateViewOf,
  withRestartGate,
  type UpdaterEvent,
} from './gate';
import type { JoinPhase } from '../../../common/contract';
import { defaultSettings } from '../../../common/settings-schema';
import { planUpdates } from './feed-policy';

const ready = (events: UpdaterEvent[]) => events.reduce(reduceUpdate, initialUpdateView(true));
const downloaded = ready([
  { type: 'checking-for-update' },
  { type: 'update-available', version: '1.2.0' },
  { type: 'download-progress', percent: 41.6 },
  { type: 'update-downloaded', version: '1.2.0' },
]);

describe('canRestartForUpdate', () => {
  it.each<[JoinPhase[], boolean]>([
    [[], true],
    [['ended', 'failed'], true],
    [['ended', 'active'], false],
    [['connecting'], false],
    [['joined'], false],
    [['ending'], false],
  ])('sessions %j → %s', (phases, ok) => {
    const d = canRestartForUpdate(downloaded, phases);
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.reason).toBe('update-after-session');
  });

  it('refuses when nothing is downloaded', () => {
    expect(canRestartForUpdate(initialUpdateView(true), [])).toEqual({
      ok: false,
      reason: 'update-not-downloaded',
    });
  });
});

describe('update view', () => {
  it('follows the updater from check to download', () => {
    const mid = ready([
      { type: 'checking-for-update' },
      { type: 'update-available', version: '1.2.0' },
      { type: 'download-progress', percent: 41.6 },
    ]);
    expect(mid).toMatchObject({ state: 'downloading', version: '1.2.0', percent: 42 });
    expect(downloaded).toMatchObject({ state: 'ready', version: '1.2.0', percent: 100 });
  });

  it('keeps a downloaded update on offer across a later check or error', () => {
    const later = [
      { type: 'checking-for-update' },
      { type: 'update-not-available' },
      { type: 'error', message: 'offline' },
    ] as UpdaterEvent[];
    expect(later.reduce(reduceUpdate, downloaded)).toEqual(downloaded);
  });

  it('explains a failed check', () => {
    expect(ready([{ type: 'checking-for-update' }, { type: 'error', message: 'HTTP 404' }])).toMatchObject({
      state: 'error',
      detail: { code: 'fetch-failed', params: { problem: 'HTTP 404' } },
    });
  });

  it('starts disabled when there is no update feed', () => {
    expect(initialUpdateView(false).state).toBe('disabled');
  });

  it('gates the restart on the sessions and says why', () => {
    expect(withRestartGate(downloaded, ['active'])).toMatchObject({
      canRestart: false,
      detail: { code: 'wait-for-session' },
    });
    expect(withRestartGate(withRestartGate(downloaded, ['active']), ['ended'])).toMatchObject({
      canRestart: true,
      detail: null,
    });
    expect(withRestartGate(initialUpdateView(true), []).canRestart).toBe(false);
  });
});

describe('updates off', () => {
  it('by policy or the deployment: disabled, saying the administrator manages them', () => {
    const off = planUpdates({ ...defaultSettings, autoUpdate: false }, true, {});
    expect(updateViewOf(off)).toMatchObject({
      state: 'disabled',
      detail: { code: 'managed-by-administrator' },
    });
    const env = planUpdates(defaultSettings, true, { COBROWSE_UPDATES: 'off' });
    expect(updateViewOf(env).detail).toEqual({ code: 'managed-by-administrator' });
  });

  it('in an unpackaged run: disabled, with no reason to show; on: idle', () => {
    expect(updateViewOf(planUpdates(defaultSettings, false, {}))).toMatchObject({
      state: 'disabled',
      detail: null,
    });
    expect(updateViewOf(planUpdates(defaultSettings, true, {}))).toMatchObject({
      state: 'idle',
      detail: null,
    });
  });
});
