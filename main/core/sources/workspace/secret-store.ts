// Where the Workspace tokens live between runs. The core only sees this interface; the Electron host backs it
// with safeStorage (OS keychain-derived encryption, main/electron/secret-store.ts), tests with a file fake.
import { z } from 'zod';
import type { Tokens } from './auth';

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

const StoredTokens = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  expiresAt: z.number(),
});

/** The tokens of one Workspace API URL; unreadable or foreign content counts as signed out. */
export class TokenVault {
  private readonly key: string;

  constructor(
    private readonly store: SecretStore,
    workspaceUrl: string,
  ) {
    this.key = `workspace-tokens:${new URL(workspaceUrl).origin}`;
  }

  async load(): Promise<Tokens | undefined> {
    const raw = await this.store.get(this.key);
    if (raw === undefined) return undefined;
    try {
      return StoredTokens.parse(JSON.parse(raw));
    } catch {
      await this.store.delete(this.key);
      return undefined;
    }
  }

  save(tokens: Tokens): Promise<void> {
    return this.store.set(this.key, JSON.stringify(tokens));
  }

  clear(): Promise<void> {
    return this.store.delete(this.key);
  }
}
