// `electron-vite build` (used by `npm run dist` and `npm start` where Electron runs): main to
// out/main/index.js (ESM) with the demo simulator's pages, the preload bundled with the contract and zod into one CommonJS file
// (sandboxed preloads cannot load modules), and the sidebar with its own vite config.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { defineConfig } from 'electron-vite';
import renderer from './renderer/vite.config';

// Demo mode runs the embedded simulator inside main; its pages resolve `../public/` from the bundle, i.e.
// out/public (beside out/main, also with `--outDir`).
const simulatorPages = {
  name: 'simulator-pages',
  writeBundle: (options: { dir?: string }) =>
    cp('simulator/public', join(options.dir ?? 'out/main', '..', 'public'), { recursive: true }),
};

export default defineConfig({
  main: {
    plugins: [simulatorPages],
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: 'main/electron/main.ts' } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...renderer,
    // electron-vite leaves the renderer unminified by default; the sidebar ships the same bundle as the web.
    build: {
      ...renderer.build,
      minify: true,
      rollupOptions: { ...renderer.build?.rollupOptions, input: 'renderer/index.html' },
    },
  },
});
