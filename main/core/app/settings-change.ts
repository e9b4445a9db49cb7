// The agent saves settings: the policy (what may change now), then the save, then what the change touches
// rebuilt: the controller for connection settings, the engine and its source for source settings or for
// entering or leaving demo mode.
import type { AppError, SettingsPatch } from '../../../common/contract';
import { isDemoMode, settingApplies, settingsKeys, type Settings } from '../../../common/settings-schema';
import { flagFor } from '../settings/flags';
import { saveUserSettings } from '../settings/store';
import { RequestRefused } from '../ipc/dispatch';
import { hasLiveSession, type CoreContext } from './context';
import { startRuntime } from './interaction-runtime';

type SettingsKey = (typeof settingsKeys)[number];

/** Why these changes may not be saved now; null when they may. */
export function settingsRefusal(
  changes: readonly SettingsKey[],
  live: boolean,
  flagged: Partial<Settings>,
): AppError | null {
  // Connection and source settings shape what a live session depends on: changed only while none is.
  if (changes.some((k) => settingApplies(k) !== 'app') && live) return { code: 'settings-during-session' };
  // Flags outrank the user's file: a change saved here would silently not apply while one is set.
  const pinned = changes.find((k) => k in flagged);
  if (pinned) return { code: 'set-on-command-line', params: { flag: flagFor(pinned) } };
  return null;
}

export async function changeSettings(ctx: CoreContext, patch: SettingsPatch): Promise<void> {
  const proposed: Partial<Settings> = patch;
  const changes = settingsKeys.filter((k) => k in proposed && proposed[k] !== ctx.loaded.settings[k]);
  const refusal = settingsRefusal(changes, hasLiveSession(ctx), ctx.flagged);
  if (refusal) throw new RequestRefused(refusal);
  const saved = await saveUserSettings(ctx.settingsPaths, patch);
  if (!saved.ok) throw new RequestRefused({ code: 'settings-invalid', params: { problem: saved.error } });
  const wasDemo = isDemoMode(ctx.loaded.settings);
  ctx.loaded = saved;
  const connection = changes.some((k) => settingApplies(k) === 'connection');
  const source = changes.some((k) => settingApplies(k) === 'source');
  if (connection || source) await ctx.link.apply(saved.settings);
  // The demo's chats live in its own simulators: entering or leaving it changes the source's world too.
  if (source || wasDemo !== isDemoMode(saved.settings)) {
    await ctx.runtime.close();
    ctx.runtime = await startRuntime(saved.settings, ctx.link.demo(), ctx.runtimeDeps);
    ctx.lastError = ctx.runtime.startProblem;
  }
  ctx.hooks.settingsChanged?.(saved.settings);
  ctx.changed();
}

/** Problems found while loading the settings files, as the one error the sidebar shows at start. */
export function settingsProblem(problems: string[]): AppError | null {
  if (problems.length === 0) return null;
  return { code: 'settings-problem', params: { problem: problems.join(' · ') } };
}
