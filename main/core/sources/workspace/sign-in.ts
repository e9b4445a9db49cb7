// Sign-in as Workspace Web Edition does it: the system browser opens `<url>/auth/v3/oauth/authorize`
// (response_type=code), the agent signs in on Genesys's page, and the browser comes back to a one-shot loopback
// listener on 127.0.0.1 with a code. The code is not exchanged here: it goes to initialize-workspace with the
// same redirect_uri and the server does the exchange (its token endpoint wants client credentials a desktop
// app cannot keep). The browser is opened by an injected function, so this module stays plain Node.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { requestUrl } from '../../../../common/request-path';

/** A refused, abandoned or foreign sign-in. */
export class SignInError extends Error {}

export interface AuthorizedCode {
  code: string;
  redirectUri: string;
  /** The state we sent; the Java client hands it to initialize-workspace too. */
  state: string;
}

export interface BrowserSignInOptions {
  /** e.g. `https://gapi-use1.genesyscloud.com/auth/v3` */
  authBase: string;
  clientId: string;
  /** The loopback port registered in the redirect URI; 0 → any free port (RFC 8252 §7.3). */
  port?: number;
  /** Opens the URL in the system browser (Electron: `shell.openExternal`). */
  openBrowser: (url: string) => Promise<void> | void;
  /** How long the agent has to finish signing in. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Told once when the redirect came back without our state (Genesys's simulator sends none). */
  onMissingState?: () => void;
}

const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>Signed in</title><p>Signed in. You can close this tab and return to Cobrowse Agent Shell.</p>';

/** The authorization-code redirect through the system browser; resolves with the code for initialize-workspace. */
export async function authorizeInBrowser(opts: BrowserSignInOptions): Promise<AuthorizedCode> {
  const state = randomBytes(24).toString('base64url');
  let server: Server | undefined;
  try {
    return await new Promise<AuthorizedCode>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new SignInError('sign-in was not completed in the browser in time; try again')),
        opts.timeoutMs ?? 5 * 60_000,
      );
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      opts.signal?.addEventListener('abort', () => fail(new SignInError('sign-in cancelled')), {
        once: true,
      });
      let redirectUri = '';
      server = createServer((req, res) => {
        const url = requestUrl(req.url);
        if (url?.pathname !== '/callback') {
          res.writeHead(404).end();
          return;
        }
        const given = url.searchParams.get('state');
        const error = url.searchParams.get('error');
        const code = url.searchParams.get('code');
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(DONE_PAGE);
        // Our choice: a redirect without state is accepted (Genesys's own simulator echoes none, and the code
        // is useless without this listener's redirect_uri); a different state is someone else's request.
        if (given === null) opts.onMissingState?.();
        else if (
          Buffer.byteLength(given) !== Buffer.byteLength(state) ||
          !timingSafeEqual(Buffer.from(given), Buffer.from(state))
        )
          return fail(new SignInError('the sign-in redirect carried the wrong state (not our request)'));
        if (error || !code) return fail(new SignInError(`sign-in refused: ${error ?? 'no code returned'}`));
        clearTimeout(timer);
        resolve({ code, redirectUri, state });
      });
      server.once('error', fail);
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        const address = server!.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        redirectUri = `http://127.0.0.1:${port}/callback`;
        const authorize = new URL(`${opts.authBase}/oauth/authorize`);
        for (const [k, v] of Object.entries({
          response_type: 'code',
          client_id: opts.clientId,
          redirect_uri: redirectUri,
          state,
        }))
          authorize.searchParams.set(k, v);
        Promise.resolve(opts.openBrowser(authorize.toString())).catch(fail);
      });
    });
  } finally {
    const s = server as Server | undefined;
    if (s) {
      s.closeAllConnections();
      s.close();
    }
  }
}
