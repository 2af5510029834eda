// The model in use, rebuilt on this side from the weights a run ended with or from a recorded
// checkpoint: it classifies images drawn in the UI, evaluates the test split, and finds which test
// samples fall in each cell of the confusion matrix and which mistakes were the most confident.
import type * as tfjs from '@tensorflow/tfjs';
import {
  UserFacingError,
  type Mistakes,
  type Prediction,
  type TableInput,
  type TestEvaluation,
  type TestSample,
  type TestSamples,
} from '../api/contract';
import { problem, type Problem } from '../i18n/catalogue';
import type { RecordedTable } from '../data/summary';
import type { Dataset, Samples, TableInfo } from '../data/types';
import type { Shape } from '../model/graph';
import type { Project } from '../model/project';
import type { SerializedWeight } from '../train/events';

type Tf = typeof tfjs;

export interface FinishedRun {
  sessionId: string;
  project: Project;
  /** The data set options the run was given (size, base folder), so that the same test split is loaded. */
  size?: number;
  baseDir?: string;
  weights: SerializedWeight[];
  /** Tables: the standardisation the run recorded, which a typed row and the test rows are prepared with. */
  table?: RecordedTable;
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
  /** The test samples before normalisation, for display: grey levels, or a table's values as written. */
  rawTest: Float32Array;
  /** Tables: the feature columns and how training standardised them. */
  table?: TableInfo;
  /** Predicted class and its probability for every test sample, and the mean loss, once computed. */
  scoring?: Promise<TestScores>;
}

interface TestScores {
  classes: Int32Array;
  confidence: Float32Array;
  /** Mean loss over the test split, with the weight penalties as training reports it. */
  loss: number;
}

/** Test samples scored between two yields to the event loop, so that other requests are answered meanwhile. */
const SCORE_BATCH = 128;
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

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

const wrongSize = { image: 'inference:wrongSizeImage', sample: 'inference:wrongSizeSample' } as const;

/** One sample as the model was trained to see it: checked against the Input block's shape, then standardised like the training data. */
export function modelInput(loaded: Loaded, values: unknown, noun: keyof typeof wrongSize): Float32Array {
  const size = loaded.inputShape.reduce((a, b) => a * b, 1);
  if (!Array.isArray(values) || values.length !== size || !values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    const given = Array.isArray(values) ? values.length : 0;
    const shape = loaded.inputShape.join(' × ');
    throw new UserFacingError(problem(wrongSize[noun], { shape, size, count: given }), 'bad-request');
  }
  const x = Float32Array.from(values as number[]);
  const { normalization } = loaded;
  if (normalization) {
    const groups = normalization.mean.length;
    for (let i = 0; i < x.length; i++) x[i] = (x[i] - normalization.mean[i % groups]) / normalization.std[i % groups];
  }
  return x;
}

/** A number as typed in a form: a decimal point or a decimal comma (5.1 or 5,1), an exponent allowed. */
function typedNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return NaN;
  return Number(/^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed);
}

/**
 * A row typed by column name, as the model's input before the project's normalisation: each
 * value is read as the CSV loader reads a cell (in single precision), then standardised with the
 * training rows' mean and σ. Every bad or missing field is named, with the column's training range.
 */
export function tableRow(loaded: Pick<Loaded, 'table'>, cells: Record<string, string>): number[] {
  const { table } = loaded;
  if (!table) {
    throw new UserFacingError(problem('inference:notTable', {}), 'not-table');
  }
  const known = new Set([...table.columns.map((c) => c.name), table.labelColumn]);
  const unknown = Object.keys(cells).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new UserFacingError(problem('inference:unknownColumns', { unknown, columns: table.columns.map((c) => c.name) }), 'bad-row', {
      columns: unknown,
    });
  }
  const problems: { column: string; problem: Problem }[] = [];
  const row = table.columns.map((column) => {
    const text = cells[column.name];
    const value = typeof text === 'string' ? typedNumber(text) : NaN;
    if (!Number.isFinite(value)) {
      const range = { column: column.name, min: column.min, max: column.max };
      problems.push({
        column: column.name,
        problem:
          typeof text !== 'string' || text.trim() === ''
            ? problem('inference:cellEmpty', range)
            : problem('inference:cellNotNumber', { ...range, text: text.trim(), mean: Number(column.mean.toPrecision(3)) }),
      });
      return NaN;
    }
    return (Math.fround(value) - column.mean) / column.std;
  });
  if (problems.length > 0) {
    throw new UserFacingError(problem('inference:badRow', { cells: problems.map((p) => p.problem) }), 'bad-row', {
      columns: problems.map((p) => p.column),
    });
  }
  return Array.from(Float32Array.from(row));
}

