// Demo mode: with no service URL configured, the app runs against the embedded Co-browse Server simulator,
// whose demo customer page carries a chat served by the interaction-server simulator. A newcomer can then
// play both sides of a real session on one machine.
import { createServer } from 'node:net';
import type { Logger } from '../log/logger';
import { startSimulator } from '../../../simulator/index';
import { InteractionServerSim, interactionRoutes } from '../../../simulator/interactions';

export interface EmbeddedDemo {
  /** The simulator's public (balancer) URL: the service URL the controller uses. */
  serviceUrl: string;
  /** The page to open as the customer. */
  customerUrl: string;
  /** Connects the demo chat desk to the app's local integration API. */
  connectDesk(api: { url: string; token: string }): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmbeddedDemo(log: Logger): Promise<EmbeddedDemo> {
  const desk = new InteractionServerSim({ log: log.child('demo-desk') });
  const sim = await startSimulator({
    port: 0,
    logger: log.child('simulator'),
    routes: [interactionRoutes(desk)],
  });
  log.info('demo mode: embedded simulator up', { url: sim.url });
  return {
    serviceUrl: sim.url,
    customerUrl: `${sim.url}/cobrowse/demo/`,
    connectDesk: (api) => desk.connect(api),
    async stop() {
      await desk.disconnect();
      await sim.stop();
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
