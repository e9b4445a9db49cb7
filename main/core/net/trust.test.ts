// Trust through the OS store: a private root → intermediate → server chain made with openssl, the root
// installed in a temporary "OS store" (the bundle SSL_CERT_FILE names, or a folder SSL_CERT_DIR names, as
// OpenSSL reads them), a real https server on 127.0.0.1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, type NetworkFailure } from './http-client';
import { createNetwork } from './network';
import { explainFailure } from './problems';
import { inspectTls } from './tls-inspect';
import { buildTrust } from './trust';
import { hasOpenssl, makePki, type Pki } from './test-support/pki';
import { startTlsServer, type TlsServer } from './test-support/tls-server';

describe.skipIf(!hasOpenssl)('trust: the OS store, Node roots and the extra CA file, added', () => {
  let pki: Pki;
  let good: TlsServer;
  let expired: TlsServer;
  let wrongName: TlsServer;
  let otherPki: Pki;
  beforeAll(async () => {
    pki = makePki('Corp');
    otherPki = makePki('Elsewhere');
    good = await startTlsServer(pki.server(['127.0.0.1']), '127.0.0.1');
    expired = await startTlsServer(pki.server(['127.0.0.1'], { expired: true }), '127.0.0.1');
    wrongName = await startTlsServer(pki.server(['cobrowse.other.test']), '127.0.0.1');
  }, 60_000);
  afterAll(async () => {
    await Promise.all([good, expired, wrongName].map((s) => s?.close()));
    pki?.remove();
    otherPki?.remove();
  });

  const networkWith = (env: Record<string, string>, extraCaFile = '') =>
    createNetwork({ proxy: 'direct', extraCaFile, allowPlainHttp: false, env });
  const get = (env: Record<string, string>, server: TlsServer, extraCaFile = '') =>
    new HttpClient(networkWith(env, extraCaFile)).request(
      `https://127.0.0.1:${server.port}/cobrowse/health`,
      { method: 'GET' },
      AbortSignal.timeout(5000),
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: NetworkFailure) => e,
    );

  it('a root only the OS store has (SSL_CERT_FILE) is trusted: the server answers', async () => {
    const store = pki.store([pki.rootPem]);
    expect((await get({ SSL_CERT_FILE: store }, good)).status).toBe(404);
  });

  it('a root in an SSL_CERT_DIR folder is trusted as OpenSSL trusts it', async () => {
    const dir = join(pki.dir, 'certs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'corp-root.pem'), pki.rootPem);
    const empty = otherPki.store([]);
    expect((await get({ SSL_CERT_FILE: empty, SSL_CERT_DIR: dir }, good)).status).toBe(404);
  });

  it('without it: refused, and the problem names the issuer', async () => {
    const env = { SSL_CERT_FILE: otherPki.store([otherPki.rootPem]) };
    const f = await failure(get(env, good));
    expect(f?.code).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(await explainFailure(networkWith(env), `https://127.0.0.1:${good.port}/`, f!)).toEqual({
      code: 'certificate-untrusted',
      params: { host: `127.0.0.1:${good.port}`, issuer: 'Corp Issuing CA' },
    });
  });

  it('the extra CA file is added to the OS store and Node roots, never replacing them', async () => {
    const env = { SSL_CERT_FILE: otherPki.store([otherPki.rootPem]) };
    expect((await get(env, good, pki.rootFile)).status).toBe(404);
    const trust = buildTrust(pki.rootFile, env);
    const normal = (p: string) => p.replace(/\s+/g, '');
    const has = (pem: string) => trust.ca.some((c) => normal(c) === normal(pem));
    expect(has(otherPki.rootPem) && has(pki.rootPem) && has(tls.rootCertificates[0]!)).toBe(true);
    expect(trust.sources.map((s) => s.kind)).toEqual(['system', 'node', 'extra']);
  });

  it('expired and wrong-name certificates are told apart, each naming the issuer', async () => {
    const env = { SSL_CERT_FILE: pki.store([pki.rootPem]) };
    const net = networkWith(env);
    const late = await failure(get(env, expired));
    expect(late?.code).toBe('CERT_HAS_EXPIRED');
    expect(await explainFailure(net, `https://127.0.0.1:${expired.port}/`, late!)).toMatchObject({
      code: 'certificate-expired',
      params: { issuer: 'Corp Issuing CA' },
    });
    const named = await failure(get(env, wrongName));
    expect(named?.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(await explainFailure(net, `https://127.0.0.1:${wrongName.port}/`, named!)).toMatchObject({
      code: 'certificate-wrong-name',
      params: { issuer: 'Corp Issuing CA' },
    });
  });

  it('the chain as the server sent it: leaf, then the intermediate, then the root', async () => {
    const report = await inspectTls(
      networkWith({ SSL_CERT_FILE: pki.store([pki.rootPem]) }),
      `https://127.0.0.1:${good.port}/`,
    );
    expect(report).toMatchObject({ verdict: 'trusted', issuer: 'Corp Issuing CA' });
    expect(report.chain.map((c) => `${c.subject} <- ${c.issuer}`)).toEqual([
      '127.0.0.1 <- Corp Issuing CA',
      'Corp Issuing CA <- Corp Root CA',
      'Corp Root CA <- Corp Root CA',
    ]);
  });

  it('an extra CA file that holds no certificate is reported; the OS store still applies', () => {
    const trust = buildTrust(pki.store([]), { SSL_CERT_FILE: pki.store([pki.rootPem]) });
    expect(trust.problem?.problem).toMatch(/no PEM certificate/);
    expect(trust.ca.length).toBeGreaterThan(tls.rootCertificates.length);
  });
});
