// The safeStorage-backed SecretStore with a stand-in for Electron's safeStorage (the binary cannot run here):
// what reaches the disk is the cipher's output only, and without OS encryption nothing is written at all.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSafeStorageSecretStore } from './secret-store';

// A reversible stand-in cipher (XOR); the test checks that the store uses it, not that it is strong.
const fakeSafeStorage = (available = true) => ({
  isEncryptionAvailable: () => available,
  encryptString: (s: string) => Buffer.from([...Buffer.from(s, 'utf8')].map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString('utf8'),
});

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
const tempFile = async () => {
  const d = await mkdtemp(join(tmpdir(), 'secrets-'));
  dirs.push(d);
  return join(d, 'secrets.json');
};

describe('safeStorage secret store', () => {
  it('round-trips a value and never writes it in plain text', async () => {
    const file = await tempFile();
    const store = createSafeStorageSecretStore(file, fakeSafeStorage());
    await store.set('workspace-tokens:https://gapi.example', '{"accessToken":"very-secret-token"}');
    expect(await readFile(file, 'utf8')).not.toContain('very-secret-token');
    const again = createSafeStorageSecretStore(file, fakeSafeStorage());
    expect(await again.get('workspace-tokens:https://gapi.example')).toBe(
      '{"accessToken":"very-secret-token"}',
    );
    await again.delete('workspace-tokens:https://gapi.example');
    expect(await again.get('workspace-tokens:https://gapi.example')).toBeUndefined();
  });

  it('refuses to store without OS encryption rather than fall back to plain text', async () => {
    const file = await tempFile();
    const store = createSafeStorageSecretStore(file, fakeSafeStorage(false));
    await expect(store.set('k', 'secret')).rejects.toThrow(/no encryption/);
    expect(existsSync(file)).toBe(false);
  });
});
