// What certificate chain a server presents, on the route the network layer chose (through the proxy's tunnel
// when there is one), and whether our trust accepts it: for the connection check and for errors that name
// the issuer. The chain is read with verification off, then judged as the real clients judge it.
import https from 'node:https';
import { type PeerCertificate, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { watchProxy } from './http-client';
import type { Network } from './network';

export type TlsVerdict = 'trusted' | 'untrusted' | 'expired' | 'wrong-name';

export interface TlsReport {
  host: string;
  verdict: TlsVerdict;
  /** Node's code for the refusal (UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED, …). */
  error?: string;
  /** Who issued the server's certificate (its issuer's common name, or organisation). */
  issuer: string;
  /** Leaf first: `subject ← issuer (valid until)`. */
  chain: { subject: string; issuer: string; validTo: string }[];
}

const nameOf = (n: PeerCertificate['subject'] | undefined): string =>
  [n?.CN, n?.O].flat().find((v): v is string => !!v) ?? 'unnamed';

function chainOf(leaf: DetailedPeerCertificate): TlsReport['chain'] {
  const chain: TlsReport['chain'] = [];
  const seen = new Set<string>();
  for (
    let c: DetailedPeerCertificate | undefined = leaf;
    c?.raw && !seen.has(c.fingerprint256);
    c = c.issuerCertificate
  ) {
    seen.add(c.fingerprint256);
    chain.push({ subject: nameOf(c.subject), issuer: nameOf(c.issuer), validTo: c.valid_to });
  }
  return chain;
}

const verdictOf = (code: string | undefined): TlsVerdict =>
  !code
    ? 'trusted'
    : code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
      ? 'expired'
      : code === 'ERR_TLS_CERT_ALTNAME_INVALID'
        ? 'wrong-name'
        : 'untrusted';

/** Opens one https connection to `url` (a HEAD request, closed after) and judges its chain. */
export async function inspectTls(network: Network, url: string, timeoutMs = 5000): Promise<TlsReport> {
  const target = new URL(url.replace(/^ws/, 'http'));
  const route = await network.route(target.href);
  return new Promise((resolve, reject) => {
    const options = {
      method: 'HEAD',
      agent: route.agent,
      secureContext: route.secureContext,
      rejectUnauthorized: false, // read the chain whatever it is; judged below
      headers: { Connection: 'close' },
      timeout: timeoutMs,
    };
    const watch = watchProxy(target.host, route.route);
    const req = https.request(target, options as https.RequestOptions, (res) => {
      res.resume();
      const refused = watch.answered(res.statusCode ?? 0);
      if (refused) return reject(refused); // the proxy answered, not the server: no chain to read
      const socket = res.socket as TLSSocket;
      const leaf = socket.getPeerCertificate(true);
      const error = socket.authorized ? undefined : String(socket.authorizationError);
      resolve({
        host: target.host,
        verdict: verdictOf(error),
        ...(error ? { error } : {}),
        issuer: nameOf(leaf.issuer),
        chain: chainOf(leaf),
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${target.host} within ${timeoutMs} ms`)));
    req.on('proxyConnect', (connect: { statusCode: number }) => watch.connected(connect.statusCode));
    req.on('error', (e) => reject(watch.failed(e)));
    req.end();
  });
}

export const isTlsFailure = (code: string): boolean =>
  /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME_INVALID|HOSTNAME_MISMATCH/.test(code);
