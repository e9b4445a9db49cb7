// https with a private CA: a self-signed certificate made at test time (openssl), a real https server on
// 127.0.0.1. Trusted with the extra CA file, refused without it, with words that point at the fix.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionToken } from '../../../common/protocol';
import { eventLog, rejection, testController } from './test-helpers';
import type { Controller } from './types';

const hasOpenssl = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasOpenssl)('https with an extra CA file', () => {
  const dir = mkdtempSync(joinPath(tmpdir(), 'controller-ca-'));
  const cert = joinPath(dir, 'cert.pem');
  const key = joinPath(dir, 'key.pem');
  let server: Server;
  let base = '';
  const controllers: Controller[] = [];

  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (_req, res) =>
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":"session-not-found"}'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(controllers.map((c) => c.close()));
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });
  const join = (extraCaFile: string) => {
    const c = testController(base, { extraCaFile });
    controllers.push(c);
    return rejection(() => c.join(SessionToken.parse('123456789'), eventLog()));
  };

  it('trusts the server with the extra CA (the server answers: session not found)', async () => {
    expect(await join(cert)).toMatchObject({ code: 'session-not-found', details: { step: 'get-session' } });
  });

  it('without it: unreachable, naming the host and the CA setting', async () => {
    const e = await join('');
    expect(e).toMatchObject({ code: 'unreachable', details: { host: new URL(base).host } });
    expect(e.message).toMatch(/extra CA file/);
  });

  it('an unreadable CA file fails each join with a clear reason, not the app', async () => {
    const e = await join(joinPath(dir, 'missing.pem'));
    expect(e).toMatchObject({ code: 'unreachable' });
    expect(e.message).toContain('missing.pem');
  });
});
