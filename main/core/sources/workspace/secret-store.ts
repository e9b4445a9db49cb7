// Where the Workspace sign-in lives between runs. The core only sees this interface; the Electron host backs it
// with safeStorage (OS keychain-derived encryption, main/electron/secret-store.ts), tests with a file fake.
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
