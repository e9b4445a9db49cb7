// The build's catalog compiler (renderer/vite.config.ts): what the page gets is AST that react-intl formats
// without a parser, numbers in the locale's way; a malformed message stops the build with file and id.
import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { compileCatalog, stripDefaultMessages } from '../../vite.config';
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

describe('stripDefaultMessages', () => {
  it('drops the English beside each message id (the catalog has it), in objects and JSX, and nothing else', () => {
    const code = [
      "const m = defineMessages({ a: { id: 'x.a', defaultMessage: 'Hello {name}', description: 'greeting' } });",
      "const other = { id: 7, description: 'not a message' , defaultMessage: 'kept?' };",
      'const settings = { description: "kept" };',
      'const el = <FormattedMessage id="x.b" defaultMessage="Join" description="button" values={{ n: 1 }} />;',
    ].join('\n');
    const out = stripDefaultMessages(code, '/r/renderer/src/ui/X.tsx')!;
    expect(out).not.toMatch(/Hello|greeting|"Join"|"button"|kept\?/);
    expect(out).toContain("id: 'x.a'");
    expect(out).toContain('id="x.b"');
    expect(out).toContain('values={{ n: 1 }}');
    expect(out).toContain('description: "kept"');
    expect(stripDefaultMessages('const a = 1;', '/r/a.ts')).toBeNull();
  });
});
