// The app's link to the Co-browse service: the controller for the configured service (or the embedded demo
// when none is set), swapped as a whole when connection settings change, and a health probe that keeps the
// indicator honest between sessions (and the warm connection warm).
import type { AppState } from '../../../common/contract';
import { createController, type Controller, type ProbeResult } from '../controller';
import type { EmbeddedDemo, StartDemo } from './demo';
import type { Logger } from '../../../common/logger';
import { ConnectionSettings, isDemoMode, type Settings } from '../../../common/settings-schema';

const PROBE_INTERVAL_MS = 15_000;

export interface ServiceLink {
  /** Forwards to the current controller: the engine keeps this one for its whole life. */
  readonly controller: Controller;
  demo(): EmbeddedDemo | null;
  /** The indicator: the live sessions' connection, or between sessions whether the service answers. */
  connection(sessions: AppState['connection']): AppState['connection'];
  /** New connection settings; starts or stops the embedded demo as needed. */
  apply(settings: Settings): Promise<void>;
  close(): Promise<void>;
}

export async function startServiceLink(
  settings: Settings,
  log: Logger,
  startDemo: StartDemo,
  changed: () => void,
): Promise<ServiceLink> {
  let demo: EmbeddedDemo | null = null;
  let controller: Controller | undefined;
  let reachable: ProbeResult | null = null;
  const current = () => {
    if (!controller) throw new Error('service link not started');
    return controller;
  };

  async function probe(): Promise<void> {
    const probed = current();
    const result = await probed.probe();
    if (probed !== controller) return; // the service changed meanwhile
    const before = JSON.stringify(reachable);
    reachable = result;
    if (JSON.stringify(result) !== before) changed();
  }

  async function apply(s: Settings): Promise<void> {
    if (isDemoMode(s) && !demo) demo = await startDemo(log, s.source);
    else if (!isDemoMode(s) && demo) {
      await demo.stop();
      demo = null;
    }
    demo?.setChatSource(s.source);
    const old = controller;
    controller = createController({
      ...ConnectionSettings.parse(s),
      serviceUrl: demo ? demo.serviceUrl : s.serviceUrl,
      logger: log,
    });
    await old?.close();
    reachable = null;
    void probe();
  }

  await apply(settings);
  const timer = setInterval(() => void probe(), PROBE_INTERVAL_MS);
  timer.unref();

  return {
    controller: {
      join: (token, options) => current().join(token, options),
      probe: () => current().probe(),
      close: () => current().close(),
    },
    demo: () => demo,
    connection(sessions) {
      if (sessions.state !== 'idle' || !reachable) return sessions;
      return reachable.ok
        ? { state: 'idle', detail: 'Co-browse service reachable' }
        : { state: 'lost', detail: `Co-browse service unreachable: ${reachable.detail}` };
    },
    apply,
    async close() {
      clearInterval(timer);
      await controller?.close();
      await demo?.stop();
    },
  };
}
