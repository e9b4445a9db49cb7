// `npm run bench:renderer`: the sidebar's initial JavaScript as the browser fetches it (the entry script and
// its modulepreloads in out/renderer/index.html), raw and gzip -9, against the 120 KB gzip target.
// Builds the renderer first.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const TARGET_GZIP_BYTES = 120 * 1024;
const dir = join('out', 'renderer');

const build = spawnSync('npm', ['run', '--silent', 'build:renderer', '--', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const files = [
  ...html.matchAll(/<script[^>]*\bsrc="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
].map((m) => m[1]!);
if (files.length === 0) throw new Error(`no scripts found in ${dir}/index.html`);

let raw = 0;
let gzip = 0;
for (const file of new Set(files)) {
  const bytes = readFileSync(join(dir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += gz;
  console.log(`${file}: ${bytes.length} B raw, ${gz} B gzip`);
}
console.log(`renderer_initial_js_raw_bytes=${raw}`);
console.log(`renderer_initial_js_gzip_bytes=${gzip}`);
console.log(
  `renderer_gzip_vs_target_ratio=${(gzip / TARGET_GZIP_BYTES).toFixed(2)} (target ≤ 1.00: 120 KB gzip)`,
);
