// Puts the sidebar in the agent's language: follows the Language setting and the OS/browser locale as main's
// state reports them, loads the catalog on demand (no restart), and marks the document's language and
// direction so screen readers and the CSS logical properties follow. Until the new catalog has arrived
// the current one stays on screen.
import { useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { chooseLocale, DEFAULT_LOCALE, type Locale } from '../../../common/locale';
import { useSidebarState } from '../ui/context';
import { englishCatalog, loadCatalog, type Catalog } from './catalogs';
import { textDirection } from './locale';

export function LocaleProvider({ children }: { children: ReactNode }) {
  const language = useSidebarState((s) => s.app?.settings.language ?? 'system');
  const systemLocale = useSidebarState((s) => s.app?.systemLocale ?? null);
  const wanted = chooseLocale(language, systemLocale, navigator.languages);
  const [shown, setShown] = useState<{ locale: Locale; messages: Catalog }>({
    locale: DEFAULT_LOCALE,
    messages: englishCatalog,
  });

  useEffect(() => {
    if (wanted === shown.locale) return;
    let current = true; // a later choice wins over a slower, older load
    loadCatalog(wanted).then(
      (messages) => current && setShown({ locale: wanted, messages }),
      // A chunk that cannot load (the web edition restarted under the page): stay readable in the current one.
      (err: unknown) => console.error(`the ${wanted} catalog did not load; staying in ${shown.locale}`, err),
    );
    return () => {
      current = false;
    };
  }, [wanted, shown.locale]);

  useEffect(() => {
    document.documentElement.lang = shown.locale;
    document.documentElement.dir = textDirection(shown.locale);
  }, [shown.locale]);

  // No timeZone: dates and times show in the agent's own (the OS's) time zone.
  return (
    <IntlProvider locale={shown.locale} defaultLocale={DEFAULT_LOCALE} messages={shown.messages}>
      {children}
    </IntlProvider>
  );
}
