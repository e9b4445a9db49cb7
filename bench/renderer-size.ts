// `npm run bench:renderer`: the sidebar's initial JavaScript as the browser fetches it (the entry script and
// its modulepreloads in out/renderer/index.html, English catalog included), raw and gzip -9, against the
// 120 KB gzip target; then each other locale's catalog, fetched only when that language is shown, and the
// other chunks the first paint does not wait for (Settings, History, the schemas with zod). Builds the
// renderer first.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { LOCALES } from '../common/locale';
import { rendererChunks } from './renderer-chunks';

const TARGET_GZIP_BYTES = 120 * 1024;
const dir = join('out', 'renderer');

const build = spawnSync('npm', ['run', '--silent', 'build:renderer', '--', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
const { initial, onDemand } = rendererChunks(dir);
let raw = 0;
let gzip = 0;
for (const file of initial) {
  const bytes = readFileSync(file).length;
  const gz = gzipped(file);
  raw += bytes;
  gzip += gz;
  console.log(`./${relative(dir, file)}: ${bytes} B raw, ${gz} B gzip`);
}
console.log(`renderer_initial_js_raw_bytes=${raw}`);
console.log(`renderer_initial_js_gzip_bytes=${gzip}`);
console.log(
  `renderer_gzip_vs_target_ratio=${(gzip / TARGET_GZIP_BYTES).toFixed(2)} (target ≤ 1.00: 120 KB gzip)`,
);

// Vite names each on-demand chunk after its first module (`messages/de.json` → `assets/de-<hash>.js`).
const chunkName = (file: string) => basename(file).replace(/-[\w-]{8}\.js$/, '');
const later = new Set(onDemand);
for (const locale of LOCALES.filter((l) => l !== 'en')) {
  const chunk = onDemand.find((f) => chunkName(f) === locale);
  if (!chunk) {
    const inInitial = initial.some((f) => chunkName(f) === locale);
    throw new Error(
      `the ${locale} catalog is ${inInitial ? 'in the initial JS' : `not a chunk in ${dir}/assets`}`,
    );
  }
  console.log(`renderer_catalog_${locale}_gzip_bytes=${gzipped(chunk)} (on demand)`);
  later.delete(chunk);
}
for (const chunk of [...later].sort())
  console.log(`renderer_lazy_${chunkName(chunk)}_gzip_bytes=${gzipped(chunk)} (on demand)`);
