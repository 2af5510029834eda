import { defineConfig } from '@playwright/test';
import { defaultLaunch } from './e2e/chromium';

// End-to-end tests of the renderer in Debian's Chromium, through the web host (`neuroblocks serve`).
// Nothing is downloaded: the browser is the system's. Each worker has a web host of its own
// (e2e/fixtures.ts), so spec files may run side by side. Two projects are two lanes, one per worker,
// each running one spec after another (`workers: 1`), so that never more than two specs run at once
// on 2 cores; the specs are shared out so that each lane takes about half of the time:
// - "training-2": the specs listed below: the whole lesson (classroom), the three WebGPU specs,
//   consecutive so that they share one SwiftShader browser, and the two specs that time the
//   machine (camera: images recorded per second held; large-base: seconds from a click until the
//   canvas settles), in one lane so that they never run beside each other;
// - "training": every other spec, a new one included until it is listed here.
// Specs that train nothing and time nothing (editing, layout, dialogs, imports) sit in either lane
// to balance them. `npx playwright test --project training` runs one lane alone.
const secondLane = [
  'camera.spec.ts',
  'classroom.spec.ts',
  'csp.spec.ts',
  'images.spec.ts',
  'large-base.spec.ts',
  'pretrained.spec.ts',
  'projector.spec.ts',
  'pytorch.spec.ts',
  'tables.spec.ts',
  'webgpu-blocks.spec.ts',
  'webgpu-parity.spec.ts',
  'webgpu.spec.ts',
].map((file) => `**/e2e/${file}`);

export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    // A classroom projector's 1280×720: every spec drives the app at this size unless it tests another on purpose.
    viewport: { width: 1280, height: 720 },
    launchOptions: defaultLaunch,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
  },
  projects: [
    { name: 'training', testIgnore: secondLane, workers: 1 },
    { name: 'training-2', testMatch: secondLane, workers: 1 },
  ],
});
