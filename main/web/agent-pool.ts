// The agent proxy's connections to owner nodes: one keep-alive agent per node (not per host: a balancer may
// pin a connection to a node), so the agent page's requests do not each pay a TCP connect across the link,
// and one node's connection never carries another node's requests. Each agent is on the network layer's
// route (the proxy, the trust) for its node.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Network, Route } from '../core/net/network';

/** A route's owner node: its origin and stickiness cookie, the key of its agent and warmed responses. */
export const nodeKey = (owner: string, cookie: string | null) => `${owner} ${cookie ?? ''}`;

/** The request function for a target's scheme. */
export const requestTo = (target: URL) => (target.protocol === 'https:' ? httpsRequest : httpRequest);

export class AgentPool {
  private readonly agents = new Map<string, Promise<Route>>();

  /** `needed` names the node keys still in use (routes, warmed responses): the others are closed by `sweep`. */
  constructor(
    private readonly network: () => Network,
    private readonly needed: () => ReadonlySet<string>,
  ) {}

  /** The node's agent with the TLS context to pass beside it; rejects when no route is allowed (plain http). */
  agentFor(owner: string, cookie: string | null): Promise<Route> {
    const key = nodeKey(owner, cookie);
    let agent = this.agents.get(key);
    if (!agent) {
      agent = this.network().ownAgent(owner);
      agent.catch(() => this.agents.delete(key));
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Agents of nodes no route and no warmed response needs any more are closed. */
  sweep(): void {
    const needed = this.needed();
    for (const [key, agent] of this.agents)
      if (!needed.has(key)) {
        destroy(agent);
        this.agents.delete(key);
      }
  }

  close(): void {
    for (const agent of this.agents.values()) destroy(agent);
    this.agents.clear();
  }
}

/** Closes an agent's sockets once it exists; one that never came (no route allowed) has none. */
function destroy(agent: Promise<Route>): void {
  void agent.then(
    (r) => r.agent.destroy(),
    () => undefined,
  );
}
