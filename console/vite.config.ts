import { defineConfig } from 'vite';

// Served by the hub at /console: hashed file names (long-cached), no inline script (the hub's CSP forbids it).
export default defineConfig({
  base: '/console/',
  build: { outDir: 'dist', assetsDir: 'assets', modulePreload: { polyfill: false }, sourcemap: true, target: 'es2022' },
});
