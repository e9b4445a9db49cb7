// The Workspace API's REST side, as both Genesys clients call it: every request carries the deployment's API key
// (`x-api-key`, the gateway refuses calls without it), the session cookies initialize-workspace set, and, for a
// pasted access token, `Authorization: Bearer`. One cookie jar per Workspace session, shared with its CometD.
import { CookieJar } from '../../net/cookie-jar';
import type { HttpClient, HttpReply } from '../../net/http-client';
import { API_KEY_HEADER, WORKSPACE_PREFIX } from '../../../../common/workspace-wire';

export interface WorkspaceHttpOptions {
  client: HttpClient;
  /** `<workspaceUrl>` without a trailing slash. */
  base: string;
  /** Settings `workspaceApiKey`; empty → no header (a deployment without a gateway). */
  apiKey: string;
  timeoutMs: number;
}

export class WorkspaceHttp {
  jar = new CookieJar();
  /** A pasted access token, sent as Bearer; undefined for a code sign-in (the cookie is the session). */
  bearer: string | undefined;

  constructor(readonly opts: WorkspaceHttpOptions) {}

  /** Headers every request carries; the CometD transport adds them to each long-poll too. */
  get keyHeaders(): Record<string, string> {
    return this.opts.apiKey ? { [API_KEY_HEADER]: this.opts.apiKey } : {};
  }

  async call(
    method: 'GET' | 'POST',
    path: string,
    opts: { query?: Record<string, string | undefined>; body?: unknown } = {},
  ): Promise<HttpReply & { json: unknown }> {
    const url = new URL(`${this.opts.base}${WORKSPACE_PREFIX}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const reply = await this.opts.client.request(
      url.toString(),
      {
        method,
        headers: {
          Accept: 'application/json',
          // Genesys's clients send JSON on every POST, empty bodies included.
          ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
          ...this.keyHeaders,
          ...(this.bearer ? { Authorization: `Bearer ${this.bearer}` } : {}),
          Cookie: this.jar.header(),
        },
        ...(method === 'POST' ? { body: JSON.stringify(opts.body ?? {}) } : {}),
      },
      AbortSignal.timeout(this.opts.timeoutMs),
    );
    this.jar.store(reply.headers['set-cookie']);
    let json: unknown;
    try {
      json = JSON.parse(reply.body);
    } catch {
      json = undefined;
    }
    return { ...reply, json };
  }
}

/** A refusal that means the Workspace session (or the key) is no good: only a new sign-in can help. */
export const isRefusal = (status: number): boolean => status === 401 || status === 403;
