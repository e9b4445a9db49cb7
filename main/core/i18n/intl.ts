// Main's own texts (tray, notifications, menus, window titles) in the agent's language: the same rule as
// the sidebar's (common/locale.ts), from catalogs of main's own (messages/<locale>.json, kept by
// `npm run i18n:extract` / `i18n:check` like the sidebar's). Logs and diagnostics stay in English.
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { AppState } from '../../../common/contract';
import { chooseLocale, DEFAULT_LOCALE, type Locale } from '../../../common/locale';
import ar from './messages/ar.json';
import de from './messages/de.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import ptBR from './messages/pt-BR.json';

export type { IntlShape };

// All six are a few KB and main is one long-lived process: loaded at once, parsed on first use.
const CATALOGS: Record<Locale, Record<string, string>> = { en, de, fr, es, 'pt-BR': ptBR, ar };

const cache = createIntlCache();
const intls = new Map<Locale, IntlShape>();

/** One formatter per locale, kept: callers compare `intl.locale` to know when to rebuild a menu. */
export function mainIntl(locale: Locale): IntlShape {
  let intl = intls.get(locale);
  if (!intl) {
    intl = createIntl({ locale, defaultLocale: DEFAULT_LOCALE, messages: CATALOGS[locale] }, cache);
    intls.set(locale, intl);
  }
  return intl;
}

/** The agent's effective language in main's state: the Language setting, else the OS locale. */
export const intlForState = (state: Pick<AppState, 'settings' | 'systemLocale'>): IntlShape =>
  mainIntl(chooseLocale(state.settings.language, state.systemLocale));
