import { ensureRendererBuilt } from '../core/hosts/web/renderer-build';

// Each worker starts a web host of its own (see fixtures.ts); the user interface they serve is built
// here once, with Vite when its sources changed since the last build, so that two hosts starting at
// the same time never build it both. The hosts are then told where that build is
// (NEUROBLOCKS_RENDERER_DIR, which the workers inherit): every host of the run serves the same build,
// none checks the sources' dates again, and none rebuilds it if a source changes during the run.
export default async function globalSetup(): Promise<void> {
  // A host that is already running (e.g. the desktop app's web mode) is tested as it is.
  if (process.env.NEUROBLOCKS_URL) return;
  process.env.NEUROBLOCKS_RENDERER_DIR = await ensureRendererBuilt((line) => console.log(line));
}
