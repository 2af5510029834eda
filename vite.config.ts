import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built once and served by every host: the desktop app and `neuroblocks serve`.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2500,
  },
});
