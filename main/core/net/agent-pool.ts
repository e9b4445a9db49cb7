// The HTTP agents of the network layer: one pooled keep-alive agent per way out (direct or a proxy, each
// for TLS, plain http or a tunnel), and fresh ones for callers that pin their connections.
import http from 'node:http';
import https from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ProxyRoute } from './proxy-rules';

const SECURE = /^(https|wss):$/;

export function newAgent(target: URL, route: ProxyRoute): http.Agent {
  // keepAlive: a join reuses warm sockets; several, as a session holds a long-poll while it publishes.
  const opts = { keepAlive: true, keepAliveMsecs: 10_000 };
  if (route.kind === 'direct')
    return SECURE.test(target.protocol) ? new https.Agent(opts) : new http.Agent(opts);
  // ws: through a proxy needs a tunnel too: proxies forward no Upgrade on absolute-URI requests.
  return target.protocol === 'http:'
    ? new HttpProxyAgent(route.proxy, opts)
    : new HttpsProxyAgent(route.proxy, opts);
}

export interface AgentPool {
  agentFor(target: URL, route: ProxyRoute): http.Agent;
  /** Destroys every pooled agent and its sockets. */
  clear(): void;
}

export function createAgentPool(): AgentPool {
  const agents = new Map<string, http.Agent>();
  return {
    agentFor(target, route) {
      const kind = route.kind === 'direct' ? 'direct' : route.proxy.href;
      const key = `${kind} ${SECURE.test(target.protocol) ? 'tls' : target.protocol === 'http:' ? 'plain' : 'tunnel'}`;
      let agent = agents.get(key);
      if (!agent) agents.set(key, (agent = newAgent(target, route)));
      return agent;
    },
    clear() {
      for (const a of agents.values()) a.destroy();
      agents.clear();
    },
  };
}
