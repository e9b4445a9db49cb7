// The Genesys Workspace API simulator (docs/workspace.md).
export {
  WorkspaceSim,
  type SimChat,
  type SimCall,
  type SimAgent,
  type WorkspaceSimOptions,
} from './workspace-sim';
export { WorkspaceAuthSim } from './auth-sim';
export { workspaceRoutes, CONTROL_PREFIX } from './routes';
