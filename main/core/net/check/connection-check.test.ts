// The connection check against real parts: squid with Basic authentication (the cluster's name resolves only
// there), a TLS load balancer with a private chain in front of the simulator, the root in a temporary OS store.
// Broken on purpose four ways, it names the failing step and whom to ask each time.
import { describe, expect, it } from 'vitest';
import { useSimulator } from '../../../../simulator/test-support/session-setup';
import { useCorpNetwork } from '../test-support/corp-network';
import { squidSkipReason } from '../test-support/squid';
import { formatReport, runConnectionCheck, type CheckReport } from './connection-check';

const NAME = 'cobrowse.corp.test';

describe.skipIf(!!squidSkipReason)(
  `connection check${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    const fx = useSimulator({ nodes: 2, allowedOrigins: [`https://${NAME}:*`] });
    const corp = useCorpNetwork(NAME, () => fx.sim.url);

    const check = (env: Record<string, string> = {}, origin = '') =>
      runConnectionCheck({
        network: corp.network(env),
        serviceUrl: corp.serviceUrl,
        origin,
        timeoutMs: 5000,
      });
    const failing = (r: CheckReport) =>
      r.steps.filter((s) => s.outcome === 'fail').map((s) => `${s.step} → ${s.ask}`);

    it('all set up: every step passes, the name resolving only for the proxy', async () => {
      const r = await check();
      expect(failing(r)).toEqual([]);
      expect(r.steps.map((s) => s.outcome)).toEqual(['info', 'pass', 'pass', 'pass', 'pass', 'pass', 'info']);
      const text = formatReport(r);
      expect(text).toMatch(/TLS certificate: issued by Corp Issuing CA/);
      expect(text).toMatch(/route to https:\/\/cobrowse\.corp\.test:\d+: http:\/\/a\*\*\*:\*\*\*@/);
      expect(text).not.toContain('s3cret');
      expect(text).toMatch(/VERDICT: every step passed/);
    });

    it('wrong proxy credentials: the proxy step fails → the proxy team', async () => {
      const r = await check({ HTTPS_PROXY: corp.squid.url.replace('s3cret', 'nope') });
      expect(failing(r)[0]).toBe('proxy → proxy team');
      expect(formatReport(r)).toMatch(/VERDICT: fails at "proxy" → ask the proxy team/);
    });

    it('the private root missing from the OS store: the TLS step fails naming the issuer → the PKI team', async () => {
      const r = await check({ SSL_CERT_FILE: corp.store(false) });
      expect(failing(r)[0]).toBe('proxy → PKI team');
      expect(r.steps.find((s) => s.step === 'TLS certificate')).toMatchObject({
        outcome: 'fail',
        ask: 'PKI team',
        detail: expect.stringMatching(/not trusted here .* issued by Corp Issuing CA/),
      });
    });

    it('an Origin the service does not allow: get-session fails → the Genesys team', async () => {
      const r = await check({}, 'https://elsewhere.example');
      expect(failing(r)).toEqual(['get-session with the Origin → Genesys team']);
    });

    it('WebSocket blocked at the load balancer: only the WebSocket handshake fails', async () => {
      corp.front.blockWebSocket = true;
      try {
        const r = await check();
        expect(failing(r)).toEqual(['CometD handshake (WebSocket) → network team']);
        expect(r.steps.find((s) => s.outcome === 'fail')?.detail).toMatch(/HTTP 400: WebSocket is blocked/);
      } finally {
        corp.front.blockWebSocket = false;
      }
    });
  },
);
