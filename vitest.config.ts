import os from 'node:os';
import { defineConfig } from 'vitest/config';

const engineTests = ['electron/bundle.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Many tests wait on a child process (Python, Chromium) or the disk: two at a time even on two cores.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    projects: [
      // Tests that train or hold an engine, each file in a process of its own: TensorFlow.js's engines,
      // WASM and SQLite keep state per process. The desktop bundle's test trains in the bundled worker.
      { extends: true, test: { name: 'core', include: ['core/**/*.test.ts', ...engineTests], pool: 'forks' } },
      // The renderer's and the desktop shell's other tests import no engine: they share threads and their
      // imports (each file importing React, the stores and the catalogue afresh costs more than its tests).
      // Each file sets the stores it reads; `npx vitest run --sequence.shuffle renderer electron` checks that.
      {
        extends: true,
        test: {
          name: 'interface',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'electron/**/*.test.ts'],
          exclude: engineTests,
          pool: 'threads',
          isolate: false,
        },
      },
    ],
  },
});
