// The agent proxy's connections to owner nodes: one keep-alive agent per node (not per host: a balancer may
// pin a connection to a node), so the agent page's requests do not each pay a TCP connect across the link,
// and one node's connection never carries another node's requests.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** A route's owner node: its origin and stickiness cookie, the key of its agent and warmed responses. */
export const nodeKey = (owner: string, cookie: string | null) => `${owner} ${cookie ?? ''}`;

/** The request function for a target's scheme. */
export const requestTo = (target: URL) => (target.protocol === 'https:' ? httpsRequest : httpRequest);

export class AgentPool {
  private readonly agents = new Map<string, HttpAgent>();

  /** `needed` names the node keys still in use (routes, warmed responses): the others are closed by `sweep`. */
  constructor(private readonly needed: () => ReadonlySet<string>) {}

  agentFor(owner: string, cookie: string | null): HttpAgent {
    const key = nodeKey(owner, cookie);
    let agent = this.agents.get(key);
    if (!agent) {
      agent = owner.startsWith('https:')
        ? new HttpsAgent({ keepAlive: true })
        : new HttpAgent({ keepAlive: true });
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Agents of nodes no route and no warmed response needs any more are closed. */
  sweep(): void {
    const needed = this.needed();
    for (const [key, agent] of this.agents)
      if (!needed.has(key)) {
        agent.destroy();
        this.agents.delete(key);
      }
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }
}
