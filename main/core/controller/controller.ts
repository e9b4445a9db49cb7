// The Controller factory: one keep-alive HTTP client shared by the sessions it joins, options checked once.
import { z } from 'zod';
import { createLogger, type Logger } from '../../../common/logger';
import { paths } from '../../../common/protocol';
import { ConnectionSettings } from '../../../common/settings-schema';
import { HttpClient } from '../net/http-client';
import { createNetwork, type Network } from '../net/network';
import { baseOf } from './owner';
import { probeService, watchService, type CaProblem, type ServiceLine } from './reachability';
import { defaultDeadlines, joinSession, type Deadlines } from './session';
import {
  ControllerError,
  type Controller,
  type ControllerSession,
  type JoinStep,
} from './types';

/** The connection settings (each defined in the settings schema), a real service URL, and tuning. */
export const ControllerOptions = ConnectionSettings.extend({
  /** The Co-browse service base, e.g. `https://cobrowse.example.com` (a trailing `/cobrowse` is tolerated). */
  serviceUrl: z.url({ protocol: /^https?$/ }),
  deadlines: z
    .object({
      restMs: z.number().int().positive(),
      handshakeMs: z.number().int().positive(),
      joinMs: z.number().int().positive(),
      disconnectMs: z.number().int().positive(),
      networkDelayMs: z.number().int().positive(),
      probeMs: z.number().int().positive(),
      pingMs: z.number().int().positive(),
    })
    .partial()
    .default({}),
  /** Open connections to the service right away so the first join pays no connection setup. */
  warmUp: z.boolean().default(true),
});
export type ControllerOptionsInput = z.input<typeof ControllerOptions> & {
  logger?: Logger;
  /** Told when each join step completes, with the ms since that join began. */
  onStep?: (step: JoinStep, elapsedMs: number) => void;
  /** The host's network layer (proxy and trust); default: one built from these options alone. */
  network?: Network;
};

export function createController(input: ControllerOptionsInput): Controller {
  const { logger: given, onStep, network: givenNetwork, ...rest } = input;
  const logger = (given ?? createLogger()).child('controller');
  const parsed = ControllerOptions.safeParse(rest);
  if (!parsed.success) throw new Error(`controller options: ${z.prettifyError(parsed.error)}`);
  const o = parsed.data;
  const serviceBase = baseOf(o.serviceUrl);
  const deadlines: Deadlines = { ...defaultDeadlines, ...o.deadlines };

  const network = givenNetwork ?? createNetwork(o);
  const caProblem = caProblemOf(network, logger);
  const client = new HttpClient(network);
  const line: ServiceLine = { network, client, serviceBase, deadlines, caProblem };
  const sessions = new Set<ControllerSession>();
  const watches = new Set<{ close(): void }>();
  let closed = false;

  if (o.warmUp && !caProblem) warmUp(line, logger);

  return {
    async join(token, options) {
      if (closed) throw new ControllerError('closed', 'the controller is closed', { step: 'validate' });
      if (caProblem) throw caFileError(caProblem, serviceBase);
      const session = await joinSession(token, options, {
        client,
        serviceBase,
        origin: o.origin || new URL(serviceBase).origin,
        stickiness: o.stickiness,
        transport: o.transport,
        agentName: o.agentName,
        deadlines,
        logger,
        onStep,
        onClosed: (s) => sessions.delete(s),
      });
      if (closed) {
        await session.close();
        throw new ControllerError('closed', 'the controller was closed during the join', { step: 'join' });
      }
      sessions.add(session);
      return session;
    },
    probe: () => probeService(line),
    watch: (onChange) => watchService(line, watches, () => closed, onChange),
    async close() {
      closed = true;
      for (const held of watches) held.close();
      watches.clear();
      await Promise.all([...sessions].map((s) => s.close()));
      if (!givenNetwork) network.close(); // a shared network is its owner's to close
    },
  };
}

/** An unreadable CA file must not crash the app: every join and check then explains it instead. */
function caProblemOf(network: Network, logger: Logger): CaProblem | undefined {
  const problem = network.trust.problem;
  if (!problem) return undefined;
  logger.error('the extra CA file cannot be used', problem);
  return { code: 'ca-file-unusable', params: problem };
}

function caFileError(caProblem: CaProblem, serviceBase: string): ControllerError {
  return new ControllerError(
    'unreachable',
    `the extra CA file ${caProblem.params.file} cannot be used: ${caProblem.params.problem}`,
    { step: 'get-session', host: new URL(serviceBase).host },
  );
}

/** Two sockets: a joined session holds one long-poll while it publishes on the other. */
function warmUp({ client, serviceBase, deadlines }: ServiceLine, logger: Logger): void {
  for (let i = 0; i < 2; i++)
    client
      .request(serviceBase + paths.cometd, { method: 'GET' }, AbortSignal.timeout(deadlines.restMs))
      .catch((e: unknown) => logger.debug('warm-up failed', { err: e }));
}
