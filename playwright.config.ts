import { defineConfig } from '@playwright/test';

// End-to-end tests of the renderer in Debian's Chromium, through the web host (`neuroblocks serve`).
// Nothing is downloaded: the browser is the system's. Each worker has a web host of its own
// (e2e/fixtures.ts), so spec files may run side by side (`--workers 2`); by default one worker runs
// them one after another, because on 2 cores two training specs side by side miss their waits.
export default defineConfig({
  testDir: 'e2e',
  testMatch: /.*\.spec\.ts$/,
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    // A classroom projector's 1280×720: every spec drives the app at this size unless it tests another on purpose.
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.NEUROBLOCKS_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 15_000,
  },
});
