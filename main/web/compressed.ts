// The built sidebar's files compressed once per version (path and modification time), brotli or gzip as
// the browser accepts: the page is about a third of its size on the wire. The build folder is small (the
// sidebar's chunks and catalogs), so every version compressed is kept for the run. Brotli 5 and gzip 6, not
// their maximum: the first load compresses on the way out, and brotli 11 cost ~0.6 s of CPU at a cold start.
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const memo = new Map<string, Promise<Buffer>>();

/** The encoding to send for an `Accept-Encoding` header: brotli first, then gzip; null for none. */
export function chooseEncoding(accept: string | undefined): Encoding | null {
  const offered = new Set((accept ?? '').split(',').map((e) => e.split(';')[0]!.trim().toLowerCase()));
  return offered.has('br') ? 'br' : offered.has('gzip') ? 'gzip' : null;
}

/** `data` compressed with `encoding`. */
function compress(data: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(data, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
      })
    : gzipAsync(data, { level: 6 });
}

/** A page rewritten per run (a few KB): compressed each time it is served. */
export function compressedText(text: string, encoding: Encoding): Promise<Buffer> {
  return compress(Buffer.from(text), encoding);
}

/** `file` (as of `mtimeMs`) compressed with `encoding`. */
export function compressedFile(file: string, mtimeMs: number, encoding: Encoding): Promise<Buffer> {
  const key = `${encoding} ${mtimeMs} ${file}`;
  let done = memo.get(key);
  if (!done) {
    done = readFile(file).then((data) => compress(data, encoding));
    // A file that could not be read or compressed is tried again next time.
    done.catch(() => memo.delete(key));
    memo.set(key, done);
  }
  return done;
}
