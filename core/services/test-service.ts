// The folder and the web host's service that the services' tests start from.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TestEvaluation, TrainingUpdate } from '../api/contract';
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
    root = await makeFolder(prefix, makeProjectsDir);
    use({ root, projectsDir: path.join(root, 'projects') });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));
}

/** One fresh folder, its projects folder not made, for all the tests of the file or `describe` that calls it. */
export function serviceFolderPerFile(prefix: string, use: (folder: ServiceFolder) => void): void {
  let root = '';
  beforeAll(async () => use({ root: (root = await makeFolder(prefix, false)), projectsDir: path.join(root, 'projects') }));
  afterAll(() => rm(root, { recursive: true, force: true }));
}

async function makeFolder(prefix: string, makeProjectsDir: boolean): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  if (makeProjectsDir) await mkdir(path.join(root, 'projects'));
  return root;
}

/** The web host's service, version 9.9.9, on `folder`; `options` replace any of these. */
export function webService({ root, projectsDir }: ServiceFolder, options: Partial<ServiceOptions> = {}): NeuroblocksService {
  return new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir, version: '9.9.9', ...options });
}

/** The test evaluation of the training that `start` begins on `api`, once its final event comes; an error when it ends without one. */
export async function finalTest(api: NeuroblocksService, start: () => Promise<unknown>): Promise<TestEvaluation> {
  const final = new Promise<TrainingUpdate>((resolve) => api.onTrainingEvent((u) => u.event.type === 'final' && resolve(u)));
  await start();
  const { event } = await final;
  if (event.type !== 'final' || !event.test) throw new Error(`Training ended without a test evaluation: ${JSON.stringify(event)}`);
  return event.test;
}
