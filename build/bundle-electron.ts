// Bundles the desktop app's main process and preload with esbuild into dist/electron/.
// `npx tsx build/bundle-electron.ts` runs it; `neuroblocks start` runs it before opening the app.
//
// - main.mjs (and its lazily loaded chunks): ESM for Electron's Node; npm packages stay external.
//   It sits two folders below the root, like the sources it came from, so paths resolved from
//   `import.meta.url` (package.json, projects/) stay right.
// - preload.cjs: sandboxed preloads must be CommonJS and may require only `electron`, so
//   everything else is bundled in.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface BundleResult {
  main: string;
  preload: string;
}

export async function bundleElectron(outDir = path.join(root, 'dist', 'electron')): Promise<BundleResult> {
  const main = path.join(outDir, 'main.mjs');
  const preload = path.join(outDir, 'preload.cjs');
  await Promise.all([
    build({
      entryPoints: { main: path.join(root, 'electron', 'main.ts') },
      outdir: outDir,
      outExtension: { '.js': '.mjs' },
      // TensorFlow.js is imported lazily (first backend query); splitting keeps it out of startup.
      splitting: true,
      chunkNames: 'chunk-[hash]',
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    }),
    build({
      entryPoints: [path.join(root, 'electron', 'preload.ts')],
      outfile: preload,
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome140',
      external: ['electron'],
      sourcemap: true,
      logLevel: 'warning',
    }),
  ]);
  return { main, preload };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await bundleElectron(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.log(`Bundled ${path.relative(root, result.main)} and ${path.relative(root, result.preload)}.`);
}
