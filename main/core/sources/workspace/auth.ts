// Sign-in with the Genesys Authentication API the way RFC 8252 asks of desktop apps: authorization code with
// PKCE (S256), in the system browser, redirected to a one-shot loopback listener on 127.0.0.1. The browser is
// opened by an injected function, so this module stays plain Node (Electron passes shell.openExternal).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { HttpClient } from '../../net/http-client';
import { TokenReply } from '../../../../common/workspace-wire';
import { requestUrl } from '../../../../common/request-path';

export interface Tokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** A refused or failed token request; `signedOut` means only a new sign-in can help (RFC 6749 invalid_grant). */
export class AuthError extends Error {
  constructor(
    message: string,
    readonly signedOut: boolean,
  ) {
    super(message);
  }
}

export interface AuthEndpoint {
  client: HttpClient;
  /** e.g. `https://gapi-use1.genesyscloud.com/auth/v3` */
  authBase: string;
  clientId: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

export function createPkce(): { verifier: string; challenge: string } {
  const verifier = b64url(randomBytes(48)); // 64 characters, within RFC 7636's 43..128
  return { verifier, challenge: b64url(createHash('sha256').update(verifier).digest()) };
}

async function tokenRequest(ep: AuthEndpoint, form: Record<string, string>, now: number): Promise<Tokens> {
  const url = `${ep.authBase}/oauth/token`;
  const reply = await ep.client.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ ...form, client_id: ep.clientId }).toString(),
  });
  let json: unknown;
  try {
    json = JSON.parse(reply.body);
  } catch {
    json = undefined;
  }
  if (reply.status === 400 || reply.status === 401) {
    const code = (json as { error?: unknown } | undefined)?.error;
    throw new AuthError(
      `the Authentication API refused the ${form.grant_type} grant (${typeof code === 'string' ? code : reply.status})`,
      true,
    );
  }
  const parsed = TokenReply.safeParse(json);
  if (reply.status !== 200 || !parsed.success)
    throw new AuthError(`the Authentication API answered ${reply.status} without a usable token`, false);
  return {
    accessToken: parsed.data.access_token,
    ...(parsed.data.refresh_token ? { refreshToken: parsed.data.refresh_token } : {}),
    expiresAt: now + parsed.data.expires_in * 1000,
  };
}

export function refreshTokens(ep: AuthEndpoint, refreshToken: string, now = Date.now()): Promise<Tokens> {
  return tokenRequest(ep, { grant_type: 'refresh_token', refresh_token: refreshToken }, now);
}

/** Revokes the token server-side; best effort (a sign-out must work offline too). */
export async function signOutRemote(ep: AuthEndpoint, accessToken: string): Promise<void> {
  await ep.client
    .request(`${ep.authBase}/sign-out`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${accessToken}` },
      body: '',
    })
    .catch(() => undefined);
}

export interface SignInOptions {
  /** Opens the URL in the system browser (Electron: `shell.openExternal`). */
  openBrowser: (url: string) => Promise<void> | void;
  /** How long the agent has to finish signing in. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Signed in</title><p>Signed in. You can close this tab and return to Cobrowse Agent Shell.</p>';

/** The full authorization-code + PKCE flow through a loopback redirect; resolves with fresh tokens. */
export async function signInWithBrowser(ep: AuthEndpoint, opts: SignInOptions): Promise<Tokens> {
  const pkce = createPkce();
  const state = b64url(randomBytes(24));
  let server: Server | undefined;
  try {
    const code = await new Promise<{ code: string; redirectUri: string }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new AuthError('sign-in was not completed in the browser in time', true)),
        opts.timeoutMs ?? 5 * 60_000,
      );
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      opts.signal?.addEventListener('abort', () => fail(new AuthError('sign-in cancelled', true)), {
        once: true,
      });
      let redirectUri = '';
      server = createServer((req, res) => {
        const url = requestUrl(req.url);
        if (url?.pathname !== '/callback') {
          res.writeHead(404).end();
          return;
        }
        const given = Buffer.from(url.searchParams.get('state') ?? '');
        const expected = Buffer.from(state);
        const error = url.searchParams.get('error');
        const got = url.searchParams.get('code');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(DONE_PAGE);
        if (given.length !== expected.length || !timingSafeEqual(given, expected))
          return fail(new AuthError('the sign-in redirect carried the wrong state (not our request)', true));
        if (error || !got)
          return fail(new AuthError(`sign-in refused: ${error ?? 'no code returned'}`, true));
        clearTimeout(timer);
        resolve({ code: got, redirectUri });
      });
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const address = server!.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        redirectUri = `http://127.0.0.1:${port}/callback`;
        const authorize = new URL(`${ep.authBase}/oauth/authorize`);
        for (const [k, v] of Object.entries({
          response_type: 'code',
          client_id: ep.clientId,
          redirect_uri: redirectUri,
          state,
          code_challenge: pkce.challenge,
          code_challenge_method: 'S256',
        }))
          authorize.searchParams.set(k, v);
        Promise.resolve(opts.openBrowser(authorize.toString())).catch(fail);
      });
    });
    return await tokenRequest(
      ep,
      {
        grant_type: 'authorization_code',
        code: code.code,
        redirect_uri: code.redirectUri,
        code_verifier: pkce.verifier,
      },
      Date.now(),
    );
  } finally {
    const s = server as Server | undefined;
    if (s) {
      s.closeAllConnections();
      s.close();
    }
  }
}

/** When to refresh: a quarter of the lifetime before expiry, at most a minute before, never in the past. */
export function refreshDelay(tokens: Tokens, now = Date.now()): number {
  const left = tokens.expiresAt - now;
  return Math.max(0, left - Math.min(60_000, left / 4));
}
