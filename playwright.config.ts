import { defineConfig } from '@playwright/test';
import { defaultLaunch } from './e2e/chromium';

// End-to-end tests of the renderer in Debian's Chromium, through the web host (`neuroblocks serve`).
// Nothing is downloaded: the browser is the system's. Each worker has a web host of its own
// (e2e/fixtures.ts), so spec files may run side by side. Two projects share two workers:
// - "interface": specs that train nothing and time nothing (editing, layout, dialogs, imports) run in
//   either worker;
// - "training": every other spec (training, timings, the GPU) runs in one worker, one spec after
//   another, because on 2 cores two training specs side by side miss their waits. A new spec is a
//   training spec until it is listed below.
// `npx playwright test --project training` runs one project alone.
const interfaceSpecs = [
  'augment.spec.ts',
  'editor.spec.ts',
  'french-errors.spec.ts',
  'network-import.spec.ts',
  'pretrained.spec.ts',
  'projector.spec.ts',
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
    { name: 'training', testIgnore: interfaceSpecs, workers: 1 },
    { name: 'interface', testMatch: interfaceSpecs },
  ],
});
