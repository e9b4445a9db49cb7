// The sign-in half of the Workspace simulator, as Workspace Web Edition meets it in Genesys's own simulator:
// `GET /auth/v3/oauth/authorize` (our page signs the agent in at once, where Genesys shows its sign-in form) →
// `/workspace/v3/start?code=…&redirect_uri=…` → the app's `redirect_uri?code=…`. The code is redeemed once by
// initialize-workspace with the same redirect_uri (the server does the exchange: no token endpoint here, as
// a desktop app could not keep the client secret Genesys's token endpoint wants). Also access tokens for the
// pasted-token sign-in. The REST half (workspace-sim.ts) asks this one who a code or token belongs to.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sendJson } from '../http/io';
import { requestUrl } from '../../common/request-path';

interface Grant {
  expiresAt: number;
  revoked: boolean;
}

const Loopback = z.url({ protocol: /^http$/, hostname: /^127\.0\.0\.1$/ });

export class WorkspaceAuthSim {
  private readonly codes = new Map<string, { redirectUri: string }>();
  private readonly tokens = new Map<string, Grant>();

  constructor(readonly clientId: string) {}

  /** Handles the browser's part (`/auth/v3/oauth/authorize`, `/workspace/v3/start`); false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (req.method !== 'GET') return false;
    const q = Object.fromEntries(requestUrl(req.url)?.searchParams ?? []);
    if (path === '/auth/v3/oauth/authorize') {
      const redirect = Loopback.safeParse(q.redirect_uri);
      if (q.client_id !== this.clientId || !redirect.success || q.response_type !== 'code')
        sendJson(res, 400, { error: 'invalid_request', error_description: 'unknown client or redirect' });
      else {
        const code = randomBytes(16).toString('base64url');
        this.codes.set(code, { redirectUri: redirect.data });
        const start = new URL('/workspace/v3/start', 'http://sim');
        start.search = new URLSearchParams({
          code,
          redirect_uri: redirect.data,
          ...(q.state ? { state: q.state } : {}),
        }).toString();
        res.writeHead(302, { Location: `${start.pathname}${start.search}` }).end();
      }
      return true;
    }
    if (path === '/workspace/v3/start') {
      const redirect = Loopback.safeParse(q.redirect_uri);
      if (!redirect.success || !q.code)
        sendJson(res, 400, { status: { code: 400, message: 'no code or redirect_uri' } });
      else {
        const back = new URL(redirect.data);
        back.searchParams.set('code', q.code);
        if (q.state) back.searchParams.set('state', q.state);
        res.writeHead(302, { Location: back.toString() }).end();
      }
      return true;
    }
    return false;
  }

  /** initialize-workspace's exchange: true once per code, with the redirect_uri it was issued for. */
  redeem(code: string | undefined, redirectUri: string | undefined): boolean {
    const pending = this.codes.get(code ?? '');
    this.codes.delete(code ?? '');
    return !!pending && pending.redirectUri === redirectUri;
  }

  /** A valid access token, as if the agent had copied one from another tool (pasted-token sign-in). */
  issueToken(lifetimeS = 3600): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { expiresAt: Date.now() + lifetimeS * 1000, revoked: false });
    return token;
  }

  tokenValid(authorization: string | undefined): boolean {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const g = this.tokens.get(token);
    return !!g && !g.revoked && g.expiresAt > Date.now();
  }

  revokeAll(): void {
    for (const g of this.tokens.values()) g.revoked = true;
  }
}
