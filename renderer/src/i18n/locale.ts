// Which of the sidebar's languages to show: the Language setting when the agent (or an administrator) chose
// one, otherwise the first of the OS locale (desktop) and the browser's languages that we have a catalog for.
import { LOCALES, type Language, type Locale } from '../../../common/contract';

export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, so an agent finds theirs whatever language the sidebar shows now. */
export const AUTONYMS: Record<Locale, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ar: 'العربية',
};

export const textDirection = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/**
 * Our catalog for a BCP 47 tag: the exact one (`pt-BR`), else the one of the same language (our choice:
 * `de-AT` → `de`, `pt-PT` → `pt-BR`, `ar-SA` → `ar`: closer for the agent than English); null when none
 * fits or the tag is malformed.
 */
export function matchLocale(tag: string): Locale | null {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return null;
  }
  if (!canonical) return null;
  const exact = LOCALES.find((l) => l.toLowerCase() === canonical.toLowerCase());
  if (exact) return exact;
  const language = new Intl.Locale(canonical).language;
  return LOCALES.find((l) => new Intl.Locale(l).language === language) ?? null;
}

export function chooseLocale(
  language: Language,
  systemLocale: string | null,
  browserLanguages: readonly string[],
): Locale {
  if (language !== 'system') return language;
  for (const tag of systemLocale ? [systemLocale, ...browserLanguages] : browserLanguages) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
