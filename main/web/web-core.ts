// The core as the web edition runs it: its settings under the data dir, demo mode on request, diagnostics the
// page downloads, and the state each page sees (the agent page behind the agent proxy).
import { join } from 'node:path';
import type { AppState } from '../../common/contract';
import type { Logger } from '../../common/logger';
import { createAppCore, type AppCore } from '../core/app-core';
import { diagnosticsFileName } from '../core/diagnostics/save-file';
import type { AgentProxy } from './agent-proxy';

export interface WebCoreOptions {
  dataDir: string;
  serviceUrl?: string;
  demo?: boolean;
  localApiPort?: number;
}

const appVersion = process.env.npm_package_version ?? 'dev';

export async function createWebCore(opts: WebCoreOptions, log: Logger, proxy: AgentProxy): Promise<AppCore> {
  const { dataDir } = opts;
  const argv = opts.demo ? ['--service-url', ''] : opts.serviceUrl ? ['--service-url', opts.serviceUrl] : [];
  const bundle = () =>
    core.diagnostics({
      app: { name: 'Cobrowse Agent Shell (web edition)', version: appVersion },
      runtime: { node: process.version, platform: `${process.platform} ${process.arch}` },
    });
  const core = await createAppCore({
    // Only demo mode needs the simulator and its packages: loaded then, not on every start.
    startDemo: async (...demo) => (await import('../demo/embedded')).startEmbeddedDemo(...demo),
    dataDir,
    settings: {
      userSettingsPath: join(dataDir, 'settings.json'),
      // The web edition is a user's own tool: no admin-wide layer.
      managedSettingsPath: join(dataDir, 'managed-settings.json'),
      argv,
    },
    log,
    ...(opts.localApiPort !== undefined ? { localApiPort: opts.localApiPort } : {}),
    hooks: {
      ownerKnown: (owner) => proxy.warm(owner),
      copyDiagnostics: () => bundle(),
      // The page downloads it: the browser's own download, no file dialog of ours.
      saveDiagnostics: async () => ({
        outcome: 'download',
        fileName: diagnosticsFileName(),
        text: await bundle(),
      }),
    },
  });
  return core;
}

/** What a page sees: the agent page URL points at the proxy, never straight at the node. */
export function pageState(core: AppCore, proxy: AgentProxy): () => AppState {
  return () => {
    const state = core.getState();
    proxy.retain(state.agentView ? [state.agentView.sessionId] : []);
    return state.agentView
      ? { ...state, agentView: { ...state.agentView, url: proxy.expose(state.agentView) } }
      : state;
  };
}
