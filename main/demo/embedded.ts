// The demo the hosts inject into the core (`startDemo`): with no service URL configured, the app runs
// against the embedded Co-browse Server simulator, whose demo customer page carries a chat. The chat is
// served by the interaction-server simulator (local API source) or by the Workspace API simulator (Workspace
// source), whichever the settings choose: both answer the page's `/sim/interactions` calls. A newcomer can
// then play both sides of a real session.
import type { Logger } from '../../common/logger';
import type { EmbeddedDemo } from '../core/app/demo';
import { startSimulator } from '../../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../../simulator/interactions';
import { WorkspaceSim, workspaceRoutes } from '../../simulator/workspace';
import type { SourceKind } from '../../common/settings-schema';

export async function startEmbeddedDemo(log: Logger, kind: SourceKind): Promise<EmbeddedDemo> {
  const desk = new InteractionServerSim({ log: log.child('demo-desk') });
  const workspace = new WorkspaceSim({ log: log.child('demo-workspace') });
  const deskRoute = interactionRoutes(desk);
  const workspaceRoute = workspaceRoutes(workspace, { controlPrefix: '/sim/interactions' });
  let chatSource = kind;
  const sim = await startSimulator({
    port: 0,
    logger: log.child('simulator'),
    // The Workspace API itself is always served; the page's chat goes to the chosen desk.
    routes: [(req, res) => (chatSource === 'local-api' && deskRoute(req, res)) || workspaceRoute(req, res)],
  });
  log.info('demo mode: embedded simulator up', { url: sim.url });
  return {
    serviceUrl: sim.url,
    customerUrl: `${sim.url}/cobrowse/demo/`,
    workspace: { url: sim.url, clientId: workspace.clientId, apiKey: workspace.apiKey },
    setChatSource: (k) => void (chatSource = k),
    connectDesk: (api) => desk.connect(api),
    async stop() {
      await desk.disconnect();
      await sim.stop();
      workspace.close();
    },
  };
}
