import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served by every host: the desktop app and `neuroblocks serve`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The page's training worker (core/page-train) loads its GPU backends on demand.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
  },
});
