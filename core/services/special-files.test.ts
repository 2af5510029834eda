// Paths that name something other than a regular file (a FIFO, a device, a folder) are refused
// before anything is read from them, and what is read is bounded.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NeuroblocksService } from './services';
import { MAX_PROJECT_JSON_BYTES } from '../store/regular-file';

let root: string;
let projectsDir: string;
const fifos: string[] = [];

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-special-'));
  projectsDir = path.join(root, 'projects');
  mkdirSync(projectsDir);
});
afterEach(async () => {
  // Were a reader still waiting on a FIFO, opening its other end lets it go.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader waits.
    }
  }
  await rm(root, { recursive: true, force: true });
});

function service() {
  return new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir, version: '9.9.9' });
}

function makeFifo(location: string): string {
  execFileSync('mkfifo', [location]);
  fifos.push(location);
  return location;
}

/** Settles `promise` within `ms`, or fails the test saying it hung. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, hung]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(process.platform === 'win32')('files that are not regular files', () => {
  it('openProject refuses a FIFO named .json at once, naming it a pipe (four of them leave the host working)', async () => {
    const api = service();
    const fifo = makeFifo(path.join(projectsDir, 'pipe.json'));
    const attempts = [0, 1, 2, 3].map(() =>
      within(3000, api.openProject(fifo)).then(
        () => 'opened',
        (error: Error & { code?: string; fr?: string }) => error,
      ),
    );
    for (const error of await Promise.all(attempts)) {
      expect(error).toMatchObject({
        code: 'not-a-file',
        message: `Cannot open ${fifo}: it is a named pipe, not a file. Choose a project file saved by Neuroblocks.`,
      });
      expect((error as { fr: string }).fr).toContain('tube nommé');
    }
    // The thread pool is free: an ordinary file still opens.
    const good = path.join(projectsDir, 'good.json');
    writeFileSync(good, JSON.stringify({ nodes: [], edges: [] }));
    expect((await within(3000, api.openProject(good))).location).toBe(good);
  });

  it('openProject refuses /dev/zero (through a link named .json) and a folder named .json', async () => {
    const api = service();
    const zero = path.join(projectsDir, 'zero.json');
    symlinkSync('/dev/zero', zero);
    await expect(within(3000, api.openProject(zero))).rejects.toMatchObject({
      code: 'not-a-file',
      message: `Cannot open ${zero}: it is a device, not a file. Choose a project file saved by Neuroblocks.`,
    });
    const folder = path.join(projectsDir, 'folder.json');
    mkdirSync(folder);
    await expect(within(3000, api.openProject(folder))).rejects.toMatchObject({
      code: 'not-a-file',
      message: `Cannot open ${folder}: it is a folder, not a file.`,
    });
    const zeroProject = path.join(projectsDir, 'zero.nbproj');
    symlinkSync('/dev/zero', zeroProject);
    await expect(within(3000, api.openProject(zeroProject))).rejects.toMatchObject({
      message: expect.stringContaining('is a folder or a device, not a project file'),
    });
  });

  it('saving over a FIFO or a device is refused and never waits on it', async () => {
    const api = service();
    const fifo = makeFifo(path.join(projectsDir, 'pipe.json'));
    const { project } = await api.newProject({ name: 'P' });
    await expect(within(3000, api.saveProject(fifo, project))).rejects.toMatchObject({ code: 'exists' });
  });

  it('listing the projects folder skips FIFOs and devices without waiting', async () => {
    const api = service();
    makeFifo(path.join(projectsDir, 'pipe.json'));
    makeFifo(path.join(projectsDir, 'pipe.nbproj'));
    symlinkSync('/dev/zero', path.join(projectsDir, 'zero.json'));
    writeFileSync(
      path.join(projectsDir, 'good.json'),
      JSON.stringify({ format: 'neuroblocks.project', version: 1, name: 'Good', graph: { nodes: [], edges: [] } }),
    );
    const files = await within(3000, api.listProjectFiles());
    expect(files.map((f) => [f.fileName, f.name])).toEqual([['good.json', 'Good']]);
  });

  it('a project larger than a project can be is refused from its size, naming the limit', async () => {
    const api = service();
    const big = path.join(projectsDir, 'big.json');
    writeFileSync(big, '');
    // A sparse file: its size says it all, no byte of it is read.
    execFileSync('truncate', ['-s', String(MAX_PROJECT_JSON_BYTES + 1), big]);
    await expect(api.openProject(big)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/larger than a project file can be \(at most 50 MB\)/),
    });
    await expect(api.importProject('x'.repeat(MAX_PROJECT_JSON_BYTES + 1))).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('at most 50 MB'),
    });
  });
});
