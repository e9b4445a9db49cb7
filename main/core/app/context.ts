// What the app core's parts share: the settings as loaded, the running engine and source, the error the
// sidebar shows, and the hooks of the host. The composition root (app-core.ts) builds it; the request
// handlers, the settings change and the sign-in flow read and replace its parts.
import { isLivePhase, type AppError, type JoinPhase } from '../../../common/contract';
import type { Logger } from '../../../common/logger';
import type { Settings } from '../../../common/settings-schema';
import type { InteractionEngine } from '../interactions/engine';
import type { LoadedSettings, SettingsPaths } from '../settings/store';
import type { HostHooks } from './host-hooks';
import type { Runtime, RuntimeDeps } from './interaction-runtime';
import type { ServiceLink } from './service-link';

export interface CoreContext {
  readonly hooks: HostHooks;
  readonly log: Logger;
  readonly link: ServiceLink;
  readonly settingsPaths: SettingsPaths;
  /** Settings given as command-line flags: they outrank the user's file. */
  readonly flagged: Partial<Settings>;
  readonly runtimeDeps: RuntimeDeps;
  readonly systemLocale: string | null;
  /** Replaced when the agent saves settings. */
  loaded: LoadedSettings;
  /** Replaced when the source (or demo mode) changes. */
  runtime: Runtime;
  /** The problem the sidebar shows (AppState.lastError). */
  lastError: AppError | null;
  /** Pushes a fresh state to every subscriber. */
  changed(): void;
}

export const engineOf = (ctx: CoreContext): InteractionEngine => ctx.runtime.engine;

export const phasesOf = (ctx: CoreContext): JoinPhase[] =>
  engineOf(ctx)
    .getState()
    .sessions.map((s) => s.phase);

export const hasLiveSession = (ctx: CoreContext): boolean => phasesOf(ctx).some(isLivePhase);

/** Shows a problem in the sidebar (or clears it with null) and pushes the state. */
export function showError(ctx: CoreContext, error: AppError | null): void {
  ctx.lastError = error;
  ctx.changed();
}
