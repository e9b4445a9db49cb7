// Demo mode as the core sees it: with no service URL configured, the app runs against simulators the host
// starts (main/demo). The core never imports them; it receives `startDemo` from the host.
import { createServer } from 'node:net';
import type { Logger } from '../../../common/logger';
import type { SourceKind } from '../../../common/settings-schema';

export interface EmbeddedDemo {
  /** The simulator's public (balancer) URL: the service URL the controller uses. */
  serviceUrl: string;
  /** The page to open as the customer. */
  customerUrl: string;
  /** The embedded Workspace API (same port), for the Workspace source in demo mode. */
  workspace: { url: string; clientId: string; apiKey: string };
  /** Which simulator serves the demo page's chat. */
  setChatSource(kind: SourceKind): void;
  /** Connects the demo chat desk to the app's local integration API. */
  connectDesk(api: { url: string; token: string }): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the embedded demo; the chat on its customer page goes to the chosen interaction source. */
export type StartDemo = (log: Logger, kind: SourceKind) => Promise<EmbeddedDemo>;

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
