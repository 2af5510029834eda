// The folder and the web host's service that the services' tests start from.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { NeuroblocksService } from './services';

type ServiceOptions = ConstructorParameters<typeof NeuroblocksService>[0];

/** A service's folders: its settings in `root/config`, its projects in `projectsDir`, `root/projects` (not made). */
export interface ServiceFolder {
  root: string;
  projectsDir: string;
}

/** Before each test of the file that calls it, a fresh folder, its projects folder made when `makeProjectsDir`, handed to `use`; removed after the test. */
export function serviceFolderPerTest(prefix: string, use: (folder: ServiceFolder) => void, { makeProjectsDir = false } = {}): void {
  let root = '';
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), prefix));
    const projectsDir = path.join(root, 'projects');
    if (makeProjectsDir) await mkdir(projectsDir);
    use({ root, projectsDir });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });
}

/** The web host's service, version 9.9.9, on `folder`; `options` replace any of these. */
export function webService({ root, projectsDir }: ServiceFolder, options: Partial<ServiceOptions> = {}): NeuroblocksService {
  return new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir, version: '9.9.9', ...options });
}
