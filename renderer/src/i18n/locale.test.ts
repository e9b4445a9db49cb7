import { describe, expect, it } from 'vitest';
import { createIntl } from 'react-intl';
import { LOCALES } from '../../../common/locale';
import { loadCatalog } from './catalogs';
import { textDirection } from './locale';

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
          path: 'x',
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
          folder: 'x',
        },
        ...{ address: 'x', host: 'x', user: 'x', reason: 'x', session: 'x', error: 'x', to: 'x', keys: 'x' },
        ...{ from: 'x', text: 'x', digits: 3, hasCustomer: 'yes', hasMedia: 'yes', hasSince: 'yes' },
        ...{ hasOrigin: 'yes', hasUser: 'yes', hasTo: 'yes', view: 'sidebar', outcome: 'reloaded' },
        // Requests and the question before ending one session to join another.
        ...{ time: '10:41:05', title: 'x', current: 'x', next: 'x', currentCustomer: 'x', nextCustomer: 'x' },
        ...{ hasCurrentCustomer: 'yes', hasNextCustomer: 'yes' },
        // The network's problems.
        ...{ issuer: 'x', proxy: 'x' },
      };
      for (const id of Object.keys(await loadCatalog(locale)))
        intl.formatMessage({ id }, { ...values, link: (chunks) => chunks.join('') });
    }
  });
});
