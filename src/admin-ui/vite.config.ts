/**
 * Build for the editorial desk. Run from anywhere:
 *   npx vite build --config src/admin-ui/vite.config.ts
 * The server serves dist/admin/ at /admin/ with an SPA fallback to index.html.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Paths come from this file's URL so the build does not depend on the working directory.
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: here('../../dist/admin'),
    emptyOutDir: true,
    sourcemap: false,
    // The editor chunk (TipTap + ProseMirror) is large by nature and loaded lazily.
    chunkSizeWarningLimit: 700,
  },
});
