import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestEvaluation } from '../api/contract';
import { compileGraph } from '../compile/compile';
import { parseProject } from '../model/project-io';
import { selectBackend } from '../train/backend/index';
import { serializeSnapshot, snapshotWeights } from '../train/weights';
import { toProbabilities, TrainedModel } from './inference';
import { NeuroblocksService } from './services';
import { finalTest, serviceFolderPerFile, webService } from './test-service';

describe('class probabilities from a model output', () => {
  it('keeps softmax rows, splits a sigmoid unit and puts logits through a softmax', () => {
    expect(toProbabilities([0.2, 0.8])).toEqual([0.2, 0.8]);
    expect(toProbabilities([0.25])).toEqual([0.75, 0.25]);
    const fromLogits = toProbabilities([0, Math.log(3)]);
    expect(fromLogits[0]).toBeCloseTo(0.25, 6);
    expect(fromLogits[1]).toBeCloseTo(0.75, 6);
  });
});

describe('the last finished run’s model', () => {
  let root: string;
  let api: NeuroblocksService;
  let test: TestEvaluation;

  serviceFolderPerFile('neuroblocks-inference-', (folder) => {
    root = folder.root;
    api = webService({ root, projectsDir: root }, { version: '0.0.0' });
  });
  beforeAll(async () => {
    const { project } = await api.openExample('mnist-cnn');
    test = await finalTest(api, () => api.startTraining(project, { epochs: 1, size: 300, seed: 2 }));
  }, 120_000);

  it('is refused before any run has finished', async () => {
    const fresh = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'other'), projectsDir: root });
    await expect(fresh.predict(new Array(784).fill(0))).rejects.toMatchObject({ code: 'no-model' });
    await expect(fresh.getTestSamples({ actual: 0, predicted: 0 })).rejects.toMatchObject({ code: 'no-model' });
  });

  it('finds as many test digits in each cell as the run’s confusion matrix counts, with their images', async () => {
    for (let actual = 0; actual < 10; actual += 3) {
      const row = test.confusionMatrix[actual];
      const predicted = row.indexOf(Math.max(...row));
      const cell = await api.getTestSamples({ actual, predicted, limit: 5 });
      expect(cell.total).toBe(row[predicted]);
      expect(cell.shape).toEqual([28, 28, 1]);
      expect(cell.samples.length).toBe(Math.min(5, row[predicted]));
      for (const sample of cell.samples) {
        expect(sample.values).toHaveLength(784);
        expect(Math.max(...sample.values)).toBeGreaterThan(0.5);
      }
      const confidences = cell.samples.map((s) => s.confidence);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    }
    await expect(api.getTestSamples({ actual: 10, predicted: 0 })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('classifies a test digit as the run did, with probabilities summing to 1', async () => {
    const row = test.confusionMatrix[1];
    const cell = await api.getTestSamples({ actual: 1, predicted: row.indexOf(Math.max(...row)), limit: 1 });
    const prediction = await api.predict(cell.samples[0].values);
    expect(prediction.classNames).toHaveLength(10);
    expect(prediction.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const best = prediction.probabilities.indexOf(Math.max(...prediction.probabilities));
    expect(best).toBe(cell.predicted);
    expect(prediction.probabilities[best]).toBeCloseTo(cell.samples[0].confidence, 2);
    await expect(api.predict([1, 2, 3])).rejects.toMatchObject({ code: 'bad-request' });
  });
});

describe('a model replaced while it evaluates the test split', () => {
  it('stops with "model-replaced" instead of finishing on freed weights', async () => {
    const project = parseProject(JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../projects/spirals-mlp.json'), 'utf8')));
    const { tf } = await selectBackend();
    const built = compileGraph(tf, project.graph, { seed: 1 });
    const weights = serializeSnapshot(snapshotWeights(built));
    built.dispose();
    // Replaced as the last batch of the test split is scored, as when another run ends at that moment.
    const model: TrainedModel = new TrainedModel(
      { sessionId: 'r', project, size: 100, weights },
      { onProgress: (done, total) => total > 0 && done === total && model.dispose() },
    );
    await expect(model.evaluate()).rejects.toMatchObject({ code: 'model-replaced' });
  });
});