/** Whether a value read from a run's record is the table it recorded. */
export function isRecordedTable(value: unknown): value is RecordedTable {
  const table = value as Partial<RecordedTable> | null;
  return (
    typeof table === 'object' &&
    table !== null &&
    typeof table.labelColumn === 'string' &&
    Array.isArray(table.columns) &&
    table.columns.every(
      (c) =>
        typeof c?.name === 'string' && [c.mean, c.std, c.min, c.max].every((v) => typeof v === 'number' && Number.isFinite(v)) && c.std > 0,
    )
  );
}

/**
 * The table of a data set loaded again for a run, standardised as the run recorded (its test rows
 * too), so that the weights see what they were trained on even when the file's rows changed since.
 * A file whose feature columns are no longer the run's is refused.
 */
export function withRecordedStandardisation(dataset: Dataset, recorded: RecordedTable): TableInfo {
  const table = dataset.table!;
  const names = table.columns.map((c) => c.name);
  const recordedNames = recorded.columns.map((c) => c.name);
  if (names.join('\u0000') !== recordedNames.join('\u0000') || table.labelColumn !== recorded.labelColumn) {
    throw new UserFacingError(
      problem('inference:columnsChanged', {
        data: dataset.name,
        recorded: recordedNames,
        label: recorded.labelColumn,
        now: names,
        nowLabel: table.labelColumn,
      }),
      'table-changed',
    );
  }
  const features = names.length;
  const { x } = dataset.test;
  for (let i = 0; i < x.length; i++) {
    const { mean, std } = recorded.columns[i % features];
    x[i] = (table.rawTest[i] - mean) / std;
  }
  return { ...table, columns: recorded.columns.map((c) => ({ ...c })) };
}

export class TrainedModel {
  private loading?: Promise<Loaded>;
  private disposed = false;

  constructor(
    readonly run: FinishedRun,
    private readonly hooks: { onProgress?: (done: number, total: number) => void } = {},
  ) {}

  /** The input shape and class names, once the model and its test split are loaded (errors say why they cannot be). */
  async ready(): Promise<{ inputShape: Shape; classNames: string[]; testCount: number }> {
    const { inputShape, classNames, test } = await this.load();
    return { inputShape, classNames, testCount: test.count };
  }

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
    if (!inputShape) throw new UserFacingError(problem('inference:noSingleInput', {}), 'no-model');
    const dataset = await loadDataset(project.dataset, { baseDir: this.run.baseDir, inputShape, size: this.run.size });
    if (dataset.table && this.run.table) dataset.table = withRecordedStandardisation(dataset, this.run.table);
    const rawTest = dataset.table?.rawTest ?? dataset.test.x.slice();
    const normalization = project.training.normalize ? normalizeDataset(dataset) : undefined;
    const { tf } = await selectBackend();
    const model = compileGraph(tf, project.graph, { seed: project.training.seed });
    const fits =
      this.run.weights.length === model.weights.length &&
      model.weights.every(
        (w, i) => this.run.weights[i].shape.length === w.shape.length && this.run.weights[i].shape.every((d, j) => d === w.shape[j]),
      );
    if (!fits) {
      model.dispose();
      throw new UserFacingError(
        problem('inference:weightsMismatch', { saved: this.run.weights.length, model: model.weights.length }),
        'bad-weights',
      );
    }
    const tensors = this.run.weights.map((w) =>
      w.dtype === 'int32' ? tf.tensor(new Int32Array(w.data), w.shape, 'int32') : tf.tensor(new Float32Array(w.data), w.shape),
    );
    try {
      model.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
    // The training samples are not kept: only the test split is looked at from here.
    return {
      tf,
      model,
      inputShape,
      classNames: dataset.classNames,
      normalization,
      test: dataset.test,
      rawTest,
      ...(dataset.table ? { table: dataset.table } : {}),
    };
  }

