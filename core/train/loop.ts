// The training loop shared by every TensorFlow.js engine, on prepared data: the Node worker's
// (./run, WASM and native backends) and the page's (../page-train, WebGPU and WebGL in a Web
// Worker). Browser-safe: no Node built-ins, and TensorFlow.js comes in as the `tf` it is given.
import type * as tfjs from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import { applyPretrained, pretrainedSkippedText, type PretrainedWeight } from '../compile/pretrained';
import { permutation, seededRandom } from '../data/random';
import { skippedWarning, summarizeDataset } from '../data/summary';
import { DataError, type Dataset, sampleSize, takeSamples } from '../data/types';
import type { Graph, Shape } from '../model/graph';
import { problem, type Problem } from '../i18n/catalogue';
import { errorProblem, LocalizedError } from '../model/localized';
import type { Project, TrainingSettings } from '../model/project';
import { BestTracker, EarlyStopping, monitoredValue, ReduceLrOnPlateau, type Monitor } from './callbacks';
import { divergedMessage, endedMessage } from './final-words';
import type { BackendName, EpochMetrics, FinalResult, SerializedWeight, TestEvaluation, TrainingEvent } from './events';
import { computeLoss, correctCount, predictedClasses, targetEncoding } from './losses';
import { cacheFrozenBase, DEFAULT_FEATURE_CACHE_BYTES, planFrozenBase, sampleFeed, type Feed, type FeedBatch } from './frozen-base';
import { createOptimizer, setLearningRate } from './optimizers';
import {
  copyWeights,
  restoreOptimizer,
  restoreWeights,
  serializeSnapshot,
  snapshotOptimizer,
  readWeights,
  type WeightSnapshot,
} from './weights';

type Tf = typeof tfjs;

/** Where a resumed run picks up. */
export interface TrainingResume {
  /** The checkpoint's weights, in the model's weight order. */
  weights: SerializedWeight[];
  /** The optimizer's state saved with the checkpoint; without it the optimizer restarts (momentum and Adam's averages build up again). */
  optimizer?: SerializedWeight[];
  /** The first epoch still to train (the checkpoint's epoch + 1). */
  fromEpoch: number;
  /** The metrics of the epochs already trained, 1 to fromEpoch - 1. */
  history: EpochMetrics[];
}

/** The run options the loop reads. */
interface TrainingOptions {
  resume?: TrainingResume;
  /** Emit best and last weight checkpoints (default true). */
  checkpoints?: boolean;
  /** Least time between two batch events (default 100 ms, about 10 per second). */
  batchEventInterval?: number;
  /** Computes a frozen base's outputs once per image and trains the head on them, where the graph allows (default true). */
  featureCache?: boolean;
  /** What those cached outputs may take, in bytes (default 1 GB). */
  featureCacheBytes?: number;
  /** The project's pretrained weights: a new run starts from them for the blocks that have them. */
  pretrained?: readonly PretrainedWeight[];
}

/** The data set, loaded and checked against the model, and the model's input shape and output units. */
export interface PreparedData {
  dataset: Dataset;
  inputShape: Shape;
  outputUnits: number;
}

/** The final words of a run: for a resumed run, the same sentence followed by where it resumed from and whether the optimizer's state came along. */
export function resumeNote(message: Problem, resume: TrainingResume | undefined): Problem {
  if (!resume) return message;
  const epoch = resume.fromEpoch - 1;
  return resume.optimizer?.length
    ? problem('train:resumedWithState', { final: message, epoch })
    : problem('train:resumedFresh', { final: message, epoch });
}

/** The warning of a run that left tensors in memory (a leak in the engine, worth reporting). */
export function tensorLeakWarning(leaked: number): Extract<TrainingEvent, { type: 'warning' }> {
  return { type: 'warning', message: problem('train:tensorsLeaked', { count: leaked }) };
}

/** What a training loop needs to know of its backend. */
export interface LoopBackend {
  backend: BackendName;
  device: string;
  fallbacks: { backend: BackendName; reason: Problem }[];
}

/** How the loop hears pause and stop, and reports its progress (./control's TrainingControl in a Node worker). */
export interface LoopControl {
  countBatch(): void;
  readonly command: 'run' | 'pause' | 'stop';
  /** Resolves when the run is no longer paused: `true` to go on, `false` when it was stopped. */
  waitWhilePaused(): Promise<boolean>;
  /** Called after every batch: lets commands that arrive as messages in (a Web Worker). */
  poll?(): Promise<void>;
}

