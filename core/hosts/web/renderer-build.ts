// The built renderer (Vite output) that both hosts serve. A checkout builds it on first start and
// again whenever its sources are newer than the build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const builtRendererDir = path.join(repositoryRoot, 'dist', 'renderer');

/** Folders whose files end up in the renderer bundle (the page's training worker brings the training loop, the compiler and the data types). */
const RENDERER_SOURCES = [
  'renderer',
  'core/model',
  'core/api',
  'core/page-train',
  'core/train',
  'core/compile',
  'core/data',
  'vite.config.ts',
];

function newestChange(entry: string): number {
  let info;
  try {
    info = statSync(entry);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(entry)) if (name !== 'node_modules') newest = Math.max(newest, newestChange(path.join(entry, name)));
  return newest;
}

/** Why the renderer must be (re)built, or undefined when the build is up to date. */
export function rendererBuildNeeded(root = repositoryRoot): string | undefined {
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  if (!existsSync(index)) return 'the user interface has not been built yet';
  if (!existsSync(path.join(root, 'renderer'))) return undefined; // An installed app ships the build without its sources.
  const built = statSync(index).mtimeMs;
  const changed = RENDERER_SOURCES.some((source) => newestChange(path.join(root, source)) > built);
  return changed ? 'its sources changed since the last build' : undefined;
}

/** Builds the renderer with Vite when needed; returns the folder to serve. */
export async function ensureRendererBuilt(log: (line: string) => void, root = repositoryRoot): Promise<string> {
  // A renderer built elsewhere (a deployment, or a test's fixture) is served as it is.
  if (process.env.NEUROBLOCKS_RENDERER_DIR) return path.resolve(process.env.NEUROBLOCKS_RENDERER_DIR);
  const reason = rendererBuildNeeded(root);
  if (!reason) return path.join(root, 'dist', 'renderer');
  const configFile = path.join(root, 'vite.config.ts');
  if (!existsSync(configFile)) {
    throw new Error(
      `The user interface is missing from ${path.join(root, 'dist', 'renderer')} and there is no vite.config.ts to build it with. Reinstall Neuroblocks.`,
    );
  }
  log(`Building the user interface with Vite (${reason})…`);
  const started = performance.now();
  try {
    const { build } = await import('vite');
    await build({ configFile, root: path.join(root, 'renderer'), logLevel: 'warn' });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Building the user interface failed: ${message}\nRun \`npx vite build\` in ${root} to see the whole error.`);
  }
  log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return path.join(root, 'dist', 'renderer');
}
