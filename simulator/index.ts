// The Co-browse Server simulator: a cluster of nodes behind a sticky front balancer (protocol.md). This is
// the programmatic entry tests and the CLI use; every node and the balancer listen on loopback.
import { createLogger, type Logger } from '../common/logger';
import { Balancer, type BalancerLogEntry, type ExtraRoute } from './cluster/balancer';
import type { BayeuxBatchEntry } from './cluster/bayeux-batch';
import { ClusterDirectory } from './cluster/directory';
import { SimNode } from './cluster/node';
import { defaultAllowedOrigins, originMatcher } from './http/origins';

export type { BalancerLogEntry, ExtraRoute } from './cluster/balancer';
export type { BayeuxBatchEntry } from './cluster/bayeux-batch';

export interface SimulatorOptions {
  /** Public (balancer) port; 0 picks a free one. */
  port?: number;
  /** Cluster size, default 2 (`node1`, `node2`, …). */
  nodes?: number;
  /** No activity from any client for this long ends a session (`inactivity-timeout`). Default 15 min. */
  inactivityTimeoutMs?: number;
  /** Origins get-session accepts; `scheme://host:*` allows any port. Default: the balancer + loopback. */
  allowedOrigins?: string[];
  /** Whether nodes report `sessionServerUrl` (URL-mode stickiness). Default true. */
  serverUrls?: boolean;
  /**
   * Answer as the Genesys docs' examples do, to test a client against them: join replies with a numeric
   * `userId`, no controller name and a history id that is not a UUID; REST errors as a bare status; and
   * `sessionServerUrl` behind a path prefix, `<balancer>/<node>/cobrowse` (the balancer routes it).
   */
  docsExamples?: boolean;
  /** Keep the `bayeux` log of every batch received (off by default: it grows with every request). */
  bayeuxLog?: boolean;
  /** The CometD long-poll timeout nodes advise (CometD's default 30 s); tests shorten it to bound their time. */
  longPollTimeoutMs?: number;
  /** Balancer host, default 127.0.0.1 (nodes always listen on 127.0.0.1). */
  host?: string;
  logger?: Logger;
  /**
   * Other simulators mounted on the same public port (`/sim/...` interactions, `/workspace/...`): each is
   * asked first, in order, and returns true when it handled the request.
   */
  routes?: ExtraRoute[];
}

export interface Simulator {
  /** The balancer's base URL, `http://127.0.0.1:<port>`: the one URL users see. */
  url: string;
  nodes: { name: string; url: string }[];
  balancer: { log: BalancerLogEntry[]; clearLog(): void };
  /** Every Bayeux batch the nodes received (HTTP requests and WebSocket frames), for cost benches. */
  bayeux: { log: BayeuxBatchEntry[]; clearLog(): void };
  /** Kills a node: its socket closes, its connections drop, its sessions are gone. */
  stopNode(name: string): Promise<void>;
  /** Brings a stopped node back on the same port, empty. */
  startNode(name: string): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_INACTIVITY_TIMEOUT_MS = 15 * 60_000;
const NODE_HOST = '127.0.0.1';

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger({ scope: 'simulator' });
  const count = options.nodes ?? 2;
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`nodes must be a positive integer, not ${count}`);
  const serverUrls = options.serverUrls ?? true;
  const docs = options.docsExamples ?? false;
  const directory = new ClusterDirectory();
  let publicUrl = '';
  let allowed = originMatcher(options.allowedOrigins ?? []);

  const bayeuxLog: BayeuxBatchEntry[] = [];
  const nodes: SimNode[] = [];
  for (let i = 1; i <= count; i++)
    nodes.push(
      new SimNode({
        name: `node${i}`,
        host: NODE_HOST,
        directory,
        inactivityTimeoutMs: options.inactivityTimeoutMs ?? DEFAULT_INACTIVITY_TIMEOUT_MS,
        originAllowed: (origin) => allowed(origin),
        serverUrlOf: (name) => {
          const node = nodes.find((n) => n.name === name);
          if (!serverUrls || !node) return undefined;
          return docs ? `${publicUrl}/${name}/cobrowse` : `${node.url}/cobrowse`;
        },
        longPollTimeoutMs: options.longPollTimeoutMs,
        onBatch: options.bayeuxLog ? (b) => bayeuxLog.push(b) : undefined,
        logger,
        docsExamples: docs,
      }),
    );
  const balancer = new Balancer(nodes, options.routes ?? [], logger.child('balancer'), docs);

  try {
    await Promise.all(nodes.map((n) => n.start()));
    const port = await balancer.listen(options.port ?? 0, host);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    publicUrl = url;
    if (!options.allowedOrigins) allowed = originMatcher(defaultAllowedOrigins(url));
    logger.info('simulator up', { url, nodes: nodes.map((n) => `${n.name} ${n.url}`) });

    const byName = (name: string) => {
      const node = nodes.find((n) => n.name === name);
      if (!node) throw new Error(`no node named ${name}`);
      return node;
    };
    return {
      url,
      nodes: nodes.map((n) => ({ name: n.name, url: n.url })),
      balancer: { log: balancer.log, clearLog: () => balancer.clearLog() },
      bayeux: { log: bayeuxLog, clearLog: () => void (bayeuxLog.length = 0) },
      stopNode: (name) => byName(name).stop(),
      startNode: (name) => byName(name).start(),
      stop: async () => {
        await Promise.all([balancer.close(), ...nodes.map((n) => n.stop())]);
        logger.info('simulator stopped');
      },
    };
  } catch (err) {
    await Promise.allSettled([balancer.close(), ...nodes.map((n) => n.stop())]);
    throw err;
  }
}
