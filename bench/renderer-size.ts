// `npm run bench:renderer`: the sidebar's initial JavaScript as the browser fetches it (the entry script and
// its modulepreloads in out/renderer/index.html, English catalog included), raw and gzip -9, against the
// 120 KB gzip target; then each other locale's catalog, fetched only when that language is shown.
// Builds the renderer first.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOCALES } from '../common/contract';

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

// Vite names each on-demand chunk after its catalog file (`messages/de.json` → `assets/de-<hash>.js`).
const assets = readdirSync(join(dir, 'assets'));
for (const locale of LOCALES.filter((l) => l !== 'en')) {
  const chunk = assets.find((f) => f.startsWith(`${locale}-`) && f.endsWith('.js'));
  if (!chunk) throw new Error(`no on-demand chunk for the ${locale} catalog in ${dir}/assets`);
  if (files.some((f) => f.endsWith(chunk))) throw new Error(`the ${locale} catalog is in the initial JS`);
  const gz = gzipSync(readFileSync(join(dir, 'assets', chunk)), { level: 9 }).length;
  console.log(`renderer_catalog_${locale}_gzip_bytes=${gz} (on demand)`);
}
