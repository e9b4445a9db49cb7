// The sidebar bundle: one small page, relative asset paths (loaded from file:// by Electron and from the
// web edition's loopback server alike), built into out/renderer at the repo root.
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const CATALOG = /[\\/]src[\\/]i18n[\\/]messages[\\/]([^\\/]+)\.json$/;

/**
 * A message catalog (`src/i18n/messages/<locale>.json`, `{id: ICU message}`) compiled to react-intl's AST, as
 * `formatjs compile --ast` would (skeletons parsed, in the file's locale): the page then needs no ICU parser
 * (about 16 KB gzip), which is aliased away below. A malformed message fails the build, naming file and id.
 */
export function compileCatalog(code: string, file: string): string {
  const locale = new Intl.Locale(CATALOG.exec(file)?.[1] ?? 'en');
  const catalog = JSON.parse(code) as Record<string, string>;
  const compiled = Object.fromEntries(
    Object.entries(catalog).map(([key, message]) => {
      try {
        return [key, parse(message, { locale })];
      } catch (err) {
        throw new Error(`${file}: message "${key}" is not valid ICU: ${String(err)}`);
      }
    }),
  );
  return JSON.stringify(compiled);
}

const precompiledCatalogs: Plugin = {
  name: 'precompiled-catalogs',
  // Before Vite's JSON plugin, which then turns the compiled JSON into the module.
  enforce: 'pre',
  transform: (code, id) => (CATALOG.test(id) ? { code: compileCatalog(code, id), map: null } : null),
};

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [precompiledCatalogs, react()],
  resolve: {
    alias: [
      {
        find: /^@formatjs\/icu-messageformat-parser$/,
        replacement: '@formatjs/icu-messageformat-parser/no-parser.js',
      },
    ],
  },
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing into the HTML: the CSP allows scripts and styles only from 'self' files.
    assetsInlineLimit: 0,
  },
});
