import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** The web app: source in web/, built to dist/web, served by the Hearth process itself. */
export default defineConfig({
  root: 'web',
  plugins: [preact({ prerender: { enabled: false } })],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2020',
    // No inline scripts: the Content-Security-Policy forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // bench:web reads the manifest to find what a first visit loads.
    manifest: true,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000' },
  },
});
