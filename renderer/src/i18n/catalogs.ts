// The message catalogs, one JSON file per locale in messages/ ({id: ICU message}). English comes with the
// initial bundle; every other locale is its own chunk, fetched when first shown. The build compiles each
// file to react-intl's AST (renderer/vite.config.ts), so the page carries no message parser.
import type { MessageFormatElement } from 'react-intl';
import type { Locale } from '../../../common/contract';
import en from './messages/en.json';

/** Strings as written (tests, dev) or the build's precompiled AST. */
export type Catalog = Record<string, string> | Record<string, MessageFormatElement[]>;

type Module = Promise<{ default: Catalog }>;
const later: Record<Exclude<Locale, 'en'>, () => Module> = {
  de: () => import('./messages/de.json'),
  fr: () => import('./messages/fr.json'),
  es: () => import('./messages/es.json'),
  'pt-BR': () => import('./messages/pt-BR.json'),
  ar: () => import('./messages/ar.json'),
};

export const englishCatalog: Catalog = en;

export async function loadCatalog(locale: Locale): Promise<Catalog> {
  return locale === 'en' ? englishCatalog : (await later[locale]()).default;
}
