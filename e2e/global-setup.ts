import { ensureRendererBuilt } from '../core/hosts/web/renderer-build';

// Each worker starts a web host of its own (see fixtures.ts); the user interface they serve is built
// here once, with Vite when its sources changed since the last build, so that two hosts starting at
// the same time never build it both.
export default async function globalSetup(): Promise<void> {
  // A host that is already running (e.g. the desktop app's web mode) is tested as it is.
  if (process.env.NEUROBLOCKS_URL) return;
  await ensureRendererBuilt((line) => console.log(line));
}
