// Builds the interaction source the settings ask for: the local integration API (default) or the Genesys
// Workspace API connector. In demo mode the Workspace connector talks to the embedded Workspace simulator.
import { join } from 'node:path';
import { DISCOVERY_FILE } from '../../../common/local-api-wire';
import type { Logger } from '../../../common/logger';
import type { Settings } from '../../../common/settings-schema';
import type { Network } from '../net/network';
import type { InteractionSource } from './port';
import { createLocalApiSource, type LocalApiSource } from './local-api/server';
import { createWorkspaceSource, type SecretStore, type WorkspaceSource } from './workspace';

export interface SourceDeps {
  dataDir: string;
  /** The local API port to listen on (settings, or a test's 0, or the demo's free port). */
  localApiPort: number;
  /** The Workspace API to use instead of the settings' (demo mode). */
  workspaceOverride: { url: string; clientId: string; apiKey: string } | null;
  secrets: SecretStore;
  openBrowser: (url: string) => Promise<void> | void;
  log: Logger;
  /** The app's network layer (proxy, trust): the Workspace source's REST, notifications and sign-in use it. */
  network?: Network | undefined;
}

export type SelectedSource =
  | { kind: 'local-api'; source: LocalApiSource }
  | { kind: 'workspace'; source: WorkspaceSource }
  | { kind: 'unconfigured'; source: InteractionSource };

export function selectSource(settings: Settings, deps: SourceDeps): SelectedSource {
  if (settings.source === 'workspace') {
    const url = deps.workspaceOverride?.url ?? settings.workspaceUrl;
    const clientId = deps.workspaceOverride?.clientId ?? settings.workspaceClientId;
    if (!url || !clientId) return { kind: 'unconfigured', source: unconfiguredWorkspace() };
    return {
      kind: 'workspace',
      source: createWorkspaceSource({
        workspaceUrl: url,
        clientId,
        apiKey: deps.workspaceOverride?.apiKey ?? settings.workspaceApiKey,
        redirectPort: settings.workspaceRedirectPort,
        dn: settings.workspaceDn,
        place: settings.workspacePlace,
        secrets: deps.secrets,
        openBrowser: deps.openBrowser,
        log: deps.log,
        ...(deps.network ? { network: deps.network } : {}),
      }),
    };
  }
  return {
    kind: 'local-api',
    source: createLocalApiSource({
      port: deps.localApiPort,
      discoveryFile: join(deps.dataDir, DISCOVERY_FILE),
      log: deps.log,
    }),
  };
}

/** Keeps secrets for this run only: for hosts without an OS keychain (the web edition). */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (key) => values.get(key),
    set: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}

/** The Workspace source chosen but not set up: says so, and typed joins keep working meanwhile. */
function unconfiguredWorkspace(): InteractionSource {
  return {
    kind: 'workspace',
    start: async (_onEvent, onStatus) =>
      onStatus({ state: 'down', detail: { code: 'workspace-not-set-up' } }),
    stop: async () => undefined,
    applyAttachedData: () => Promise.reject(new Error('the Workspace API URL and client id are not set')),
  };
}
