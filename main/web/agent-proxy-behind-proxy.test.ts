// The web edition's agent page on a corporate network: the agent proxy reaches the owner node through
// Debian's squid with Basic authentication (the node's name resolves only there), over TLS with a private
// chain whose root only the (temporary) OS store holds; the agent page and its WebSocket both come through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { quietLogger } from '../../common/logger';
import { useSimulator } from '../../simulator/test-support/session-setup';
import { useCorpNetwork } from '../core/net/test-support/corp-network';
import { squidSkipReason } from '../core/net/test-support/squid';
import { startAgentProxy, type AgentProxy } from './agent-proxy';

const NAME = 'cobrowse.corp.test';

describe.skipIf(!!squidSkipReason)(
  `agent page through squid${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    const fx = useSimulator({ nodes: 2 });
    const corp = useCorpNetwork(NAME, () => fx.sim.url);
    let agentProxy: AgentProxy;
    beforeAll(async () => {
      const network = corp.network();
      agentProxy = await startAgentProxy(quietLogger(), () => network);
    });
    afterAll(() => agentProxy?.close());

    it('serves the owner node’s agent page, fetched through the tunnel', async () => {
      const { sessionToken, sessionServerName } = await fx.customerSession();
      const page = agentProxy.expose({
        sessionId: 's1',
        url: `${corp.serviceUrl}/cobrowse/slave.html#nosidinput=1&sid=${sessionToken}`,
        cookie: `gcbSessionServer=${sessionServerName}`,
        poppedOut: false,
      });
      const res = await fetch(page.split('#')[0]!);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/<html/i);
      const ws = new WebSocket(page.split('#')[0]!.replace(/^http/, 'ws').replace('slave.html', 'cometd'));
      const opened = await new Promise<boolean>((resolve) => {
        ws.once('open', () => resolve(true));
        ws.once('error', () => resolve(false));
        ws.once('unexpected-response', () => resolve(false));
      });
      ws.terminate();
      expect(opened).toBe(true);
    });
  },
);
