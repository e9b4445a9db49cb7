// The sidebar's own facts about its languages; which one to show is common/locale.ts's rule, shared with main.
import type { Locale } from '../../../common/locale';

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
