// A private PKI made with openssl at test time, as an enterprise runs one: a root CA, an intermediate it
// signs, and server certificates the intermediate signs (served with the intermediate, as servers do). The
// root can be installed in a temporary "OS store" (a bundle file SSL_CERT_FILE points at, as OpenSSL reads it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServerCert {
  key: string;
  /** The server's certificate followed by the intermediate's (PEM). */
  chain: string;
}

export interface Pki {
  dir: string;
  /** The root's PEM file. */
  rootFile: string;
  rootPem: string;
  /** A server certificate for `names` (DNS names or IPs) signed by the intermediate; `expired`: ended yesterday. */
  server(names: string[], opts?: { expired?: boolean }): ServerCert;
  /** An "OS store": a bundle holding `pems` (e.g. the system's own bundle plus the root), for SSL_CERT_FILE. */
  store(pems: string[]): string;
  remove(): void;
}

export const hasOpenssl = ((): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function ext(dir: string, name: string, lines: string[]): string {
  const file = join(dir, `${name}.ext`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export function makePki(label = 'Corp'): Pki {
  const dir = mkdtempSync(join(tmpdir(), 'pki-'));
  const key = (name: string) => openssl(['genrsa', '-out', `${name}.key`, '2048'], dir);
  key('root');
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      'root.key',
      '-days',
      '2',
      '-subj',
      `/CN=${label} Root CA`,
      '-out',
      'root.pem',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
  key('inter');
  openssl(['req', '-new', '-key', 'inter.key', '-subj', `/CN=${label} Issuing CA`, '-out', 'inter.csr'], dir);
  const interExt = ext(dir, 'inter', [
    'basicConstraints=critical,CA:TRUE,pathlen:0',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'inter.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      interExt,
      '-out',
      'inter.pem',
    ],
    dir,
  );
  let serial = 0;
  return {
    dir,
    rootFile: join(dir, 'root.pem'),
    rootPem: readFileSync(join(dir, 'root.pem'), 'utf8'),
    server(names, opts = {}) {
      const n = `server${++serial}`;
      key(n);
      openssl(['req', '-new', '-key', `${n}.key`, '-subj', `/CN=${names[0]}`, '-out', `${n}.csr`], dir);
      const san = names.map((h) => (/^[\d.]+$|:/.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',');
      const file = ext(dir, n, [`subjectAltName=${san}`, 'extendedKeyUsage=serverAuth']);
      // An expired certificate: its end a day before its start (openssl 3.0 has no -not_after), now.
      const dates = ['-days', opts.expired ? '-1' : '2'];
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${n}.csr`,
          '-CA',
          'inter.pem',
          '-CAkey',
          'inter.key',
          '-CAcreateserial',
          ...dates,
          '-extfile',
          file,
          '-out',
          `${n}.pem`,
        ],
        dir,
      );
      const read = (f: string) => readFileSync(join(dir, f), 'utf8');
      return { key: read(`${n}.key`), chain: read(`${n}.pem`) + read('inter.pem') };
    },
    store(pems) {
      const file = join(dir, `store${++serial}.crt`);
      writeFileSync(file, pems.join('\n'));
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
