// Shared by the lifecycle tests (vitest and Playwright): the real controller, the local API, the engine and
// the interaction-server simulator connected to it, all on 127.0.0.1, torn down by `close()`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InteractionServerSim } from '../../../../simulator/interactions';
import { createController } from '../../controller';
import { quietLogger, type Logger } from '../../../../common/logger';
import type { InteractionSource } from '../../sources/port';
import { createLocalApiSource } from '../../sources/local-api/server';
import { readDiscovery } from '../../../../common/node/local-api-discovery';
import { InteractionEngine, type EngineOptions, type EngineState } from '../engine';

export interface Lifecycle {
  engine: InteractionEngine;
  /** The desktop side: opens chats, relays messages, receives the attached data. */
  desk: InteractionServerSim;
  /** Every state the engine pushed, in order. */
  snapshots: EngineState[];
  state(): EngineState;
  close(): Promise<void>;
}

/** The real controller and an engine on `source` (journal in `dir`, fast retries), as the lifecycle tests use. */
export async function startEngine(
  serviceUrl: string,
  source: InteractionSource,
  dir: string,
  log: Logger,
  options: Partial<EngineOptions> = {},
) {
  const controller = createController({ serviceUrl, agentName: 'Ada', warmUp: false, logger: log });
  const engine = await InteractionEngine.create({
    controller,
    source,
    journalFile: join(dir, 'attached-data.journal'),
    log,
    backoff: { baseMs: 20, capMs: 200 },
    ...options,
  });
  return { controller, engine };
}

/** `desk` may be given so its routes can be mounted on a simulator before the app starts. */
export async function startLifecycle(
  serviceUrl: string,
  desk = new InteractionServerSim({ log: quietLogger() }),
  options: Partial<EngineOptions> = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'lifecycle-'));
  const log = quietLogger();
  const discoveryFile = join(dir, 'local-api.json');
  const source = createLocalApiSource({ port: 0, discoveryFile, log });
  const { controller, engine } = await startEngine(serviceUrl, source, dir, log, options);
  source.setStateProvider(() => engine.getState());
  const snapshots: EngineState[] = [];
  engine.subscribe((s) => snapshots.push(s));
  await engine.start();
  await desk.connect(await readDiscovery(discoveryFile));
  const lifecycle: Lifecycle = {
    engine,
    desk,
    snapshots,
    state: () => engine.getState(),
    async close() {
      await desk.disconnect();
      await engine.close();
      await controller.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return lifecycle;
}