/** The options of a run that the loop itself uses. */
export type LoopOptions = Pick<
  TrainingOptions,
  'resume' | 'checkpoints' | 'batchEventInterval' | 'pretrained' | 'featureCache' | 'featureCacheBytes'
>;

/**
 * The epoch and batch loop with its callbacks, checkpoints and the final test evaluation, on data
 * already loaded, with any TensorFlow.js backend: the Node worker's engine and the page's GPU
 * engine run this same code, so that they give the same results.
 */
export class TrainingLoop {
  private readonly started = performance.now();
  private history: EpochMetrics[] = [];
  private choice?: LoopBackend;
  private model?: tfjs.LayersModel;
  /** Why some blocks start from random weights after all, said once the run has started. */
  private pretrainedNote?: Problem;
  /** The head trained on a frozen base's outputs: the model's own layers, used by a second model. */
  private head?: tfjs.LayersModel;

  constructor(
    private readonly options: LoopOptions,
    private readonly emit: (event: TrainingEvent) => void,
    private readonly control: LoopControl,
  ) {}

  /** The final result of a run that threw: keeps the epochs it completed. */
  failed(error: unknown): FinalResult {
    return this.result({ state: 'failed', message: errorProblem(error), epochsCompleted: this.history.length });
  }

  /** The final result with the weights the model ends with. */
  private async final(result: Omit<FinalResult, 'history' | 'seconds' | 'backend' | 'device' | 'weights'>): Promise<FinalResult> {
    return this.result(result, this.model ? serializeSnapshot(await readWeights(this.model)) : undefined);
  }

  private result(
    result: Omit<FinalResult, 'history' | 'seconds' | 'backend' | 'device' | 'weights'>,
    weights?: SerializedWeight[],
  ): FinalResult {
    return {
      ...result,
      message: resumeNote(result.message, this.options.resume),
      ...(weights ? { weights } : {}),
      history: this.history,
      backend: this.choice?.backend,
      device: this.choice?.device,
      seconds: (performance.now() - this.started) / 1000,
    };
  }

  /** Builds the model (from the checkpoint when resuming) and trains it on `dataset` with `tf`, whose active backend is `choice`. */
  async run(tf: Tf, choice: LoopBackend, project: Project, settings: TrainingSettings, data: PreparedData): Promise<FinalResult> {
    this.choice = choice;
    const baseline = tf.memory().numTensors;
    const model = compileGraph(tf, project.graph, { seed: settings.seed });
    this.model = model;
    // A resumed run goes on from its checkpoint; a new one starts from the project's pretrained weights where it has them.
    if (this.options.resume) loadResumeWeights(tf, model, this.options.resume);
    else this.pretrainedNote = pretrainedSkippedText(applyPretrained(tf, model, this.options.pretrained));
    const optimizer = createOptimizer(tf, settings);
    try {
      return await this.train(tf, model, optimizer, data.dataset, settings, data.inputShape, data.outputUnits, project.graph);
    } finally {
      optimizer.dispose();
      // The head's layers are the model's: each model lets go of them, and the last frees their weights.
      this.head?.dispose();
      this.head = undefined;
      model.dispose();
      this.model = undefined;
      const leaked = tf.memory().numTensors - baseline;
      if (leaked !== 0) this.emit(tensorLeakWarning(leaked));
    }
  }

