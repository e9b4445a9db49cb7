// Through a corporate proxy: Debian's squid with Basic authentication in a network namespace, the cluster's
// name resolvable only inside squid, an https server with a private chain whose root only the (temporary) OS
// store holds. Every route the network layer can take is exercised against it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { HttpClient, type NetworkFailure } from './http-client';
import { createNetwork, type NetworkOptions } from './network';
import { explainFailure } from './problems';
import { makePki, type Pki } from './test-support/pki';
import { squidSkipReason, startCorpProxy, type CorpProxy } from './test-support/squid';
import { startTlsServer, type TlsServer } from './test-support/tls-server';
import { until } from '../test-support/until';

const NAME = 'cobrowse.corp.test';
const PLAIN_NAME = 'plain.corp.test';

describe.skipIf(!!squidSkipReason)(
  `through squid with Basic authentication${squidSkipReason ? ` (skipped: ${squidSkipReason})` : ''}`,
  () => {
    let pki: Pki;
    let proxy: CorpProxy;
    let server: TlsServer;
    let plain: Server;
    let plainPort = 0;
    let pacServer: Server;
    let pacUrl = '';
    let store = '';
    beforeAll(async () => {
      pki = makePki('Corp');
      proxy = await startCorpProxy({ names: [NAME, PLAIN_NAME], users: { agent: 's3cret' } });
      server = await startTlsServer(pki.server([NAME]), proxy.hostAddress);
      store = pki.store([pki.rootPem]);
      plain = createServer((_req, res) => res.writeHead(404).end());
      await new Promise<void>((r) => plain.listen(0, proxy.hostAddress, r));
      plainPort = (plain.address() as AddressInfo).port;
      const proxyHost = new URL(proxy.bare).host;
      pacServer = createServer((_req, res) =>
        res.writeHead(200, { 'Content-Type': 'application/x-ns-proxy-autoconfig' })
          .end(`function FindProxyForURL(url, host) {
  return dnsDomainIs(host, ".corp.test") ? "PROXY ${proxyHost}; DIRECT" : "DIRECT";
}`),
      );
      await new Promise<void>((r) => pacServer.listen(0, '127.0.0.1', r));
      pacUrl = `http://127.0.0.1:${(pacServer.address() as AddressInfo).port}/proxy.pac`;
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      for (const s of [plain, pacServer]) {
        s?.closeAllConnections();
        await new Promise((r) => s?.close(r));
      }
      await proxy?.stop();
      pki?.remove();
    });

    const url = () => `https://${NAME}:${server.port}/cobrowse/health`;
    const net = (o: Partial<NetworkOptions> & { env?: Record<string, string> }) =>
      createNetwork({
        proxy: 'system',
        extraCaFile: '',
        allowPlainHttp: false,
        ...o,
        env: { SSL_CERT_FILE: store, ...o.env },
      });
    const get = (n: ReturnType<typeof net>, target = url()) =>
      new HttpClient(n).request(target, { method: 'GET' }, AbortSignal.timeout(8000));
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: NetworkFailure) => e,
      );

    it('HTTPS_PROXY with user:password@: the service answers, through a CONNECT tunnel', async () => {
      const before = server.seen.length;
      const n = net({ env: { HTTPS_PROXY: proxy.url } });
      expect((await get(n)).status).toBe(404);
      expect(server.seen.length).toBe(before + 1);
      n.close(); // squid logs a tunnel when it closes
      await until(() => proxy.accessLog().some((l) => l.includes(`CONNECT ${NAME}:${server.port} agent `)));
    });

    it('a direct attempt fails: the name resolves only behind the proxy', async () => {
      const f = await failure(get(net({ proxy: 'direct' })));
      expect(f?.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    });

    it('NO_PROXY naming the domain (either case) sends it direct', async () => {
      const f = await failure(get(net({ env: { https_proxy: proxy.url, NO_PROXY: '.corp.test' } })));
      expect(f?.code).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
    });

    it('wrong credentials: the proxy wants credentials (407), named with the password masked', async () => {
      const wrong = proxy.url.replace('s3cret', 'wrong');
      const n = net({ env: { HTTPS_PROXY: wrong } });
      const f = await failure(get(n));
      expect(f?.code).toBe('PROXY_AUTH');
      const problem = await explainFailure(n, url(), f!);
      expect(problem).toEqual({
        code: 'proxy-auth-required',
        params: { proxy: `http://a***:***@${new URL(proxy.bare).host} (environment)` },
      });
      expect(JSON.stringify(problem)).not.toContain('wrong');
    });

    it('no proxy listening there: the proxy is unreachable (not the service)', async () => {
      const n = net({ proxy: `http://${proxy.hostAddress}:9` });
      const f = await failure(get(n));
      expect(await explainFailure(n, url(), f!)).toMatchObject({
        code: 'proxy-unreachable',
        params: { cause: 'ECONNREFUSED' },
      });
    });

    it('the system resolver (the desktop: Chromium’s) names the proxy; Basic credentials from the environment', async () => {
      const asked: string[] = [];
      const n = net({
        resolveSystemProxy: async (u) => (asked.push(u), `PROXY ${new URL(proxy.bare).host}; DIRECT`),
        env: { HTTPS_PROXY: proxy.url },
      });
      expect((await get(n)).status).toBe(404);
      expect(asked).toEqual([`https://${NAME}:${server.port}/cobrowse/health`]);
      expect(n.describe().routes[`https://${NAME}:${server.port}`]).toMatch(
        /^http:\/\/a\*\*\*:\*\*\*@.* \(system\)$/,
      );
    });

    it('the proxy setting as a PAC URL: the script chooses the proxy', async () => {
      const n = net({ proxy: pacUrl, env: { HTTPS_PROXY: proxy.url } });
      expect((await get(n)).status).toBe(404);
      expect(n.describe().routes[`https://${NAME}:${server.port}`]).toMatch(/\(pac\)$/);
    });

    it('a WebSocket (wss) goes through the same tunnel, with the same trust', async () => {
      const n = net({ env: { HTTPS_PROXY: proxy.url } });
      const wssUrl = `wss://${NAME}:${server.port}/cometd`;
      const route = await n.route(wssUrl);
      const ws = new WebSocket(wssUrl, {
        agent: route.agent,
        ...({ secureContext: route.secureContext } as object),
      });
      const echoed = await new Promise<string>((resolve, reject) => {
        ws.once('open', () => ws.send('ping'));
        ws.once('message', (m: Buffer) => resolve(m.toString()));
        ws.once('error', reject);
      });
      ws.close();
      expect(echoed).toBe('ping');
    });

    it('plain http to a host other than loopback: refused unless the administrator allows it', async () => {
      const target = `http://${PLAIN_NAME}:${plainPort}/`;
      const refused = await failure(get(net({ env: { HTTP_PROXY: proxy.url } }), target));
      expect(refused?.code).toBe('PLAIN_HTTP_REFUSED');
      const allowed = net({ allowPlainHttp: true, env: { HTTP_PROXY: proxy.url } });
      expect((await get(allowed, target)).status).toBe(404);
      expect(proxy.accessLog().some((l) => l.includes(`GET http://${PLAIN_NAME}:${plainPort}/`))).toBe(true);
    });
  },
);
