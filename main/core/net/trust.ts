// Which certificate authorities every HTTPS and WSS client trusts: the OS store's roots AND Node's bundled
// roots AND the administrator's extra PEM file, added together (never one replacing another), built once
// into one TLS context that every agent shares.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';

export interface TrustSource {
  kind: 'system' | 'node' | 'extra';
  /** Where the certificates were read: a file, a folder, or the API that gave them. */
  from: string;
  count: number;
}

export interface Trust {
  /** Every certificate, PEM, without duplicates. */
  ca: string[];
  sources: TrustSource[];
  context: tls.SecureContext;
  /** The extra CA file could not be used (the rest still applies). */
  problem?: { file: string; problem: string };
}

type Env = Readonly<Record<string, string | undefined>>;

// The usual bundle of each Linux family (Debian/Ubuntu, Fedora/RHEL, openSUSE, RHEL's extracted, Alpine):
// OpenSSL's default file, which SSL_CERT_FILE replaces.
const LINUX_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/ca-bundle.pem',
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem',
  '/etc/ssl/cert.pem',
];

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
export const pemsIn = (text: string): string[] => text.match(PEM) ?? [];

function readPems(file: string): string[] | undefined {
  try {
    return pemsIn(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** A certificate folder as OpenSSL reads it (SSL_CERT_DIR: folders separated by ':'). */
function readFolder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => (/\.(\d+|pem|crt)$/.test(n) ? (readPems(join(dir, n)) ?? []) : []));
}

type CaApi = (which: 'system' | 'bundled') => string[];
const caApi = (): CaApi | undefined => (tls as unknown as { getCACertificates?: CaApi }).getCACertificates;

/**
 * The OS store. Node ≥ 22.15 (Electron 45's main) reads it itself: `tls.getCACertificates('system')`
 * (Keychain, the Windows store, OpenSSL's paths on Linux). Node 20 cannot: there we read what OpenSSL would,
 * SSL_CERT_FILE (else the first Linux bundle that exists) and SSL_CERT_DIR.
 */
export function systemCertificates(env: Env = process.env): TrustSource & { pems: string[] } {
  const api = caApi();
  if (api && !env.SSL_CERT_FILE && !env.SSL_CERT_DIR) {
    const pems = api('system');
    return { kind: 'system', from: "tls.getCACertificates('system')", count: pems.length, pems };
  }
  const files = env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : LINUX_BUNDLES;
  const from: string[] = [];
  const pems: string[] = [];
  for (const file of files) {
    const found = readPems(file);
    if (!found) continue;
    pems.push(...found);
    from.push(file);
    break;
  }
  for (const dir of env.SSL_CERT_DIR?.split(':').filter(Boolean) ?? []) {
    const found = readFolder(dir);
    if (found.length) from.push(dir);
    pems.push(...found);
  }
  return { kind: 'system', from: from.join(', ') || 'none found', count: pems.length, pems };
}

function extraCertificates(file: string): { pems: string[] } | { problem: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { problem: (e as Error).message };
  }
  const pems = pemsIn(text);
  return pems.length
    ? { pems }
    : { problem: 'the file holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----")' };
}

const normal = (pem: string): string => pem.replace(/\s+/g, '');

/** The trust every client of the network layer uses; `extraCaFile` '' → none. */
export function buildTrust(extraCaFile: string, env: Env = process.env): Trust {
  const system = systemCertificates(env);
  const bundled = caApi()?.('bundled') ?? [...tls.rootCertificates];
  const sources: TrustSource[] = [
    { kind: 'system', from: system.from, count: system.count },
    { kind: 'node', from: 'Node.js bundled roots', count: bundled.length },
  ];
  const all = [...system.pems, ...bundled];
  let problem: Trust['problem'];
  if (extraCaFile) {
    const extra = extraCertificates(extraCaFile);
    if ('pems' in extra) {
      all.push(...extra.pems);
      sources.push({ kind: 'extra', from: extraCaFile, count: extra.pems.length });
    } else problem = { file: extraCaFile, problem: extra.problem };
  }
  const seen = new Set<string>();
  const ca = all.filter((p) => !seen.has(normal(p)) && !!seen.add(normal(p)));
  return { ca, sources, context: tls.createSecureContext({ ca }), ...(problem ? { problem } : {}) };
}

/** Where trust came from, one line for diagnostics. */
export const describeTrust = (t: Trust): string =>
  t.sources.map((s) => `${s.kind}: ${s.count} from ${s.from}`).join('; ') +
  (t.problem ? `; extra CA file unusable: ${t.problem.file}: ${t.problem.problem}` : '');
