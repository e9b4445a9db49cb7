// A corporate network for a test suite: a private PKI, Debian's squid with Basic authentication in its own
// namespace (the service's name resolves only there) and, when the suite gives a plain-http server to put
// behind it, a TLS balancer with the PKI's certificate for that name. `network()` builds the app's network
// layer as a managed desktop would have it: HTTPS_PROXY with the account, the root only in the OS store.
import { afterAll, beforeAll } from 'vitest';
import { createNetwork, type Network } from '../network';
import { makePki, type Pki } from './pki';
import { startCorpProxy, type CorpProxy } from './squid';
import { startTlsFront, type TlsFront } from './tls-front';

export interface CorpNetwork {
  readonly pki: Pki;
  readonly squid: CorpProxy;
  /** The TLS balancer (only when the suite named a server to put behind it). */
  readonly front: TlsFront;
  /** `https://<name>:<front port>` */
  readonly serviceUrl: string;
  /** The OS store with the private root (or without it: `withRoot` false). */
  store(withRoot?: boolean): string;
  network(env?: Record<string, string>): Network;
}

export function useCorpNetwork(name: string, behind?: () => string): CorpNetwork {
  let pki: Pki | undefined;
  let squid: CorpProxy | undefined;
  let front: TlsFront | undefined;
  const made: Network[] = [];
  beforeAll(async () => {
    pki = makePki('Corp');
    squid = await startCorpProxy({ names: [name], users: { agent: 's3cret' } });
    if (behind) front = await startTlsFront(pki.server([name]), squid.hostAddress, new URL(behind()));
  }, 60_000);
  afterAll(async () => {
    for (const n of made) n.close();
    await front?.close();
    await squid?.stop();
    pki?.remove();
  });
  const must = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`corporate network: no ${what}`);
    return v;
  };
  const corp: CorpNetwork = {
    get pki() {
      return must(pki, 'PKI');
    },
    get squid() {
      return must(squid, 'proxy');
    },
    get front() {
      return must(front, 'balancer');
    },
    get serviceUrl() {
      return `https://${name}:${corp.front.port}`;
    },
    store: (withRoot = true) => corp.pki.store(withRoot ? [corp.pki.rootPem] : []),
    network(env = {}) {
      const n = createNetwork({
        proxy: 'system',
        extraCaFile: '',
        allowPlainHttp: false,
        env: { HTTPS_PROXY: corp.squid.url, SSL_CERT_FILE: corp.store(), ...env },
      });
      made.push(n);
      return n;
    },
  };
  return corp;
}
