/**
 * Build for the editorial desk. Run from anywhere:
 *   npx vite build --config src/admin-ui/vite.config.ts
 * The server serves dist/admin/ at /admin/ with an SPA fallback to index.html.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compressAssets } from '../../scripts/compress-assets.mjs';

// Paths come from this file's URL so the build does not depend on the working directory.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

const outDir = here('../../dist/admin');

/**
 * Writes .br and .gz beside every built file, so the server sends the editor bundle
 * compressed (at brotli's highest setting, which is too slow to run per request)
 * without compressing anything itself.
 */
function precompress(): Plugin {
  let written = outDir;
  return {
    name: 'dateline-precompress',
    apply: 'build',
    configResolved(config) {
      // `vite build --outDir` elsewhere compresses there.
      written = config.build.outDir;
    },
    closeBundle() {
      compressAssets(written);
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/admin/',
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // The editor chunk (TipTap + ProseMirror) is large by nature and loaded lazily.
    chunkSizeWarningLimit: 700,
  },
});
