import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from './errors';
import { ProjectStore } from './project-store';
import { resumeRunRecorder, startRunRecorder } from './recorder';
import { closeAll, denseWeights, epochMetrics, smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
let store: ProjectStore;
tempDirPerTest((path) => (dir = path));
beforeEach(() => {
  store = ProjectStore.create(join(dir, 'p.nbproj'), smallProject());
});
afterEach(() => closeAll([store]));

describe('run recorder', () => {
  it('records epoch ends, checkpoints, an evaluation and the final state', () => {
    const recorder = startRunRecorder(store, { project: smallProject(), backend: 'wasm', device: 'CPU' });
    for (let e = 1; e <= 3; e++) {
      recorder.epochEnd(epochMetrics(e));
      recorder.checkpoint({ epoch: e, weights: denseWeights([2, 8, 2], e), best: e === 3 });
    }
    recorder.evaluation({ checkpoint: 'best', testAccuracy: 0.75 });
    recorder.end('early-stopped');
    recorder.end('completed'); // ignored: a run ends once
    expect(recorder.ended).toBe(true);
    expect(store.getRun(recorder.runId)).toMatchObject({
      status: 'early-stopped',
      epochs: 3,
      best: { epoch: 3 },
      evaluations: [{ testAccuracy: 0.75 }],
    });
  });

  it('resumes an interrupted run where its last checkpoint left it', () => {
    const first = startRunRecorder(store, { project: smallProject(), backend: 'cpu' });
    first.epochEnd(epochMetrics(1));
    first.checkpoint({ epoch: 1, weights: denseWeights([2, 8, 2], 1) });
    first.epochEnd(epochMetrics(2));
    store.connection.prepare('UPDATE runs SET owner_pid = 2147483646').run();
    store.close();
    store = ProjectStore.open(store.path);
    const { recorder, resume } = resumeRunRecorder(store, first.runId);
    expect(resume.nextEpoch).toBe(2);
    expect(resume.checkpoint.weights).toEqual(denseWeights([2, 8, 2], 1));
    for (let e = resume.nextEpoch; e <= 5; e++) recorder.epochEnd(epochMetrics(e));
    recorder.end('completed');
    expect(store.getRun(first.runId).epochMetrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails clearly when the disk fills during training, keeping the epochs already recorded', () => {
    const recorder = startRunRecorder(store, { project: smallProject(), backend: 'cpu' });
    recorder.epochEnd(epochMetrics(1));
    recorder.checkpoint({ epoch: 1, weights: denseWeights([2, 8, 2], 1) });
    store.connection.pragma(`max_page_count = ${store.connection.pragma('page_count', { simple: true })}`);
    let error: unknown;
    try {
      for (let e = 2; e <= 500; e++) {
        recorder.epochEnd(epochMetrics(e));
        recorder.checkpoint({ epoch: e, weights: denseWeights([2, 256, 2], e) });
      }
    } catch (e) {
      error = e;
    }
    expect((error as StoreError).code).toBe('disk-full');
    const run = store.getRun(recorder.runId);
    expect(run.epochMetrics.map((m) => m.epoch)).toEqual(Array.from({ length: run.epochs }, (_, i) => i + 1));
    expect(store.loadCheckpoint(recorder.runId).epoch).toBeGreaterThanOrEqual(run.epochs - 1);
    expect(store.integrityCheck()).toEqual([]);
  });

  it('refuses to record into a project opened read-only', () => {
    store.close();
    store = ProjectStore.open(store.path, { readOnly: true });
    expect(() => startRunRecorder(store, { project: smallProject(), backend: 'cpu' })).toThrow(StoreError);
    expect(() => startRunRecorder(store, { project: smallProject(), backend: 'cpu' })).toThrow(/open read-only/);
  });
});
