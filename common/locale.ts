// Which of our languages to use: one rule for the sidebar and for main's own texts (tray, notifications,
// menus). The Language setting when the agent (or an administrator) chose one, otherwise the first of the
// OS locale (desktop) and the browser's languages that we have a catalog for, otherwise English.
// Free of zod, so the sidebar's first paint does not need it.

/** Our languages: each has a catalog in renderer/src/i18n/messages/ and in main/core/i18n/messages/. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'pt-BR', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

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

/** `language` is the setting (`'system'` or a locale); main has no browser languages to add. */
export function chooseLocale(
  language: Locale | 'system',
  systemLocale: string | null,
  browserLanguages: readonly string[] = [],
): Locale {
  if (language !== 'system') return language;
  for (const tag of systemLocale ? [systemLocale, ...browserLanguages] : browserLanguages) {
    const locale = matchLocale(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
