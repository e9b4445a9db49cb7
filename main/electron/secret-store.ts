// Workspace tokens at rest, for the Electron host: each value is encrypted with safeStorage (the OS keychain /
// DPAPI / libsecret key) before it is written, and the file holds only ciphertext. No encryption available
// (e.g. Linux without a keyring) means nothing is stored: the agent signs in again next run, never plain text.
// Electron 45's asynchronous calls (the synchronous ones are deprecated): a value read under a rotated key is
// re-encrypted and written back at once.
import type { SafeStorage } from 'electron';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/settings/atomic-write';
import type { SecretStore } from '../core/sources/workspace/secret-store';

type Crypto = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>;

/** `storage` is Electron's `safeStorage` (passed in, so this module is testable without the binary). */
export function createSafeStorageSecretStore(file: string, storage: Crypto): SecretStore {
  async function readAll(): Promise<Record<string, string>> {
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : {};
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      return {}; // a damaged file is a lost sign-in, not a crash
    }
  }
  const writeAll = (all: Record<string, string>) => writeFileAtomic(file, JSON.stringify(all));

  return {
    async get(key) {
      const all = await readAll();
      const sealed = all[key];
      if (sealed === undefined || !(await storage.isAsyncEncryptionAvailable())) return undefined;
      let opened;
      try {
        opened = await storage.decryptStringAsync(Buffer.from(sealed, 'base64'));
      } catch {
        return undefined; // encrypted under another OS user or keychain: sign in again
      }
      if (opened.shouldReEncrypt) {
        all[key] = (await storage.encryptStringAsync(opened.result)).toString('base64');
        await writeAll(all);
      }
      return opened.result;
    },
    async set(key, value) {
      if (!(await storage.isAsyncEncryptionAvailable()))
        throw new Error(
          'the OS offers no encryption for secrets here; the sign-in is kept for this run only',
        );
      const all = await readAll();
      all[key] = (await storage.encryptStringAsync(value)).toString('base64');
      await writeAll(all);
    },
    async delete(key) {
      const all = await readAll();
      if (!(key in all)) return;
      delete all[key];
      await writeAll(all);
    },
  };
}
