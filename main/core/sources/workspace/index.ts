// The Genesys Workspace API connector (see README "Workspace API").
export { createWorkspaceSource, type WorkspaceSource, type WorkspaceSourceOptions } from './source';
export type { SecretStore } from './secret-store';
