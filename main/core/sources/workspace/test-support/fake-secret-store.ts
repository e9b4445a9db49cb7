// A FAKE SecretStore for tests only: a JSON file in plain text, so tests can check what was stored and
// survive a restart. The app itself uses main/electron/secret-store.ts (safeStorage-encrypted).
import { readFile, writeFile } from 'node:fs/promises';
import type { SecretStore } from '../secret-store';

export class FakeFileSecretStore implements SecretStore {
  constructor(readonly file: string) {}

  async all(): Promise<Record<string, string>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  async get(key: string) {
    return (await this.all())[key];
  }

  async set(key: string, value: string) {
    await writeFile(this.file, JSON.stringify({ ...(await this.all()), [key]: value }));
  }

  async delete(key: string) {
    const all = await this.all();
    delete all[key];
    await writeFile(this.file, JSON.stringify(all));
  }
}
