// The web edition as shipped: main/web/cli.ts bundled with everything of ours into out/web (ESM for Node;
// packages in node_modules stay imports), so a start loads a few files instead of tsx compiling some hundred
// modules at run time. The embedded demo is its own chunk, loaded only in demo mode. The simulator's pages
// resolve `../public/` from the bundle, i.e. out/public, as in the desktop build (electron.vite.config.ts).
import { cp } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const simulatorPages: Plugin = {
  name: 'simulator-pages',
  writeBundle: () => cp(here('../../simulator/public'), here('../../out/public'), { recursive: true }),
};

export default defineConfig({
  root: here('../..'),
  logLevel: 'warn',
  plugins: [simulatorPages],
  ssr: { noExternal: ['zod', 'ws', 'cometd', 'cometd-nodejs-client'] },
  build: {
    ssr: here('cli.ts'),
    outDir: here('../../out/web'),
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    // Every chunk beside cli.js: the `../public/` and `../../out/renderer/` paths above hold for each.
    rollupOptions: { output: { entryFileNames: 'cli.js', chunkFileNames: '[name]-[hash].js' } },
  },
});
