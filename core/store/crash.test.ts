import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crashLoop, type KillReport } from './crash-harness';
import { ProjectStore } from './project-store';
import { tempDirPerTest } from './test-dir';

// A writer process records runs into a project file while it is killed with SIGKILL at random
// moments; after each kill the file must pass integrity_check, hold an exact prefix of epochs
// with none partial, load its last checkpoint, and read the run as interrupted.
// crash-soak.ts runs the same loop thousands of times.

let dir: string;
tempDirPerTest((path) => (dir = path), 'nbproj-crash-');

const seed = Number(process.env.NEUROBLOCKS_CRASH_SEED ?? Date.now() % 1_000_000);

describe('killing a process that records a run', () => {
  it('leaves a sound file after each of 20 kills of a writer storing real weight blobs', async () => {
    const file = join(dir, 'crash.nbproj');
    const reports = await crashLoop({ file, kills: 20, mode: 'synthetic', seed, keepRuns: 6 });
    expect(reports).toHaveLength(20);
    // The kills landed at different points: some runs got epochs, some checkpoints lag one epoch behind.
    expect(reports.some((r: KillReport) => r.epochs > 0)).toBe(true);
    const store = ProjectStore.open(file);
    expect(store.integrityCheck()).toEqual([]);
    expect(store.listRuns().every((r) => r.status === 'interrupted')).toBe(true);
    store.close();
  }, 120_000);

  it('leaves a sound file after kills during real training by the training engine', async () => {
    const file = join(dir, 'train.nbproj');
    const reports = await crashLoop({ file, kills: 3, mode: 'engine', seed: seed + 1000 });
    expect(reports).toHaveLength(3);
    const store = ProjectStore.open(file);
    for (const run of store.listRuns()) {
      expect(run.status).toBe('interrupted');
      expect(run.backend).toBe('cpu');
      if (run.hasLastCheckpoint)
        expect(store.loadCheckpoint(run.id).weights.map((w) => w.shape)).toEqual([[2, 16], [16], [16, 16], [16], [16, 2], [2]]);
    }
    store.close();
  }, 120_000);
});
