// Numbers that must read the same in every language. In a right-to-left paragraph the digit groups of
// `814 540 141` are laid out right to left (`141 540 814`), so an ID, a host or a clock is wrapped in a
// Unicode isolate there: left-to-right for what is always written so, first-strong for a time the locale
// formats (Arabic's `02:05 م` keeps its own order). Left-to-right locales get the text unchanged.
import type { IntlShape } from 'react-intl';
import { matchLocale } from '../../../common/locale';
import { textDirection } from './locale';

const LRI = '\u2066';
const FSI = '\u2068';
const PDI = '\u2069';

const rtl = (intl: Pick<IntlShape, 'locale'>): boolean =>
  textDirection(matchLocale(intl.locale) ?? 'en') === 'rtl';

/** An ID, a duration, a host: a left-to-right run whatever the paragraph's direction. */
export const ltrRun = (intl: Pick<IntlShape, 'locale'>, text: string): string =>
  rtl(intl) ? `${LRI}${text}${PDI}` : text;

/** A locale-formatted time or count: its own direction, kept apart from the words around it. */
export const ownRun = (intl: Pick<IntlShape, 'locale'>, text: string): string =>
  rtl(intl) ? `${FSI}${text}${PDI}` : text;
