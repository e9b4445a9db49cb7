// The catalog check over real FormatJS tooling, on copies of the catalogs (the sidebar's, and main's own):
// passes as committed, and names each kind of drift (a message missing from a locale, an entry no longer used, placeholders that differ,
// a source message never extracted, a message without an explicit id).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG_SETS, checkCatalogs, MAIN_MESSAGES_DIR, MESSAGES_DIR } from './i18n';

let dir: string;
const file = (locale: string) => join(dir, `${locale}.json`);
const read = (locale: string) => JSON.parse(readFileSync(file(locale), 'utf8')) as Record<string, string>;
const write = (locale: string, catalog: Record<string, string>) =>
  writeFileSync(file(locale), JSON.stringify(catalog));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'i18n-test-'));
  cpSync(MESSAGES_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkCatalogs', () => {
  it('passes on the committed catalogs', () => {
    expect(checkCatalogs(dir)).toEqual([]);
  });

  it('names a message missing from one locale and an entry no longer used in another', () => {
    const { 'settings.language': _gone, ...de } = read('de');
    write('de', de);
    write('ar', { ...read('ar'), 'settings.oldLabel': 'قديم' });
    const [problem, ...rest] = checkCatalogs(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatch(/Missing translation keys for locale de:\s+settings\.language/);
    expect(problem).toMatch(/Extra translation keys for locale ar:\s+settings\.oldLabel/);
  });

  it('names a translation whose placeholders differ from English', () => {
    write('fr', { ...read('fr'), 'update.ready': 'La version est prête.' });
    expect(checkCatalogs(dir).join('\n')).toMatch(/locale fr are structurally different[^]*update\.ready/);
  });

  it('names source messages that were never extracted into en.json', () => {
    const src = mkdtempSync(join(tmpdir(), 'i18n-src-'));
    try {
      writeFileSync(
        join(src, 'Probe.tsx'),
        `import { FormattedMessage } from 'react-intl';
export const A = () => <FormattedMessage id="probe.new" defaultMessage="New words" />;
export const B = () => <FormattedMessage defaultMessage="No id" />;`,
      );
      write('en', {});
      for (const l of ['de', 'fr', 'es', 'pt-BR', 'ar']) write(l, {});
      const problems = checkCatalogs(dir, src).join('\n');
      expect(problems).toMatch(/messages without an explicit id .*"No id"/);
      expect(problems).toMatch(
        /en\.json is not the extraction of the source[^]*new in the source: .*probe\.new/,
      );
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });
});

describe("checkCatalogs on main's own set (tray, notifications, menus)", () => {
  const main = CATALOG_SETS.find((set) => set.messagesDir === MAIN_MESSAGES_DIR)!;

  it('passes as committed, and names a message missing from one locale and a stale entry in another', () => {
    cpSync(MAIN_MESSAGES_DIR, dir, { recursive: true, force: true });
    for (const f of ['en', 'de', 'fr', 'es', 'pt-BR', 'ar'])
      expect(read(f), f).toEqual(JSON.parse(readFileSync(join(MAIN_MESSAGES_DIR, `${f}.json`), 'utf8')));
    expect(checkCatalogs(dir, main.sourceDir)).toEqual([]);
    const { 'tray.menu.quit': _gone, ...de } = read('de');
    write('de', de);
    write('pt-BR', { ...read('pt-BR'), 'tray.menu.old': 'Antigo' });
    const problems = checkCatalogs(dir, main.sourceDir).join('\n');
    expect(problems).toMatch(/Missing translation keys for locale de:\s+tray\.menu\.quit/);
    expect(problems).toMatch(/Extra translation keys for locale pt-BR:\s+tray\.menu\.old/);
  });

  it("names a message of main's that was never extracted into its en.json", () => {
    cpSync(MAIN_MESSAGES_DIR, dir, { recursive: true, force: true });
    const { 'window.agentView.title': _gone, ...en } = read('en');
    write('en', en);
    expect(checkCatalogs(dir, main.sourceDir).join('\n')).toMatch(
      /en\.json is not the extraction of the source[^]*new in the source: .*window\.agentView\.title/,
    );
  });
});
