// The safeStorage-backed SecretStore on the stub Electron runtime's safeStorage (its asynchronous calls, as
// Electron 45 documents them): what reaches the disk is ciphertext only, without OS encryption nothing is
// written at all, and a value read under a rotated key is re-encrypted on the spot.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fake, safeStorage } from './test-support/fake-electron';
import { createSafeStorageSecretStore } from './secret-store';

const dirs: string[] = [];
afterEach(async () => {
  fake.reset();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempFile = async () => {
  const d = await mkdtemp(join(tmpdir(), 'secrets-'));
  dirs.push(d);
  return join(d, 'secrets.json');
};

describe('safeStorage secret store', () => {
  it('round-trips a value and never writes it in plain text', async () => {
    fake.ready();
    const file = await tempFile();
    const store = createSafeStorageSecretStore(file, safeStorage);
    await store.set('workspace-tokens:https://gapi.example', '{"accessToken":"very-secret-token"}');
    expect(await readFile(file, 'utf8')).not.toContain('very-secret-token');
    const again = createSafeStorageSecretStore(file, safeStorage);
    expect(await again.get('workspace-tokens:https://gapi.example')).toBe(
      '{"accessToken":"very-secret-token"}',
    );
    await again.delete('workspace-tokens:https://gapi.example');
    expect(await again.get('workspace-tokens:https://gapi.example')).toBeUndefined();
  });

  it('re-encrypts a value read under a rotated key, and writes it back', async () => {
    fake.ready();
    const file = await tempFile();
    const store = createSafeStorageSecretStore(file, safeStorage);
    await store.set('k', 'token-1');
    const before = await readFile(file, 'utf8');
    fake.rotateSafeStorageKey();
    const encrypt = vi.spyOn(safeStorage, 'encryptStringAsync');
    expect(await store.get('k')).toBe('token-1');
    expect(encrypt).toHaveBeenCalledOnce();
    const after = await readFile(file, 'utf8');
    expect(after).not.toBe(before);
    // Read again under the new key: nothing left to re-encrypt.
    expect(await store.get('k')).toBe('token-1');
    expect(encrypt).toHaveBeenCalledOnce();
    encrypt.mockRestore();
  });

  it('refuses to store without OS encryption rather than fall back to plain text', async () => {
    // Linux without a keyring: the OS offers no encryption.
    const none = { ...safeStorage, isAsyncEncryptionAvailable: async () => false };
    const file = await tempFile();
    const store = createSafeStorageSecretStore(file, none);
    await expect(store.set('k', 'secret')).rejects.toThrow(/no encryption/);
    expect(existsSync(file)).toBe(false);
  });
});