  private async train(
    tf: Tf,
    model: tfjs.LayersModel,
    optimizer: tfjs.Optimizer,
    dataset: Dataset,
    settings: TrainingSettings,
    inputShape: Shape,
    outputUnits: number,
    graph: Graph,
  ): Promise<FinalResult> {
    const options = this.options;
    const classes = dataset.classNames.length;
    const encoding = targetEncoding(settings.loss, outputUnits);
    const sample = sampleSize(dataset.inputShape);

    // The validation split is drawn with the run's seed from the training samples.
    const order = permutation(dataset.train.count, seededRandom(settings.seed ^ 0x5eed));
    const validationCount = Math.round(dataset.train.count * settings.validationSplit);
    const trainCount = dataset.train.count - validationCount;
    if (trainCount < 1) {
      throw new DataError(problem('train:noTrainingSample', { split: settings.validationSplit }));
    }
    const train = takeSamples(dataset.train, order.subarray(validationCount), sample);
    const validation = validationCount > 0 ? takeSamples(dataset.train, order.subarray(0, validationCount), sample) : undefined;
    const shuffleRandom = seededRandom(settings.seed ^ 0x5a0f);
    const resume = options.resume;
    const firstEpoch = resume?.fromEpoch ?? 1;

    const batchSize = Math.min(settings.batchSize, trainCount);
    const batchesPerEpoch = Math.ceil(trainCount / batchSize);
    const params = model.countParams();
    const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    const frozenBase = planFrozenBase(graph, {
      samples: trainCount + validationCount,
      maxBytes: options.featureCacheBytes ?? DEFAULT_FEATURE_CACHE_BYTES,
      enabled: options.featureCache,
    });
    this.emit({
      type: 'started',
      backend: this.choice!.backend,
      device: this.choice!.device,
      fallbacks: this.choice!.fallbacks,
      paramCount: { total: params, trainable, nonTrainable: params - trainable },
      dataset: summarizeDataset(dataset),
      sizes: { train: trainCount, validation: validationCount, test: dataset.test.count },
      epochs: settings.epochs,
      batchesPerEpoch,
      seed: settings.seed,
      ...(resume ? { resumedFromEpoch: firstEpoch } : {}),
      ...(frozenBase.notice ? { frozenBase: frozenBase.notice } : {}),
    });
    // A large image folder's preview decodes only a sample: files found broken now are named here.
    const skipped = skippedWarning(dataset.skipped);
    if (skipped) this.emit({ type: 'warning', message: skipped });
    if (this.pretrainedNote) this.emit({ type: 'warning', message: this.pretrainedNote });

    // The model each step runs: the whole model on the images, or its head on the frozen base's outputs, computed here once.
    // A stop while the base is computed ends the run there (a pause waits for the first step).
    const testFeed = sampleFeed(tf, dataset.test, inputShape, encoding, classes);
    const stopped = async () => {
      await this.control.poll?.();
      return this.control.command === 'stop';
    };
    let lastProgress = 0;
    const progress = (images: number, of: number) => {
      const now = performance.now();
      if (images < of && now - lastProgress < 250) return;
      lastProgress = now;
      this.emit({ type: 'baseProgress', images, of });
    };
    const head = frozenBase.base
      ? await cacheFrozenBase(
          tf,
          model,
          frozenBase.base,
          { train, validation },
          inputShape,
          encoding,
          classes,
          Math.max(settings.batchSize, 256),
          stopped,
          progress,
        )
      : undefined;
    if (frozenBase.base && !head) {
      const test = await this.evaluate(tf, model, model, testFeed, classes, settings, dataset.classNames);
      return this.final({
        state: 'stopped',
        message: problem('train:stoppedComputingBase', { epoch: firstEpoch }),
        epochsCompleted: firstEpoch - 1,
        test,
      });
    }
    this.head = head?.model;
    const stepModel = head?.model ?? model;
    const trainFeed = head?.train ?? sampleFeed(tf, train, inputShape, encoding, classes);
    const validationFeed = head ? head.validation : validation && sampleFeed(tf, validation, inputShape, encoding, classes);

    const checkpointMonitor: Monitor = settings.earlyStopping?.monitor ?? (validation ? 'valLoss' : 'loss');
    const best = new BestTracker(checkpointMonitor);
    const earlyStopping = settings.earlyStopping ? new EarlyStopping(settings.earlyStopping) : undefined;
    const plateau = settings.reduceLrOnPlateau ? new ReduceLrOnPlateau(settings.reduceLrOnPlateau) : undefined;
    /** The weights early stopping restores: those of its best epoch. */
    let bestWeights: WeightSnapshot | undefined;
    let learningRate = settings.learningRate;
    const variables = model.trainableWeights.map((w) => w.read() as tfjs.Variable);
    const batchInterval = options.batchEventInterval ?? 100;
    let lastBatchEvent = 0;
    if (resume) {
      // Replaying the epochs already trained gives the callbacks, the learning rate and the
      // shuffling the state they had, so the resumed epochs see the same data order.
      this.history = resume.history.slice(0, firstEpoch - 1);
      for (const metrics of this.history) {
        permutation(trainCount, shuffleRandom);
        best.update(metrics.epoch, monitoredValue(metrics, checkpointMonitor).value);
        earlyStopping?.update(metrics);
        plateau?.update(metrics, metrics.learningRate);
      }
      learningRate = this.history.at(-1)?.learningRate ?? learningRate;
      setLearningRate(optimizer, learningRate);
      if (resume.optimizer?.length) await restoreOptimizer(tf, optimizer, resume.optimizer);
      else this.emit({ type: 'warning', message: problem('train:optimizerRestarted', { epoch: firstEpoch - 1 }) });
    }

    for (let epoch = firstEpoch; epoch <= settings.epochs; epoch++) {
      const epochStart = performance.now();
      const epochOrder = permutation(trainCount, shuffleRandom);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      for (let b = 0; b < batchesPerEpoch; b++) {
        const indices = epochOrder.subarray(b * batchSize, Math.min((b + 1) * batchSize, trainCount));
        const step = await this.trainStep(tf, stepModel, model, optimizer, variables, trainFeed.batch(indices), settings);
        if (!step) {
          // Nothing was applied: the weights are those of the last finite step.
          const test = await this.evaluate(tf, model, model, testFeed, classes, settings, dataset.classNames);
          return this.final({ state: 'diverged', message: divergedMessage(epoch, b + 1, learningRate), epochsCompleted: epoch - 1, test });
        }
        this.control.countBatch();
        await this.control.poll?.();
        lossSum += step.loss * indices.length;
        correct += step.correct;
        seen += indices.length;
        const now = performance.now();
        if (now - lastBatchEvent >= batchInterval || b === batchesPerEpoch - 1) {
          lastBatchEvent = now;
          this.emit({ type: 'batch', epoch, batch: b + 1, batchesPerEpoch, loss: lossSum / seen, accuracy: correct / seen });
        }
        if (this.control.command === 'pause') {
          this.emit({ type: 'paused', epoch, batch: b + 1 });
          const goOn = await this.control.waitWhilePaused();
          if (goOn) this.emit({ type: 'resumed' });
        }
        if (this.control.command === 'stop') {
          const test = await this.evaluate(tf, model, model, testFeed, classes, settings, dataset.classNames);
          return this.final({
            state: 'stopped',
            message: endedMessage({ state: 'stopped', epochsCompleted: epoch - 1 }),
            epochsCompleted: epoch - 1,
            test,
          });
        }
      }

      const trainSeconds = (performance.now() - epochStart) / 1000;
      const val = validationFeed
        ? await this.evaluate(tf, stepModel, model, validationFeed, classes, settings, dataset.classNames)
        : undefined;
      const metrics: EpochMetrics = {
        epoch,
        loss: lossSum / seen,
        accuracy: correct / seen,
        ...(val ? { valLoss: val.loss, valAccuracy: val.accuracy } : {}),
        learningRate,
        seconds: (performance.now() - epochStart) / 1000,
        samplesPerSecond: trainCount / trainSeconds,
      };
      this.history.push(metrics);
      this.emit({ type: 'epoch', ...metrics });

      const monitored = monitoredValue(metrics, checkpointMonitor);
      const isBest = best.update(epoch, monitored.value);
      const early = earlyStopping?.update(metrics);
      const keepForRestore = Boolean(early?.improved && settings.earlyStopping!.restoreBestWeights);
      const snapshot = options.checkpoints !== false || keepForRestore ? await readWeights(model) : undefined;
      if (keepForRestore) bestWeights = snapshot;
      if (options.checkpoints !== false && snapshot) {
        const optimizerState = await snapshotOptimizer(tf, optimizer);
        const checkpoint = (kind: 'best' | 'last') => ({
          type: 'checkpoint' as const,
          kind,
          epoch,
          monitor: monitored.monitor,
          value: monitored.value,
          weights: serializeSnapshot(snapshot),
          optimizer: copyWeights(optimizerState),
        });
        if (isBest) this.emit(checkpoint('best'));
        this.emit(checkpoint('last'));
      }

      if (early?.stop && epoch < settings.epochs) {
        let restoredEpoch: number | undefined;
        if (bestWeights) {
          restoreWeights(tf, model, bestWeights);
          restoredEpoch = earlyStopping!.bestEpoch;
        }
        const test = await this.evaluate(tf, model, model, testFeed, classes, settings, dataset.classNames);
        return this.final({
          state: 'early-stopped',
          message: endedMessage({
            state: 'early-stopped',
            epoch,
            monitor: monitored.monitor,
            patience: settings.earlyStopping!.patience,
            restoredEpoch,
          }),
          epochsCompleted: epoch,
          restoredEpoch,
          test,
        });
      }
      const reduced = plateau?.update(metrics, learningRate);
      if (reduced !== undefined) {
        learningRate = reduced;
        setLearningRate(optimizer, learningRate);
        this.emit({
          type: 'learningRate',
          epoch,
          learningRate,
          reason: problem('train:plateau', { monitor: settings.reduceLrOnPlateau!.monitor, count: settings.reduceLrOnPlateau!.patience }),
        });
      }
    }
    const test = await this.evaluate(tf, model, model, testFeed, classes, settings, dataset.classNames);
    return this.final({
      state: 'completed',
      message: endedMessage({ state: 'completed', epochs: settings.epochs }),
      epochsCompleted: settings.epochs,
      test,
    });
  }

