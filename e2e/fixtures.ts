// The `test` of every spec that uses the web host: each Playwright worker starts a host of its own,
// with its own port, settings, recent list and projects folder, so that specs running side by side
// in two workers never see each other's projects or settings.
import { test as base } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, stopServer } from './web-host';

export { expect } from '@playwright/test';

export interface WebHost {
  /** The address with its token, e.g. `http://127.0.0.1:41234/?token=…`. */
  url: string;
  /** The host's home folder (settings in `config/`, projects in `Neuroblocks/`); undefined for a host started outside the tests. */
  home?: string;
}

export const test = base.extend<object, { webHost: WebHost }>({
  webHost: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: this one has none.
    async ({}, use) => {
      // A host that is already running (e.g. the desktop app's web mode) is tested as it is, by every worker.
      const given = process.env.NEUROBLOCKS_URL;
      if (given) {
        await use({ url: given, home: process.env.NEUROBLOCKS_E2E_HOME });
        return;
      }
      const home = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-e2e-'));
      const { url, server } = await startServer(home);
      // The helpers and the specs read the address and the home from the environment of this worker.
      process.env.NEUROBLOCKS_URL = url;
      process.env.NEUROBLOCKS_E2E_HOME = home;
      try {
        await use({ url, home });
      } finally {
        delete process.env.NEUROBLOCKS_URL;
        delete process.env.NEUROBLOCKS_E2E_HOME;
        await stopServer(server);
        rmSync(home, { recursive: true, force: true });
      }
    },
    { scope: 'worker', auto: true, timeout: 150_000 },
  ],
});
