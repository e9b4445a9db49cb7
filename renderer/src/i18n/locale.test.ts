import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { LOCALES } from '../../../common/contract';
import { loadCatalog } from './catalogs';
import { chooseLocale, matchLocale, textDirection } from './locale';

describe('chooseLocale', () => {
  it('takes the Language setting over the OS and the browser', () => {
    expect(chooseLocale('ar', 'de-DE', ['fr-FR'])).toBe('ar');
  });

  it("follows the OS locale (desktop), else the browser's languages in order, else English", () => {
    expect(chooseLocale('system', 'fr-CA', ['de'])).toBe('fr');
    expect(chooseLocale('system', null, ['ja', 'es-MX', 'de'])).toBe('es');
    // An OS language without a catalog: the agent's browser preferences still count before English.
    expect(chooseLocale('system', 'ja-JP', ['pt-BR'])).toBe('pt-BR');
    expect(chooseLocale('system', 'zh-CN', ['ko'])).toBe('en');
  });
});

describe('matchLocale', () => {
  it('matches exactly, then by language; malformed tags match nothing', () => {
    expect(matchLocale('pt-br')).toBe('pt-BR');
    expect(matchLocale('pt-PT')).toBe('pt-BR');
    expect(matchLocale('de-AT')).toBe('de');
    expect(matchLocale('ar-SA')).toBe('ar');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('sv-SE')).toBeNull();
    expect(matchLocale('not a tag!')).toBeNull();
    expect(matchLocale('')).toBeNull();
  });
});

describe('catalogs', () => {
  it('Arabic alone is right to left', () => {
    expect(LOCALES.filter((l) => textDirection(l) === 'rtl')).toEqual(['ar']);
  });

  it('every locale loads, formats every message, numbers in its own way', async () => {
    for (const locale of LOCALES) {
      const intl = createIntl({
        locale,
        messages: await loadCatalog(locale),
        onError: (e) => {
          throw e;
        },
      });
      const text = intl.formatMessage({ id: 'update.downloadingPercent' }, { version: '2.0', percent: 0.45 });
      // The locale's own percent: a (no-break) space before % in German, French and Spanish, Arabic with a
      // left-to-right mark (Latin or Arabic-Indic digits, as the ICU data has it).
      const percent = {
        en: /45%$/,
        de: /45\s%$/,
        fr: /45\s%$/,
        es: /45\s%$/,
        'pt-BR': /45%$/,
        ar: /(45|٤٥)\u200e?[%٪]\u200e?$/,
      };
      expect(text, locale).toMatch(percent[locale]);
      // And every message formats (valid ICU, its placeholders given): onError throws otherwise.
      const values = {
        ...{ language: 'x', source: 'x', state: 'x', version: '2', percent: 1, detail: 'x' },
        ...{
          count: 2,
          customer: 'x',
          media: 'x',
          id: 'x',
          elapsed: '1:00',
          minutes: 3,
          sessions: 2,
          started: '10:41',
        },
        // The contract's parameters (i18n/codes.ts), nullable ones with their has… selector.
        ...{
          node: 'x',
          cause: 'x',
          status: 503,
          file: 'x',
          problem: 'x',
          token: 'x',
          since: 'x',
          flag: 'x',
          name: 'x',
          perSecond: 2,
          origin: 'x',
        },
        ...{ address: 'x', host: 'x', user: 'x', reason: 'x', session: 'x', error: 'x', to: 'x', keys: 'x' },
        ...{ from: 'x', text: 'x', digits: 3, hasCustomer: 'yes', hasMedia: 'yes', hasSince: 'yes' },
        ...{ hasOrigin: 'yes', hasUser: 'yes', hasTo: 'yes' },
      };
      for (const id of Object.keys(await loadCatalog(locale)))
        intl.formatMessage({ id }, { ...values, link: (chunks) => chunks.join('') });
    }
  });
});