  /** Class probabilities for one sample given as raw values (e.g. grey levels in [0, 1]) in the Input block's shape. */
  async predict(pixels: readonly number[]): Promise<Prediction> {
    const loaded = await this.load();
    const x = modelInput(loaded, pixels, 'image');
    const { tf, model } = loaded;
    const output = tf.tidy(() => (model.predict(tf.tensor(x, [1, ...loaded.inputShape])) as tfjs.Tensor).dataSync());
    return { sessionId: this.run.sessionId, classNames: loaded.classNames, probabilities: toProbabilities(output) };
  }

  /** The feature columns when the model was trained on a table, else undefined. */
  async tableInput(): Promise<TableInput | undefined> {
    const { table, classNames } = await this.load();
    if (!table) return undefined;
    return {
      sessionId: this.run.sessionId,
      labelColumn: table.labelColumn,
      columns: table.columns.map((c) => ({ name: c.name, kind: 'number', min: c.min, max: c.max, mean: c.mean })),
      classNames,
    };
  }

  /** Class probabilities for one row of a table typed by column name, standardised as the training rows were. */
  async predictRow(cells: Record<string, string>): Promise<Prediction> {
    const loaded = await this.load();
    const row = tableRow(loaded, cells);
    const x = modelInput(loaded, row, 'sample');
    const { tf, model } = loaded;
    const output = tf.tidy(() => (model.predict(tf.tensor(x, [1, ...loaded.inputShape])) as tfjs.Tensor).dataSync());
    return { sessionId: this.run.sessionId, classNames: loaded.classNames, probabilities: toProbabilities(output) };
  }

  private scoreTest(loaded: Loaded): Promise<TestScores> {
    loaded.scoring ??= this.score(loaded);
    return loaded.scoring;
  }

