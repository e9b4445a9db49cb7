// The message catalogs, two sets kept alike by FormatJS's own CLI: the sidebar's (renderer/src →
// renderer/src/i18n/messages/) and main's own texts (main/ → main/core/i18n/messages/: tray, notifications, menus).
//   `npm run i18n:extract`  writes each set's en.json from its source (`formatjs extract`);
//   `npm run i18n:check`    (in `npm test`) fails when an en.json is not what its source says (a message added,
//                           changed or gone without extracting), when any catalog lacks a message or keeps one
//                           no longer used, or when a translation's placeholders differ (`formatjs verify`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localBin } from './local-tools';

export const MESSAGES_DIR = join('renderer', 'src', 'i18n', 'messages');
export const MAIN_MESSAGES_DIR = join('main', 'core', 'i18n', 'messages');
/** Each set: where its messages are defined and where its catalogs live. */
export const CATALOG_SETS = [
  { sourceDir: join('renderer', 'src'), messagesDir: MESSAGES_DIR },
  { sourceDir: 'main', messagesDir: MAIN_MESSAGES_DIR },
] as const;
const SOURCE_LOCALE = 'en';
/** Ids name where a message is shown (`settings.serviceUrl`), never a hash: they outlive wording changes. */
const EXPLICIT_ID = /^[a-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+$/;

/** Globs take forward slashes on every OS. */
const glob = (path: string) => path.split(sep).join('/');

function formatjs(args: string[]): { ok: boolean; output: string } {
  const r = spawnSync(localBin('formatjs'), args, { encoding: 'utf8', shell: process.platform === 'win32' });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** `formatjs extract` of a set's source (tests and test support left out) into `outFile` ({id: message}). */
export function extract(outFile: string, sourceDir = join('renderer', 'src')): void {
  const r = formatjs([
    'extract',
    `${glob(sourceDir)}/**/*.{ts,tsx}`,
    '--ignore',
    `${glob(sourceDir)}/**/*.test.*`,
    '--ignore',
    `${glob(sourceDir)}/**/test-support/**`,
    '--out-file',
    outFile,
    '--format',
    'simple',
    '--throws',
  ]);
  if (!r.ok) throw new Error(`formatjs extract failed:\n${r.output}`);
}

const readCatalog = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;

/** Every problem with the catalogs in `messagesDir` against the source in `sourceDir`; empty when all is well. */
export function checkCatalogs(messagesDir = MESSAGES_DIR, sourceDir = join('renderer', 'src')): string[] {
  const work = mkdtempSync(join(tmpdir(), 'i18n-check-'));
  try {
    const fresh = join(work, `${SOURCE_LOCALE}.json`);
    extract(fresh, sourceDir);
    const extracted = readCatalog(fresh);
    const committed = readCatalog(join(messagesDir, `${SOURCE_LOCALE}.json`));
    const problems: string[] = [];
    const hashed = Object.keys(extracted).filter((id) => !EXPLICIT_ID.test(id));
    if (hashed.length)
      problems.push(
        `messages without an explicit id (give each an id such as 'settings.serviceUrl'): ${hashed.map((id) => JSON.stringify(extracted[id])).join(', ')}`,
      );
    const added = Object.keys(extracted).filter((id) => !(id in committed));
    const gone = Object.keys(committed).filter((id) => !(id in extracted));
    const changed = Object.keys(extracted).filter((id) => id in committed && committed[id] !== extracted[id]);
    if (added.length || gone.length || changed.length)
      problems.push(
        `${join(messagesDir, 'en.json')} is not the extraction of the source; run \`npm run i18n:extract\`, then update every locale` +
          (added.length ? `\n  new in the source: ${added.join(', ')}` : '') +
          (gone.length ? `\n  no longer used: ${gone.join(', ')}` : '') +
          (changed.length ? `\n  worded differently in the source: ${changed.join(', ')}` : ''),
      );
    // The other catalogs against what the source says now, by formatjs's own verifier.
    for (const file of readdirSync(messagesDir))
      if (file.endsWith('.json') && file !== `${SOURCE_LOCALE}.json`)
        copyFileSync(join(messagesDir, file), join(work, file));
    const verified = formatjs([
      'verify',
      '--source-locale',
      SOURCE_LOCALE,
      '--missing-keys',
      '--extra-keys',
      '--structural-equality',
      `${glob(work)}/*.json`,
    ]);
    if (!verified.ok)
      problems.push(`catalogs in ${messagesDir} do not match the source:\n${verified.output}`);
    return problems;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const command = process.argv[2];
  if (command === 'extract') {
    for (const { sourceDir, messagesDir } of CATALOG_SETS) {
      extract(join(messagesDir, `${SOURCE_LOCALE}.json`), sourceDir);
      console.log(
        `i18n: wrote ${join(messagesDir, `${SOURCE_LOCALE}.json`)}; now translate what changed in the others`,
      );
    }
  } else if (command === 'check') {
    const problems = CATALOG_SETS.flatMap(({ sourceDir, messagesDir }) =>
      checkCatalogs(messagesDir, sourceDir),
    );
    for (const p of problems) console.error(`i18n: ${p}`);
    if (problems.length === 0) console.log('i18n: every catalog has exactly the messages the source uses');
    process.exit(problems.length ? 1 : 0);
  } else {
    console.error('usage: tsx scripts/i18n.ts extract|check');
    process.exit(2);
  }
}