  /**
   * One optimizer step. The gradients are applied only when the loss and the gradients are
   * finite, so a diverging run keeps its last finite weights. Returns undefined on divergence.
   * `model` computes the predictions (the whole model, or its head); the weight penalties are the whole model's.
   */
  private async trainStep(
    tf: Tf,
    model: tfjs.LayersModel,
    whole: tfjs.LayersModel,
    optimizer: tfjs.Optimizer,
    variables: tfjs.Variable[],
    batch: FeedBatch,
    settings: TrainingSettings,
  ): Promise<{ loss: number; correct: number } | undefined> {
    let correctTensor: tfjs.Scalar | undefined;
    try {
      const { value, grads } = optimizer.computeGradients(() => {
        const predictions = model.apply(batch.xs, { training: true }) as tfjs.Tensor;
        correctTensor = tf.keep(correctCount(tf, batch.labels, predictions));
        let loss = computeLoss(tf, settings.loss, batch.targets, predictions);
        for (const penalty of whole.calculateLosses()) loss = tf.add(loss, penalty);
        return loss;
      }, variables);
      try {
        // Read without blocking (a GPU backend hands its numbers back asynchronously), and before
        // anything else is computed: WebGPU may otherwise hand the loss's buffer to the next kernel.
        const loss = (await value.data())[0];
        const correct = (await correctTensor!.data())[0];
        const gradientSum = tf.tidy(() => tf.addN(Object.values(grads).map((g) => tf.sum(tf.abs(g)))));
        const gradientTotal = (await gradientSum.data())[0];
        gradientSum.dispose();
        if (!Number.isFinite(loss) || !Number.isFinite(gradientTotal)) return undefined;
        optimizer.applyGradients(grads);
        return { loss, correct };
      } finally {
        value.dispose();
        tf.dispose(Object.values(grads));
      }
    } finally {
      correctTensor?.dispose();
      tf.dispose([batch.xs, batch.targets, batch.labels].flat());
    }
  }

