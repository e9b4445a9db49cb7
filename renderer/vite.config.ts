// The sidebar bundle: one small page, relative asset paths (loaded from file:// by Electron and from the
// web edition's loopback server alike), built into out/renderer at the repo root.
import { fileURLToPath } from 'node:url';
import { parse } from '@formatjs/icu-messageformat-parser';
import react from '@vitejs/plugin-react';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';
import { withMetaPolicy } from '../common/csp';

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

/**
 * The page's CSP <meta>, from the one source both hosts' headers come from: the desktop's policy (it frames
 * nothing); the web edition rewrites it to its own (framing its agent proxy) as it serves the page.
 */
const sidebarCsp: Plugin = {
  name: 'sidebar-csp',
  transformIndexHtml: (html) => withMetaPolicy(html, "'none'"),
};

const DROPPED = new Set(['defaultMessage', 'description']);

/**
 * A renderer source file without the `defaultMessage` and `description` of its messages (object literals and
 * JSX attributes beside an `id`): in the build the English catalog, in the initial bundle anyway, has every
 * one of them (`npm run i18n:check` makes sure), so the page would carry English twice. Null when the file
 * has none. Tests and the dev server keep them.
 */
export function stripDefaultMessages(code: string, file: string): string | null {
  if (!code.includes('defaultMessage')) return null;
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true, kind);
  const named = (name: ts.Node | undefined, wanted: (n: string) => boolean) =>
    name !== undefined && (ts.isIdentifier(name) || ts.isStringLiteral(name)) && wanted(name.text);
  const keyOf = (p: ts.Node) =>
    ts.isPropertyAssignment(p) || ts.isJsxAttribute(p) ? (p.name as ts.Node) : undefined;
  const strip: ts.TransformerFactory<ts.SourceFile> = (ctx) => {
    const visit = (node: ts.Node): ts.Node => {
      const members = ts.isObjectLiteralExpression(node) || ts.isJsxAttributes(node) ? node.properties : null;
      const message = members?.some((p) => named(keyOf(p), (n) => n === 'id'));
      if (!members || !message) return ts.visitEachChild(node, visit, ctx);
      const kept = members
        .filter((p) => !named(keyOf(p), (n) => DROPPED.has(n)))
        .map((p) => ts.visitNode(p, visit));
      return ts.isObjectLiteralExpression(node)
        ? ctx.factory.updateObjectLiteralExpression(node, kept as ts.ObjectLiteralElementLike[])
        : ctx.factory.updateJsxAttributes(node as ts.JsxAttributes, kept as ts.JsxAttributeLike[]);
    };
    return (file) => ts.visitNode(file, visit) as ts.SourceFile;
  };
  const [stripped] = ts.transform(source, [strip]).transformed;
  return ts.createPrinter().printFile(stripped!);
}

const withoutDefaultMessages: Plugin = {
  name: 'without-default-messages',
  apply: 'build',
  enforce: 'pre',
  transform: (code, id) => {
    if (!/[\\/]renderer[\\/]src[\\/].*\.tsx?$/.test(id)) return null;
    const stripped = stripDefaultMessages(code, id);
    return stripped === null ? null : { code: stripped, map: null };
  },
};

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [sidebarCsp, precompiledCatalogs, schemaModulesArePure, withoutDefaultMessages, react()],
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
