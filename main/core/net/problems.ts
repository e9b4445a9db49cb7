// A NetworkFailure in the words of the contract: which proxy or certificate stood in the way. Certificate
// failures name the issuer, read from the server's chain on the same route (one more connection, only then).
import type { NetworkProblem } from '../../../common/contract';
import type { NetworkFailure } from './http-client';
import type { Network } from './network';
import { inspectTls, isTlsFailure, type TlsVerdict } from './tls-inspect';

const certificateCode = {
  untrusted: 'certificate-untrusted',
  expired: 'certificate-expired',
  'wrong-name': 'certificate-wrong-name',
} as const satisfies Record<Exclude<TlsVerdict, 'trusted'>, NetworkProblem['code']>;

/** The proxy's part of a failure, or plain http refused; undefined when neither (nor a certificate) is the cause. */
export function proxyProblem(f: NetworkFailure): NetworkProblem | undefined {
  const proxy = f.via.proxy ?? 'proxy';
  switch (f.code) {
    case 'PROXY_AUTH':
      return { code: 'proxy-auth-required', params: { proxy } };
    case 'PROXY_REFUSED':
      return { code: 'proxy-refused', params: { proxy, status: f.via.proxyStatus ?? 0 } };
    case 'PROXY_UNREACHABLE':
      return { code: 'proxy-unreachable', params: { proxy, cause: f.via.systemCode ?? f.code } };
    case 'PLAIN_HTTP_REFUSED':
      return { code: 'plain-http-refused', params: { host: f.host } };
    default:
      return undefined;
  }
}

/** What stood in the way of `url`; undefined when the failure is the service's own (refused, reset, silent). */
export async function explainFailure(
  network: Network,
  url: string,
  f: NetworkFailure,
): Promise<NetworkProblem | undefined> {
  const problem = proxyProblem(f);
  if (problem || !isTlsFailure(f.code)) return problem;
  const report = await inspectTls(network, `${new URL(url).origin}/`).catch(() => undefined);
  const verdict = report && report.verdict !== 'trusted' ? report.verdict : verdictOfCode(f.code);
  return { code: certificateCode[verdict], params: { host: f.host, issuer: report?.issuer ?? 'unknown' } };
}

const verdictOfCode = (code: string): Exclude<TlsVerdict, 'trusted'> =>
  /EXPIRED|NOT_YET_VALID/.test(code) ? 'expired' : /ALTNAME|HOSTNAME/.test(code) ? 'wrong-name' : 'untrusted';
