// Demo mode: with no service URL configured, the app runs against the embedded Co-browse Server simulator,
// whose demo customer page carries a chat. The chat is served by the interaction-server simulator (local
// API source) or by the Workspace API simulator (Workspace source), whichever the settings choose: both
// answer the page's `/sim/interactions` calls. A newcomer can then play both sides of a real session.
import { createServer } from 'node:net';
import type { Logger } from '../log/logger';
import { startSimulator } from '../../../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../../../simulator/interactions';
import { WorkspaceSim, workspaceRoutes } from '../../../simulator/workspace';

export interface EmbeddedDemo {
  /** The simulator's public (balancer) URL: the service URL the controller uses. */
  serviceUrl: string;
  /** The page to open as the customer. */
  customerUrl: string;
  /** The embedded Workspace API (same port), for the Workspace source in demo mode. */
  workspace: { url: string; clientId: string };
  /** Which simulator serves the demo page's chat. */
  setChatSource(kind: 'local-api' | 'workspace'): void;
  /** Connects the demo chat desk to the app's local integration API. */
  connectDesk(api: { url: string; token: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedDemo(log: Logger, kind: 'local-api' | 'workspace'): Promise<EmbeddedDemo> {
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
    workspace: { url: sim.url, clientId: workspace.clientId },
    setChatSource: (k) => void (chatSource = k),
    connectDesk: (api) => desk.connect(api),
    async stop() {
      await desk.disconnect();
      await sim.stop();
      workspace.close();
    },
  };
}

/**
 * The local API port for demo mode: the configured one when free, else any free port. In demo mode only the
 * embedded chat desk connects, so a busy port (another copy of the app) must not cost the demo its chats.
 */
export async function demoLocalApiPort(configured: number, log: Logger): Promise<number> {
  const free = await new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(configured, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) log.info('demo mode: local API port busy, using a free one', { configured });
  return free ? configured : 0;
}
