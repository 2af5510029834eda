import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTraining } from '../train';
import { describeDataset } from './dataset-ref';
import { ProjectStore } from './project-store';
import { recordTrainingRun } from './record-training';
import { mlpProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

const spirals = mlpProject({
  name: 'Spirals',
  hiddenUnits: 16,
  activation: 'tanh',
  dataset: { kind: 'builtin', name: 'spirals', size: 300 },
  training: { optimizer: 'adam', learningRate: 0.02, epochs: 4, batchSize: 32, validationSplit: 0.2, seed: 3 },
});

describe('recording a real training run', () => {
  it('records the snapshot, every epoch, checkpoints, the test evaluation and the final state', async () => {
    const store = ProjectStore.create(join(dir, 'spirals.nbproj'), spirals);
    const dataset = await describeDataset(spirals.dataset!, { seed: spirals.training.seed });
    const session = startTraining(spirals, { backend: 'cpu' });
    const recording = recordTrainingRun(store, session, spirals, { dataset });
    const final = await session.done;
    const { runId, error } = await recording.done;
    expect(error).toBeUndefined();
    expect(final.state).toBe('completed');
    const run = store.getRun(runId!);
    expect(run).toMatchObject({
      status: 'completed',
      epochs: 4,
      plannedEpochs: 4,
      backend: 'cpu',
      seed: 3,
      datasetHash: dataset.contentHash,
    });
    expect(run.epochMetrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(run.epochMetrics.map((m) => m.loss)).toEqual(final.history.map((m) => m.loss));
    expect(run.dataset?.summary).toMatchObject({ sizes: { train: expect.any(Number) } });
    const last = store.loadCheckpoint(runId!, 'last');
    expect(last.epoch).toBe(4);
    expect(last.weights.map((w) => w.shape)).toEqual([[2, 16], [16], [16, 2], [2]]);
    expect(store.loadCheckpoint(runId!, 'best').epoch).toBeGreaterThanOrEqual(1);
    if (final.test) expect(run.evaluations[0]).toMatchObject({ testAccuracy: final.test.accuracy, confusion: final.test.confusionMatrix });
    store.close();
  });
});
