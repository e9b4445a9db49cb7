// The Controller factory: one keep-alive HTTP client shared by the sessions it joins, options checked once.
import { z } from 'zod';
import { createLogger, type Logger } from '../../../common/logger';
import type { ConnectionDetail } from '../../../common/contract';
import { paths } from '../../../common/protocol';
import { ConnectionSettings } from '../../../common/settings-schema';
import { checkTwice } from '../net/deadline';
import { holdConnection } from '../net/held-connection';
import { HttpClient, NetworkFailure } from '../net/http-client';
import { explainFailure } from '../net/problems';
import { createNetwork, RouteRefused, type Network } from '../net/network';
import { baseOf } from './owner';
import { defaultDeadlines, joinSession, type Deadlines } from './session';
import {
  ControllerError,
  type Controller,
  type ControllerSession,
  type JoinStep,
  type ProbeResult,
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
  // An unreadable CA file must not crash the app: every join then explains it instead.
  const caProblem: Extract<ConnectionDetail, { code: 'ca-file-unusable' }> | undefined = network.trust
    .problem && {
    code: 'ca-file-unusable',
    params: network.trust.problem,
  };
  if (caProblem) logger.error('the extra CA file cannot be used', caProblem.params);
  const client = new HttpClient(network);
  const sessions = new Set<ControllerSession>();
  const watches = new Set<{ close(): void }>();
  let closed = false;

  if (o.warmUp && !caProblem)
    // Two sockets: a joined session holds one long-poll while it publishes on the other.
    for (let i = 0; i < 2; i++)
      client
        .request(serviceBase + paths.cometd, { method: 'GET' }, AbortSignal.timeout(deadlines.restMs))
        .catch((e: unknown) => logger.debug('warm-up failed', { err: e }));

  return {
    async join(token, options) {
      if (closed) throw new ControllerError('closed', 'the controller is closed', { step: 'validate' });
      if (caProblem)
        throw new ControllerError(
          'unreachable',
          `the extra CA file ${caProblem.params.file} cannot be used: ${caProblem.params.problem}`,
          {
            step: 'get-session',
            host: new URL(serviceBase).host,
          },
        );
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
    async probe() {
      const host = new URL(serviceBase).host;
      if (caProblem) return { ok: false, detail: caProblem };
      const url = serviceBase + paths.cometd;
      let result: ProbeResult = { ok: false, detail: { code: 'service-silent', params: { host } } };
      await checkTwice(deadlines.restMs, async (signal) => {
        try {
          // Any HTTP answer means the service is reachable (no endpoint's status decides it), unless a
          // balancer says what is behind it is gone.
          const reply = await client.request(url, { method: 'GET' }, signal);
          result = [502, 503, 504].includes(reply.status)
            ? { ok: false, detail: { code: 'service-http-status', params: { host, status: reply.status } } }
            : { ok: true };
        } catch (e) {
          result = { ok: false, detail: await unreachable(network, url, host, e) };
        }
        return result.ok;
      });
      return result;
    },
    watch(onChange) {
      if (caProblem) {
        onChange({ up: false, detail: caProblem });
        return () => {};
      }
      // The held connection goes the way requests go: through the proxy's tunnel when there is one.
      let held: { close(): void } | undefined;
      let stopped = false;
      void network.route(serviceBase).then(
        (r) => {
          if (stopped || closed) return;
          held = holdConnection(
            serviceBase,
            { route: r.route, secureContext: r.secureContext, connectTimeoutMs: deadlines.probeMs },
            onChange,
          );
          watches.add(held);
        },
        async (e: unknown) =>
          onChange({
            up: false,
            detail: await unreachable(network, serviceBase, new URL(serviceBase).host, e),
          }),
      );
      return () => {
        stopped = true;
        held?.close();
        if (held) watches.delete(held);
      };
    },
    async close() {
      closed = true;
      for (const held of watches) held.close();
      watches.clear();
      await Promise.all([...sessions].map((s) => s.close()));
      if (!givenNetwork) network.close(); // a shared network is its owner's to close
    },
  };
}

/** Why the service cannot be reached: the proxy or certificate in the way, else the system's code. */
async function unreachable(
  network: Network,
  url: string,
  host: string,
  e: unknown,
): Promise<ConnectionDetail> {
  if (e instanceof RouteRefused) return { code: 'plain-http-refused', params: { host } };
  const problem = e instanceof NetworkFailure ? await explainFailure(network, url, e) : undefined;
  if (problem) return problem;
  const cause = (e as Error & { code?: string }).code ?? (e as Error).message;
  return { code: 'service-unreachable', params: { host, cause } };
}