  private async score(loaded: Loaded): Promise<TestScores> {
    const { tf, model, test, inputShape } = loaded;
    const [{ computeLoss, encodeTargets, targetEncoding }] = await Promise.all([import('../train/losses')]);
    const size = inputShape.reduce((a, b) => a * b, 1);
    const count = test.count;
    const classes = new Int32Array(count);
    const confidence = new Float32Array(count);
    const outputUnits = (model.outputs[0].shape.at(-1) as number | null) ?? loaded.classNames.length;
    const encoding = targetEncoding(this.run.project.training.loss, outputUnits);
    let lossSum = 0;
    this.hooks.onProgress?.(0, count);
    const stopIfReplaced = () => {
      // Another model took this one's place: stop computing for nothing (its weights are being freed).
      if (this.disposed) throw new UserFacingError(problem('inference:replacedDuringEvaluation', {}), 'model-replaced');
    };
    for (let start = 0; start < count; start += SCORE_BATCH) {
      stopIfReplaced();
      const n = Math.min(SCORE_BATCH, count - start);
      const [output, loss] = tf.tidy(() => {
        const xs = tf.tensor(test.x.subarray(start * size, (start + n) * size), [n, ...inputShape]);
        const predictions = model.predict(xs) as tfjs.Tensor;
        const targets = encodeTargets(tf, test.y.subarray(start, start + n), encoding, loaded.classNames.length);
        return [predictions.dataSync(), computeLoss(tf, this.run.project.training.loss, targets, predictions).dataSync()[0]] as const;
      });
      lossSum += loss * n;
      const width = output.length / n;
      for (let i = 0; i < n; i++) {
        const probabilities = toProbabilities(output.subarray(i * width, (i + 1) * width));
        let best = 0;
        for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[best]) best = c;
        classes[start + i] = best;
        confidence[start + i] = probabilities[best];
      }
      this.hooks.onProgress?.(start + n, count);
      await nextTick();
    }
    stopIfReplaced();
    const penalty = tf.tidy(() => model.calculateLosses().reduce((sum, l) => sum + l.dataSync()[0], 0));
    return { classes, confidence, loss: lossSum / Math.max(count, 1) + penalty };
  }

  /** Loss, accuracy and confusion matrix on the test split, as training reports them at its end. */
  async evaluate(): Promise<TestEvaluation> {
    const loaded = await this.load();
    const { classes, loss } = await this.scoreTest(loaded);
    const names = loaded.classNames;
    const confusionMatrix = names.map(() => new Array<number>(names.length).fill(0));
    let correct = 0;
    for (let i = 0; i < classes.length; i++) {
      const actual = loaded.test.y[i];
      confusionMatrix[actual][classes[i]]++;
      if (classes[i] === actual) correct++;
    }
    return { loss, accuracy: correct / Math.max(classes.length, 1), samples: classes.length, classNames: names, confusionMatrix };
  }

  private sampleValues(loaded: Loaded, index: number): number[] {
    const size = loaded.inputShape.reduce((a, b) => a * b, 1);
    const values = loaded.rawTest.subarray(index * size, (index + 1) * size);
    // A table's values as written (single precision read back to its shortest decimals); grey levels to the thousandth.
    return Array.from(values, loaded.table ? (v) => Number(v.toPrecision(7)) : (v) => Math.round(v * 1000) / 1000);
  }

  /** The test samples the model got wrong, the most confident first. */
  async mistakes(limit = 24): Promise<Mistakes> {
    const loaded = await this.load();
    const { classes, confidence } = await this.scoreTest(loaded);
    const wrong: number[] = [];
    for (let i = 0; i < classes.length; i++) if (classes[i] !== loaded.test.y[i]) wrong.push(i);
    wrong.sort((a, b) => confidence[b] - confidence[a] || a - b);
    const take = Math.max(1, Math.min(MAX_SAMPLES, Math.floor(limit) || 24));
    return {
      sessionId: this.run.sessionId,
      classNames: loaded.classNames,
      shape: loaded.inputShape,
      total: wrong.length,
      samples: wrong.slice(0, take).map((index) => ({
        index,
        actual: loaded.test.y[index],
        predicted: classes[index],
        confidence: confidence[index],
        values: this.sampleValues(loaded, index),
      })),
      ...(loaded.table ? { columns: loaded.table.columns.map((c) => c.name) } : {}),
    };
  }

  /** The test samples of class `actual` that the model classified as `predicted`, most confident first. */
  async testSamples(actual: number, predicted: number, limit = 24): Promise<TestSamples> {
    const loaded = await this.load();
    const classes = loaded.classNames.length;
    for (const [value, what] of [
      [actual, problem('inference:actualClass', {})],
      [predicted, problem('inference:predictedClass', {})],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value >= Math.max(classes, 2)) {
        throw new UserFacingError(problem('inference:classOutOfRange', { what, last: classes - 1 }), 'bad-request');
      }
    }
    const { classes: predictions, confidence } = await this.scoreTest(loaded);
    const matching: number[] = [];
    for (let i = 0; i < predictions.length; i++) if (loaded.test.y[i] === actual && predictions[i] === predicted) matching.push(i);
    matching.sort((a, b) => confidence[b] - confidence[a]);
    const take = Math.max(1, Math.min(MAX_SAMPLES, Math.floor(limit) || 24));
    const samples: TestSample[] = matching
      .slice(0, take)
      .map((index) => ({ index, confidence: confidence[index], values: this.sampleValues(loaded, index) }));
    return {
      sessionId: this.run.sessionId,
      actual,
      predicted,
      total: matching.length,
      shape: loaded.inputShape,
      samples,
      ...(loaded.table ? { columns: loaded.table.columns.map((c) => c.name) } : {}),
    };
  }

  dispose(): void {
    this.disposed = true;
    void this.loading?.then((loaded) => loaded.model.dispose()).catch(() => undefined);
  }
}
