// Whether the Co-browse service can be reached, apart from any session: the probe (one GET, checked twice)
// and the watch (one held idle connection), each explaining what stands in the way when it cannot.
import type { ConnectionDetail } from '../../../common/contract';
import { paths } from '../../../common/protocol';
import { checkTwice } from '../net/deadline';
import { holdConnection } from '../net/held-connection';
import { NetworkFailure, type HttpClient } from '../net/http-client';
import { explainFailure } from '../net/problems';
import { RouteRefused, type Network } from '../net/network';
import type { Deadlines } from './session';
import type { LinkState, ProbeResult } from './types';

export type CaProblem = Extract<ConnectionDetail, { code: 'ca-file-unusable' }>;

/** What the controller's checks share: the route to the service and what may already rule it out. */
export interface ServiceLine {
  network: Network;
  client: HttpClient;
  serviceBase: string;
  deadlines: Deadlines;
  caProblem: CaProblem | undefined;
}

export async function probeService(line: ServiceLine): Promise<ProbeResult> {
  const { network, client, serviceBase, deadlines, caProblem } = line;
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
}

/**
 * Holds one idle connection to the service; `watches` keeps it while it is open so the controller's close
 * ends it. Returns the function that stops watching.
 */
export function watchService(
  { network, serviceBase, deadlines, caProblem }: ServiceLine,
  watches: Set<{ close(): void }>,
  isClosed: () => boolean,
  onChange: (state: LinkState) => void,
): () => void {
  if (caProblem) {
    onChange({ up: false, detail: caProblem });
    return () => {};
  }
  // The held connection goes the way requests go: through the proxy's tunnel when there is one.
  let held: { close(): void } | undefined;
  let stopped = false;
  void network.route(serviceBase).then(
    (r) => {
      if (stopped || isClosed()) return;
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
