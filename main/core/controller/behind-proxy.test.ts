// The Controller on a corporate network: Debian's squid with Basic authentication (the cluster's name
// resolves only there), a TLS balancer with a private chain whose root only the (temporary) OS store holds,
// the simulator behind it. Nothing configured but the service URL and the environment's HTTPS_PROXY.
import { afterAll, describe, expect, it } from 'vitest';
import { Role } from '../../../common/protocol';
import { TransportKind } from '../../../common/settings-schema';
import { useSimulator } from '../../../simulator/test-support/session-setup';
import { useCorpNetwork } from '../net/test-support/corp-network';
import { squidSkipReason } from '../net/test-support/squid';
import type { LinkState } from '../net/held-connection';
import { until } from '../test-support/until';
import { eventLog, testController } from './test-support/controllers';
import type { Controller } from './types';

const NAME = 'cobrowse.corp.test';

describe.skipIf(!!squidSkipReason)(
  `behind squid with a private CA${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    const fx = useSimulator({ nodes: 2, allowedOrigins: [`https://${NAME}:*`] });
    const corp = useCorpNetwork(NAME, () => fx.sim.url);
    const closers: Controller[] = [];
    afterAll(() => Promise.all(closers.map((c) => c.close())));
    const controller = (transport: TransportKind, proxyUrl?: string) => {
      const network = corp.network(proxyUrl ? { HTTPS_PROXY: proxyUrl } : {});
      const c = testController(corp.serviceUrl, { transport, network });
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
      const c = controller('long-polling', corp.squid.url.replace('s3cret', 'nope'));
      expect(await c.probe()).toMatchObject({ ok: false, detail: { code: 'proxy-auth-required' } });
      const states: LinkState[] = [];
      const unwatch = c.watch((s) => states.push(s));
      await until(() => states.length > 0);
      unwatch();
      expect(states[0]).toMatchObject({ up: false });
    });
  },
);
