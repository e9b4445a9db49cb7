// The sign-in's lifecycle, apart from the connection that uses it: what the source holds to authenticate, how
// it is kept between runs, and when it is over. Three kinds, as Genesys's clients accept them:
// - a browser code: one-shot, handed to initialize-workspace once and never stored;
// - the session that code opened: its cookies (WORKSPACE_SESSIONID, or Genesys's simulator's WWE_CODE), stored
//   so a restart resumes without a new sign-in until the server forgets it;
// - a pasted access token: sent as Bearer to initialize-workspace on every connect, until it expires.
import { z } from 'zod';
import type { SecretStore } from './secret-store';
import type { AuthorizedCode } from './sign-in';

export type Credential =
  | ({ kind: 'code' } & AuthorizedCode)
  | { kind: 'session'; cookie: string }
  | { kind: 'token'; accessToken: string; /** Epoch ms. */ expiresAt: number };

const Stored = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('session'), cookie: z.string().min(1) }),
  z.object({ kind: z.literal('token'), accessToken: z.string().min(1), expiresAt: z.number() }),
]);

/** The sign-in of one Workspace API URL; unreadable or foreign content counts as signed out. */
export class Credentials {
  current: Credential | undefined;
  private readonly key: string;

  constructor(
    private readonly store: SecretStore,
    workspaceUrl: string,
  ) {
    this.key = `workspace-session:${new URL(workspaceUrl).origin}`;
  }

  async load(): Promise<void> {
    const raw = await this.store.get(this.key);
    if (raw === undefined) return;
    try {
      this.current = Stored.parse(JSON.parse(raw));
    } catch {
      await this.store.delete(this.key);
    }
  }

  /** Fresh credentials (browser code, pasted token, opened session); a one-shot code is never written down. */
  async use(c: Credential): Promise<void> {
    this.current = c;
    if (c.kind === 'code') await this.store.delete(this.key);
    else await this.store.set(this.key, JSON.stringify(c));
  }

  /** initialize-workspace accepted the code: from now on the session cookies are the sign-in. */
  async opened(cookie: string | undefined): Promise<void> {
    if (this.current?.kind !== 'code' || !cookie) return;
    await this.use({ kind: 'session', cookie });
  }

  expired(now = Date.now()): boolean {
    return this.current?.kind === 'token' && this.current.expiresAt <= now;
  }

  async forget(): Promise<void> {
    this.current = undefined;
    await this.store.delete(this.key);
  }
}
