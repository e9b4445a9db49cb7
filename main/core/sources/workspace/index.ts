// The Genesys Workspace API connector (docs/workspace.md).
export { createWorkspaceSource, type WorkspaceSource, type WorkspaceSourceOptions } from './source';
export type { SecretStore } from './secret-store';
