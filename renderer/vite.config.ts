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

const SCHEMA_MODULE = /[\\/]common[\\/](contract|settings-schema)\.ts$/;
const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;

/**
 * The contract and the settings schema only define schemas and functions: evaluating them changes nothing
 * else, which the bundler cannot tell from the zod calls. Declared so, a module that imports only the
 * contract's plain functions (common/contract-helpers.ts, which it re-exports) does not bring zod into the
 * first paint; the schemas come with the chunks that use them (the settings form, the web edition's frames).
 */
const schemaModulesArePure: Plugin = {
  name: 'schema-modules-are-pure',
  transform: (_code, id) => (SCHEMA_MODULE.test(id) ? { moduleSideEffects: false } : null),
};

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [precompiledCatalogs, schemaModulesArePure, react()],
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
    rollupOptions: {
      output: {
        // The schemas and zod in one chunk of their own, loaded by what uses them: left to itself the bundler
        // puts them with the plain functions the first paint imports, and so into the initial JS.
        codeSplitting: {
          groups: [
            {
              name: 'schemas',
              test: (id: string) => SCHEMA_MODULE.test(id) || ZOD.test(id),
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
});
