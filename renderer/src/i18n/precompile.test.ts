// The build's catalog compiler (renderer/vite.config.ts): what the page gets is AST that react-intl formats
// without a parser, numbers in the locale's way; a malformed message stops the build with file and id.
import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { compileCatalog } from '../../vite.config';
import de from './messages/de.json';

describe('compileCatalog', () => {
  it('gives AST that formats as the written message does', () => {
    const ast = JSON.parse(compileCatalog(JSON.stringify(de), '/repo/renderer/src/i18n/messages/de.json'));
    expect(typeof ast['update.ready']).not.toBe('string');
    const intl = createIntl({
      locale: 'de',
      messages: ast,
      onError: (e) => {
        throw e;
      },
    });
    expect(
      intl.formatMessage({ id: 'update.downloadingPercent' }, { version: '2.0', percent: 0.45 }),
    ).toMatch(/^Update 2\.0 wird heruntergeladen… 45\s%$/);
  });

  it('names the file and the message that is not valid ICU', () => {
    expect(() =>
      compileCatalog('{"settings.saved": "Gespeichert {"}', '/x/src/i18n/messages/de.json'),
    ).toThrow(/messages\/de\.json: message "settings\.saved" is not valid ICU/);
  });
});
