// The local API's bearer token: generated once, kept in the user's settings folder readable by the user only.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Reads the token, creating it (mode 0600) on first start. */
export async function loadOrCreateToken(file: string): Promise<string> {
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 32) {
      await chmod(file, 0o600);
      return existing;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(file), { recursive: true });
  const token = randomBytes(32).toString('base64url');
  await writeFile(file, token + '\n', { mode: 0o600 });
  await chmod(file, 0o600); // writeFile keeps the mode of a file that already existed
  return token;
}

/** Constant-time comparison: both sides are hashed first, so lengths leak nothing either. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
