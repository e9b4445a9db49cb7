// The lifecycle engine with the interaction source the settings choose. Changing the source (or entering or
// leaving demo mode) rebuilds both; the outbox journal carries pending attached-data writes across.
import { join } from 'node:path';
import type { AppError } from '../../../common/contract';
import type { Controller } from '../controller';
import type { EmbeddedDemo } from './demo';
import { InteractionEngine } from '../interactions/engine';
import type { Logger } from '../../../common/logger';
import type { Settings } from '../../../common/settings-schema';
import { readDiscovery } from '../../../common/node/local-api-discovery';
import { LocalApiUnavailable } from '../sources/local-api/server';
import type { Network } from '../net/network';
import { selectSource, type SelectedSource } from '../sources/select';
import type { SecretStore } from '../sources/workspace';

export interface RuntimeDeps {
  dataDir: string;
  controller: Controller;
  /** Overrides the configured local API port (tests use 0). */
  localApiPort?: number;
  secrets: SecretStore;
  openBrowser: (url: string) => Promise<void> | void;
  debug: () => boolean;
  /** The `maxConcurrentSessions` setting, read at each join. */
  maxSessions: () => number;
  /** A refused join nobody waits for (local API). */
  showError: (error: AppError) => void;
  log: Logger;
  changed: () => void;
  /** The app's network layer, shared by the controller and the source. */
  network: Network;
}

export interface Runtime {
  engine: InteractionEngine;
  selected: SelectedSource;
  /** Why the source could not start, for the sidebar; null when it did. */
  startProblem: AppError | null;
  close(): Promise<void>;
}

export async function startRuntime(
  settings: Settings,
  demo: EmbeddedDemo | null,
  deps: RuntimeDeps,
): Promise<Runtime> {
  const selected = selectSource(settings, {
    dataDir: deps.dataDir,
    // A busy port (another copy of the app, another user's) is given up for a free one by the source itself.
    localApiPort: deps.localApiPort ?? settings.localApiPort,
    workspaceOverride: demo ? demo.workspace : null,
    secrets: deps.secrets,
    openBrowser: deps.openBrowser,
    log: deps.log,
    network: deps.network,
  });
  const engine = await InteractionEngine.create({
    controller: deps.controller,
    source: selected.source,
    journalFile: join(deps.dataDir, 'attached-data.journal'),
    log: deps.log,
    debug: deps.debug,
    maxSessions: deps.maxSessions,
    onProblem: deps.showError,
  });
  if (selected.kind === 'local-api') selected.source.setStateProvider(() => engine.getState());
  const unsubscribe = engine.subscribe(deps.changed);
  let startProblem: AppError | null = null;
  try {
    await engine.start();
    if (demo && selected.kind === 'local-api')
      await demo.connectDesk(await readDiscovery(selected.source.discoveryFile));
  } catch (err) {
    // A busy port must not keep the agent from typed joins: the sidebar says what is wrong.
    const message = err instanceof Error ? err.message : String(err);
    deps.log.error('interaction source did not start', { error: message });
    startProblem =
      err instanceof LocalApiUnavailable
        ? { code: 'local-api-unavailable', params: { problem: err.problem } }
        : { code: 'source-unavailable', params: { problem: message } };
  }
  return {
    engine,
    selected,
    startProblem,
    async close() {
      unsubscribe();
      await engine.close();
    },
  };
}