  /** Loss (with the whole model's weight penalties, as Keras reports it), accuracy and confusion matrix of a set, in inference mode. */
  private async evaluate(
    tf: Tf,
    model: tfjs.LayersModel,
    whole: tfjs.LayersModel,
    samples: Feed,
    classes: number,
    settings: TrainingSettings,
    classNames: string[],
  ): Promise<TestEvaluation> {
    const confusion = classNames.map(() => new Array<number>(classes).fill(0));
    let lossSum = 0;
    let correct = 0;
    const batchSize = Math.max(settings.batchSize, 256);
    for (let start = 0; start < samples.count; start += batchSize) {
      const indices = Int32Array.from({ length: Math.min(batchSize, samples.count - start) }, (_, i) => start + i);
      const batch = samples.batch(indices);
      const [lossTensor, predictedTensor] = tf.tidy(() => {
        const predictions = model.apply(batch.xs, { training: false }) as tfjs.Tensor;
        return [computeLoss(tf, settings.loss, batch.targets, predictions), predictedClasses(tf, predictions)];
      });
      tf.dispose([batch.xs, batch.targets, batch.labels].flat());
      const loss = (await lossTensor.data())[0];
      const predicted = await predictedTensor.data();
      tf.dispose([lossTensor, predictedTensor]);
      lossSum += loss * indices.length;
      predicted.forEach((p, i) => {
        const actual = samples.y[start + i];
        confusion[actual][p]++;
        if (p === actual) correct++;
      });
    }
    let penalty = 0;
    for (const loss of tf.tidy(() => whole.calculateLosses())) {
      penalty += (await loss.data())[0];
      loss.dispose();
    }
    const count = Math.max(samples.count, 1);
    return { loss: lossSum / count + penalty, accuracy: correct / count, samples: samples.count, classNames, confusionMatrix: confusion };
  }
}
/** Loads a checkpoint's weights into the model, refusing one that was saved from another graph. */
function loadResumeWeights(tf: Tf, model: tfjs.LayersModel, resume: TrainingResume): void {
  const weights = model.weights;
  const fits =
    resume.weights.length === weights.length &&
    weights.every((w, i) => {
      const saved = resume.weights[i];
      return saved.shape.length === w.shape.length && saved.shape.every((d, j) => d === w.shape[j]);
    });
  if (!fits) throw new LocalizedError(problem('train:checkpointMismatch', { count: resume.weights.length, modelWeights: weights.length }));
  const tensors = resume.weights.map((w) =>
    w.dtype === 'int32' ? tf.tensor(new Int32Array(w.data), w.shape, 'int32') : tf.tensor(new Float32Array(w.data), w.shape),
  );
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
