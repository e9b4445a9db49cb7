// The core's shared parts, started in order: the settings, the service link, then the engine and its source
// (whose callbacks read the settings and the shown error, so those are there first).
import type { AppError } from '../../../common/contract';
import type { Logger } from '../../../common/logger';
import { settingsFromArgv } from '../settings/flags';
import { loadSettings, type SettingsPaths } from '../settings/store';
import { memorySecretStore } from '../sources/select';
import type { SecretStore } from '../sources/workspace';
import type { CoreContext } from './context';
import type { StartDemo } from './demo';
import type { HostHooks } from './host-hooks';
import { startRuntime, type RuntimeDeps } from './interaction-runtime';
import { startServiceLink } from './service-link';
import { settingsProblem } from './settings-change';
import { signInFlow, type SignInFlow } from './sign-in';

export interface ContextInput {
  dataDir: string;
  settings: SettingsPaths;
  localApiPort?: number | undefined;
  secrets?: SecretStore | undefined;
  hooks: HostHooks;
  startDemo: StartDemo;
  systemLocale?: string | undefined;
}

export async function startContext(
  input: ContextInput,
  log: Logger,
  changed: () => void,
): Promise<{ ctx: CoreContext; signIn: SignInFlow }> {
  const { hooks } = input;
  const loaded = await loadSettings(input.settings);
  for (const p of loaded.problems) log.warn('settings problem', { problem: p });
  // The parts the runtime's callbacks read, there before the runtime starts (its source reports at once).
  const shared = {
    hooks,
    log,
    settingsPaths: input.settings,
    flagged: settingsFromArgv(input.settings.argv ?? []).values,
    systemLocale: input.systemLocale ?? null,
    loaded,
    lastError: settingsProblem(loaded.problems),
    changed,
  };
  const show = (error: AppError) => {
    shared.lastError = error;
    changed();
  };
  const signIn = signInFlow(hooks, show);
  const link = await startServiceLink(loaded.settings, log, {
    startDemo: input.startDemo,
    changed,
    onOwner: hooks.ownerKnown,
  });
  const runtimeDeps: RuntimeDeps = {
    dataDir: input.dataDir,
    controller: link.controller,
    ...(input.localApiPort !== undefined ? { localApiPort: input.localApiPort } : {}),
    secrets: input.secrets ?? memorySecretStore(),
    openBrowser: signIn.openBrowser,
    debug: () => shared.loaded.settings.debug,
    maxSessions: () => shared.loaded.settings.maxConcurrentSessions,
    showError: show,
    log,
    changed,
  };
  const runtime = await startRuntime(loaded.settings, link.demo(), runtimeDeps);
  const ctx: CoreContext = Object.assign(shared, { link, runtimeDeps, runtime });
  ctx.lastError ??= runtime.startProblem;
  return { ctx, signIn };
}
