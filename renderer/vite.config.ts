// The sidebar bundle: one small page, relative asset paths (loaded from file:// by Electron and from the
// web edition's loopback server alike), built into out/renderer at the repo root.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing into the HTML: the CSP allows scripts and styles only from 'self' files.
    assetsInlineLimit: 0,
  },
});
