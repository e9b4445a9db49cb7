// Sign-in as Workspace Web Edition does it: the system browser opens `<url>/auth/v3/oauth/authorize`
// (response_type=code), the agent signs in on Genesys's page, and the browser comes back to a one-shot loopback
// listener on 127.0.0.1 with a code. The code is not exchanged here: it goes to initialize-workspace with the
// same redirect_uri and the server does the exchange (its token endpoint wants client credentials a desktop
// app cannot keep). The browser is opened by an injected function, so this module stays plain Node.
//
// Any local process (another user's, on a shared host) and any web page can reach the listener while the agent
// signs in, so it takes only the answer to this request: `state` is required and must be ours (else anyone
// could sign the agent into a session of their choosing), the Host must be the redirect URI's own (DNS
// rebinding), and the listener closes after that one answer; anything else is refused and the sign-in waits
// on. No PKCE: the code is exchanged by initialize-workspace, which takes no code_verifier (Genesys's
// Workspace API), so a code_challenge would only make a server that enforces it refuse the exchange.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isOwnHost } from '../../../../common/loopback-host';
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
}

const CALLBACK = '/callback';
const page = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title><p>${text}</p>`;
const DONE_PAGE = page('Signed in', 'Signed in. You can close this tab and return to Cobrowse Agent Shell.');
const FOREIGN_PAGE = page(
  'Not this sign-in',
  'This is not the answer to the sign-in Cobrowse Agent Shell started.',
);

const sameSecret = (given: string | null, ours: string) =>
  given !== null &&
  Buffer.byteLength(given) === Buffer.byteLength(ours) &&
  timingSafeEqual(Buffer.from(given), Buffer.from(ours));

/**
 * The listener's request handler: the redirect that answers our request (our `state`, our Host) settles the
 * sign-in with its code or its error; anything else is refused and changes nothing.
 */
function callbackHandler(
  state: string,
  ownHost: (host: string | undefined) => boolean,
  settle: (outcome: { code: string } | { error: string }) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  let answered = false;
  return (req, res) => {
    const refuse = (status: number, body = '') =>
      void res
        .writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
        .end(body);
    if (!ownHost(req.headers.host)) return refuse(421);
    const url = requestUrl(req.url);
    if (url?.pathname !== CALLBACK || req.method !== 'GET') return refuse(404);
    if (answered || !sameSecret(url.searchParams.get('state'), state)) return refuse(400, FOREIGN_PAGE);
    answered = true;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(DONE_PAGE);
    const code = url.searchParams.get('code');
    const error = url.searchParams.get('error');
    settle(error || !code ? { error: error ?? 'no code returned' } : { code });
  };
}

/** The authorization-code redirect through the system browser; resolves with the code for initialize-workspace. */
export async function authorizeInBrowser(opts: BrowserSignInOptions): Promise<AuthorizedCode> {
  const state = randomBytes(24).toString('base64url');
  let server: Server | undefined;
  let redirectUri = '';
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
      const ownHost = (host: string | undefined) =>
        isOwnHost(host, Number(new URL(redirectUri).port), ['127.0.0.1']);
      server = createServer(
        callbackHandler(state, ownHost, (outcome) => {
          if ('error' in outcome) return fail(new SignInError(`sign-in refused: ${outcome.error}`));
          clearTimeout(timer);
          resolve({ code: outcome.code, redirectUri, state });
        }),
      );
      // The browser is sent to the redirect port only once we hold it: on a shared host another user may hold
      // a registered port first, and the redirect would hand them the agent's code.
      server.once('error', (err: NodeJS.ErrnoException) =>
        fail(
          new SignInError(
            `the sign-in redirect port ${opts.port ?? 0} cannot be used (${err.code ?? err.message}); ` +
              'no browser was opened. Ask your administrator about workspaceRedirectPort',
          ),
        ),
      );
      server.listen(opts.port ?? 0, '127.0.0.1', () => {
        const address = server!.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        redirectUri = `http://127.0.0.1:${port}${CALLBACK}`;
        Promise.resolve(opts.openBrowser(authorizeUrl(opts, redirectUri, state))).catch(fail);
      });
    });
  } finally {
    const s = server as Server | undefined;
    if (s) {
      s.close();
      // The one answer is on its way to the browser; then nothing else is heard.
      s.closeIdleConnections();
      setImmediate(() => s.closeAllConnections());
    }
  }
}

function authorizeUrl(opts: BrowserSignInOptions, redirectUri: string, state: string): string {
  const authorize = new URL(`${opts.authBase}/oauth/authorize`);
  for (const [k, v] of Object.entries({
    response_type: 'code',
    client_id: opts.clientId,
    redirect_uri: redirectUri,
    state,
  }))
    authorize.searchParams.set(k, v);
  return authorize.toString();
}
