// The sidebar build's scripts as the browser fetches them: the initial ones (the entry script and its
// modulepreloads in index.html) and those fetched on demand. Shared by bench:renderer and its test.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function rendererChunks(dir: string): { initial: string[]; onDemand: string[] } {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const initial = [
    ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ].map((m) => join(dir, m[1]!));
  if (initial.length === 0) throw new Error(`no scripts found in ${dir}/index.html`);
  const onDemand = readdirSync(join(dir, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => join(dir, 'assets', f))
    .filter((f) => !initial.includes(f));
  return { initial: [...new Set(initial)], onDemand };
}
