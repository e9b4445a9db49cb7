// Append-only journal of JSON lines, each carrying a checksum of its record, fsync'd on every append so a
// record that `append` resolved for survives a crash. A torn or corrupt line (a crash mid-write) is detected
// on open, logged and skipped; the file is then rewritten without it so later appends start on a clean line.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../../../common/logger';

const checksum = (json: string): string => createHash('sha256').update(json).digest('hex').slice(0, 16);

export function encodeLine(record: unknown): string {
  const json = JSON.stringify(record);
  return `${checksum(json)} ${json}\n`;
}

/** Parses one journal line; undefined when it is torn or its checksum does not match. */
export function decodeLine(line: string): unknown {
  const space = line.indexOf(' ');
  if (space !== 16) return undefined;
  const json = line.slice(space + 1);
  if (checksum(json) !== line.slice(0, space)) return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

export interface Journal {
  /** Records read at open (valid lines only, in order). */
  readonly recovered: unknown[];
  /** Appends and fsyncs; appends are serialised in call order. */
  append(records: unknown[]): Promise<void>;
  /** Atomically replaces the whole journal with these records (write temp, fsync, rename, fsync dir). */
  rewrite(records: unknown[]): Promise<void>;
  close(): Promise<void>;
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename itself is still atomic.
  } finally {
    await handle.close();
  }
}

async function readRecords(file: string, log: Logger): Promise<{ records: unknown[]; damaged: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], damaged: 0 };
    throw err;
  }
  const records: unknown[] = [];
  let damaged = 0;
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line === '') return;
    const record = decodeLine(line);
    if (record === undefined) {
      damaged += 1;
      const last = i >= lines.length - 2;
      log.warn(last ? 'journal: torn last line skipped' : 'journal: corrupt line skipped', {
        file,
        line: i + 1,
        bytes: line.length,
      });
    } else records.push(record);
  });
  // A last line without its newline must not have the next append glued onto it: count it for a rewrite.
  if (text !== '' && !text.endsWith('\n') && damaged === 0) damaged = 1;
  return { records, damaged };
}

export async function openJournal(file: string, log: Logger): Promise<Journal> {
  await mkdir(dirname(file), { recursive: true });
  const { records, damaged: needsRewrite } = await readRecords(file, log);
  let handle: FileHandle | undefined;
  let chain: Promise<void> = Promise.resolve();
  const serial = (job: () => Promise<void>): Promise<void> => {
    const next = chain.then(job);
    chain = next.catch(() => undefined);
    return next;
  };
  const handleFor = async (): Promise<FileHandle> => (handle ??= await open(file, 'a', 0o600));

  const rewriteNow = async (recs: unknown[]): Promise<void> => {
    const tmp = `${file}.tmp`;
    const out = await open(tmp, 'w', 0o600);
    try {
      await out.writeFile(recs.map(encodeLine).join(''));
      await out.sync();
    } finally {
      await out.close();
    }
    await handle?.close();
    handle = undefined;
    await rename(tmp, file);
    await fsyncDir(dirname(file));
  };

  if (needsRewrite > 0) await rewriteNow(records);

  return {
    recovered: records,
    append: (recs) =>
      serial(async () => {
        const h = await handleFor();
        await h.write(recs.map(encodeLine).join(''));
        await h.datasync();
      }),
    rewrite: (recs) => serial(() => rewriteNow(recs)),
    close: () =>
      serial(async () => {
        await handle?.close();
        handle = undefined;
      }),
  };
}
