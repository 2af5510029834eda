// The model of the last finished run, rebuilt on this side from its final weights: it classifies
// images drawn in the UI and finds which test samples fall in each cell of the confusion matrix.
import type * as tfjs from '@tensorflow/tfjs';
import { UserFacingError, type Prediction, type TestSample, type TestSamples } from '../api/contract';
import type { Samples } from '../data/types';
import type { Shape } from '../model/graph';
import type { Project } from '../model/project';
import type { SerializedWeight } from '../train/events';

type Tf = typeof tfjs;

export interface FinishedRun {
  runId: string;
  project: Project;
  /** The data set options the run was given (size, base folder), so that the same test split is loaded. */
  size?: number;
  baseDir?: string;
  weights: SerializedWeight[];
}

export interface Loaded {
  tf: Tf;
  model: tfjs.LayersModel;
  inputShape: Shape;
  classNames: string[];
  /** Standardisation of the run's training data, when the project normalises inputs. */
  normalization?: { mean: Float32Array; std: Float32Array };
  /** The held-out test split, normalised as the model was trained. */
  test: Samples;
  /** Grey levels of the test samples before normalisation, for display. */
  rawTest: Float32Array;
  /** Predicted class and its probability for every test sample. */
  predicted?: { classes: Int32Array; confidence: Float32Array };
}

const MAX_SAMPLES = 60;

/** Class probabilities from the model's output row: softmax outputs are kept, a single sigmoid unit becomes [1 − p, p], anything else goes through a softmax. */
export function toProbabilities(output: ArrayLike<number>): number[] {
  const values = Array.from(output);
  if (values.length === 1) {
    const p = Math.min(1, Math.max(0, values[0]));
    return [1 - p, p];
  }
  const sum = values.reduce((a, b) => a + b, 0);
  if (values.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) < 1e-3) return values;
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

export class TrainedModel {
  private loading?: Promise<Loaded>;

  constructor(readonly run: FinishedRun) {}

  private load(): Promise<Loaded> {
    this.loading ??= this.build();
    return this.loading;
  }

  /** The built model and how samples are prepared for it, for looking inside it (./inside). */
  internals(): Promise<Loaded> {
    return this.load();
  }

  private async build(): Promise<Loaded> {
    const { project } = this.run;
    const [{ selectBackend }, { compileGraph }, { loadDataset }, { normalizeDataset }, { analyzeGraph }] = await Promise.all([
      import('../train/backend/index'),
      import('../compile/compile'),
      import('../data/load'),
      import('../data/summary'),
      import('../model/analyze'),
    ]);
    const analysis = analyzeGraph(project.graph, { loss: project.training.loss });
    const inputShape = analysis.inputs.length === 1 ? analysis.nodes[analysis.inputs[0]].outputShape : undefined;
    if (!inputShape) throw new UserFacingError('The trained model has no single Input block, so it cannot be tried here.', 'no-model');
    const dataset = await loadDataset(project.dataset, { baseDir: this.run.baseDir, inputShape, size: this.run.size });
    const rawTest = dataset.test.x.slice();
    const normalization = project.training.normalize ? normalizeDataset(dataset) : undefined;
    const { tf } = await selectBackend();
    const model = compileGraph(tf, project.graph, { seed: project.training.seed });
    const tensors = this.run.weights.map((w) => tf.tensor(new Float32Array(w.data), w.shape));
    try {
      model.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
    // The training samples are not kept: only the test split is looked at from here.
    return { tf, model, inputShape, classNames: dataset.classNames, normalization, test: dataset.test, rawTest };
  }

  /** Class probabilities for one sample given as raw values (e.g. grey levels in [0, 1]) in the Input block's shape. */
  async predict(pixels: readonly number[]): Promise<Prediction> {
    const loaded = await this.load();
    const size = loaded.inputShape.reduce((a, b) => a * b, 1);
    if (!Array.isArray(pixels) || pixels.length !== size || !pixels.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new UserFacingError(`The model expects an image of ${loaded.inputShape.join(' × ')} = ${size} numbers; ${Array.isArray(pixels) ? pixels.length : 0} were given.`, 'bad-request');
    }
    const x = Float32Array.from(pixels);
    const groups = loaded.normalization?.mean.length ?? 1;
    if (loaded.normalization) for (let i = 0; i < x.length; i++) x[i] = (x[i] - loaded.normalization.mean[i % groups]) / loaded.normalization.std[i % groups];
    const { tf, model } = loaded;
    const output = tf.tidy(() => (model.predict(tf.tensor(x, [1, ...loaded.inputShape])) as tfjs.Tensor).dataSync());
    return { runId: this.run.runId, classNames: loaded.classNames, probabilities: toProbabilities(output) };
  }

  private predictTest(loaded: Loaded): { classes: Int32Array; confidence: Float32Array } {
    if (loaded.predicted) return loaded.predicted;
    const { tf, model, test, inputShape } = loaded;
    const size = inputShape.reduce((a, b) => a * b, 1);
    const count = test.count;
    const classes = new Int32Array(count);
    const confidence = new Float32Array(count);
    const batch = 256;
    for (let start = 0; start < count; start += batch) {
      const n = Math.min(batch, count - start);
      const output = tf.tidy(() => {
        const xs = tf.tensor(test.x.subarray(start * size, (start + n) * size), [n, ...inputShape]);
        return (model.predict(xs) as tfjs.Tensor).dataSync();
      });
      const width = output.length / n;
      for (let i = 0; i < n; i++) {
        const probabilities = toProbabilities(output.subarray(i * width, (i + 1) * width));
        let best = 0;
        for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
        classes[start + i] = best;
        confidence[start + i] = probabilities[best];
      }
    }
    loaded.predicted = { classes, confidence };
    return loaded.predicted;
  }

  /** The test samples of class `actual` that the model classified as `predicted`, most confident first. */
  async testSamples(actual: number, predicted: number, limit = 24): Promise<TestSamples> {
    const loaded = await this.load();
    const classes = loaded.classNames.length;
    for (const [value, what] of [
      [actual, 'The actual class'],
      [predicted, 'The predicted class'],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value >= Math.max(classes, 2)) throw new UserFacingError(`${what} must be a class number from 0 to ${classes - 1}.`, 'bad-request');
    }
    const { classes: predictions, confidence } = this.predictTest(loaded);
    const matching: number[] = [];
    for (let i = 0; i < predictions.length; i++) if (loaded.test.y[i] === actual && predictions[i] === predicted) matching.push(i);
    matching.sort((a, b) => confidence[b] - confidence[a]);
    const take = Math.max(1, Math.min(MAX_SAMPLES, Math.floor(limit) || 24));
    const size = loaded.inputShape.reduce((a, b) => a * b, 1);
    const samples: TestSample[] = matching.slice(0, take).map((index) => ({
      index,
      confidence: confidence[index],
      values: Array.from(loaded.rawTest.subarray(index * size, (index + 1) * size), (v) => Math.round(v * 1000) / 1000),
    }));
    return { runId: this.run.runId, actual, predicted, total: matching.length, shape: loaded.inputShape, samples };
  }

  dispose(): void {
    void this.loading?.then((loaded) => loaded.model.dispose()).catch(() => undefined);
  }
}
