// The Controller on a corporate network: Debian's squid with Basic authentication (the cluster's name
// resolves only there), a TLS balancer with a private chain whose root only the (temporary) OS store holds,
// the simulator behind it. Nothing configured but the service URL and the environment's HTTPS_PROXY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../common/protocol';
import { TransportKind } from '../../../common/settings-schema';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { createNetwork } from '../net/network';
import { makePki, type Pki } from '../net/test-support/pki';
import { squidSkipReason, startCorpProxy, type CorpProxy } from '../net/test-support/squid';
import { startTlsFront, type TlsFront } from '../net/test-support/tls-front';
import type { LinkState } from '../net/held-connection';
import { until } from '../test-support/until';
import { eventLog, testController } from './test-helpers';
import type { Controller } from './types';

const NAME = 'cobrowse.corp.test';

describe.skipIf(!!squidSkipReason)(
  `behind squid with a private CA${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    const fx = useSimulator({ nodes: 2, allowedOrigins: [`https://${NAME}:*`] });
    let pki: Pki;
    let proxy: CorpProxy;
    let front: TlsFront;
    const closers: Controller[] = [];
    beforeAll(async () => {
      pki = makePki('Corp');
      proxy = await startCorpProxy({ names: [NAME], users: { agent: 's3cret' } });
      front = await startTlsFront(pki.server([NAME]), proxy.hostAddress, new URL(fx.sim.url));
    }, 60_000);
    afterAll(async () => {
      await Promise.all(closers.map((c) => c.close()));
      await front?.close();
      await proxy?.stop();
      pki?.remove();
    });
    const controller = (transport: TransportKind, proxyUrl = proxy.url) => {
      const network = createNetwork({
        proxy: 'system',
        extraCaFile: '',
        allowPlainHttp: false,
        env: { HTTPS_PROXY: proxyUrl, SSL_CERT_FILE: pki.store([pki.rootPem]) },
      });
      const c = testController(`https://${NAME}:${front.port}`, { transport, network });
      closers.push(c);
      return c;
    };

    it.each(TransportKind.options)(
      '%s: joins, is activated and stops, all through the proxy',
      async (transport) => {
        const { sessionToken, sessionServerName } = await fx.customerSession();
        const c = controller(transport);
        const events = eventLog();
        const session = await c.join(sessionToken, events);
        await fx.member(sessionToken, sessionServerName, Role.agent);
        await events.waitFor((e) => e.type === 'activated');
        await session.stop();
        await events.waitFor((e) => e.type === 'deactivated');
      },
    );

    it('between sessions the light reads reachable through the proxy’s tunnel', async () => {
      const c = controller('long-polling');
      expect(await c.probe()).toEqual({ ok: true });
      const states: LinkState[] = [];
      const unwatch = c.watch((s) => states.push(s));
      await until(() => states.some((s) => s.up));
      unwatch();
    });

    it('wrong proxy credentials: the light says the proxy wants credentials, the held tunnel is down', async () => {
      const c = controller('long-polling', proxy.url.replace('s3cret', 'nope'));
      expect(await c.probe()).toMatchObject({ ok: false, detail: { code: 'proxy-auth-required' } });
      const states: LinkState[] = [];
      const unwatch = c.watch((s) => states.push(s));
      await until(() => states.length > 0);
      unwatch();
      expect(states[0]).toMatchObject({ up: false });
    });
  },
);
