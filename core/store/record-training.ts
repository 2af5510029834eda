import type { Project } from '../model/project';
import type { EpochMetrics, SerializedWeight, TrainingEvent, TrainingResume, TrainingSession } from '../train';
import { problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import { StoreError, statusKey } from './errors';
import type { ProjectStore } from './project-store';
import { resumeRunRecorder, startRunRecorder, type RunRecorder } from './recorder';
import type { DatasetInput } from './types';
import type { NamedWeight } from './weights';

export interface RecordingResult {
  /** The run in the project file; undefined when training ended before it started (e.g. the data could not be read). */
  runId?: number;
  /** Why recording failed (disk full, read-only file…); training was stopped then. */
  error?: Error;
}

export interface RecordedTraining {
  /** The run being recorded, once training has started. */
  runId(): number | undefined;
  /** Settles after the final event is recorded. */
  readonly done: Promise<RecordingResult>;
}

export function toNamedWeights(weights: readonly SerializedWeight[]): NamedWeight[] {
  return weights.map((w) => ({
    name: w.name,
    shape: [...w.shape],
    dtype: w.dtype,
    data: w.dtype === 'int32' ? new Int32Array(w.data) : new Float32Array(w.data),
  }));
}

export function toSerializedWeights(weights: readonly NamedWeight[]): SerializedWeight[] {
  return weights.map((w) => {
    if (w.dtype === 'bool') throw new StoreError('invalid', problem('store:booleanWeight', { name: w.name }));
    return { name: w.name, shape: [...w.shape], dtype: w.dtype, data: w.data.slice().buffer as ArrayBuffer };
  });
}

/** What training needs to go on with a recorded run, and the recorder that writes into that same run. */
export interface RunToResume {
  /** The graph and settings the run was started with. */
  project: Project;
  epochs: number;
  seed: number;
  resume: TrainingResume;
  recorder: RunRecorder;
  /** The samples the run trained, validated and tested on, when recorded: a resume on other data is worth a warning. */
  sizes?: { train: number; validation: number; test: number };
}

/**
 * Reopens an interrupted or stopped run for training from its last checkpoint: the run is marked
 * running again, its epochs after the checkpoint (if any) are dropped, and the new epochs follow.
 * Throws a StoreError naming the problem for an unknown run, a finished one, or one without a checkpoint.
 */
export function resumeRecordedRun(store: ProjectStore, runId: number): RunToResume {
  const run = store.getRun(runId);
  if (run.status === 'completed' || run.status === 'early-stopped')
    throw new StoreError('invalid', problem('store:resumeFinished', { runId, status: statusKey(run.status) }));
  const kept = run.epochMetrics.filter((m) => run.last && m.epoch <= run.last.epoch).map((m) => m.epoch);
  if (run.last && kept.join() !== Array.from({ length: run.last.epoch }, (_, i) => i + 1).join())
    throw new StoreError(
      'damaged',
      problem('store:resumeIncomplete', {
        runId,
        epoch: run.last.epoch,
        upTo: kept.at(-1) ?? 0,
        ...(kept.length ? {} : { context: 'none' }),
      }),
    );
  const { recorder, resume } = resumeRunRecorder(store, runId);
  const history: EpochMetrics[] = store
    .getRun(runId)
    .epochMetrics.filter((m) => m.epoch < resume.nextEpoch)
    .map((m) => ({
      epoch: m.epoch,
      loss: m.loss ?? Number.NaN,
      accuracy: m.accuracy ?? Number.NaN,
      ...(m.valLoss != null ? { valLoss: m.valLoss } : {}),
      ...(m.valAccuracy != null ? { valAccuracy: m.valAccuracy } : {}),
      learningRate: m.learningRate ?? run.training.learningRate,
      seconds: m.seconds ?? 0,
      samplesPerSecond: m.samplesPerSecond ?? 0,
    }));
  return {
    project: { ...run.project, training: run.training },
    epochs: resume.plannedEpochs ?? run.training.epochs,
    seed: run.seed,
    resume: {
      weights: toSerializedWeights(resume.checkpoint.weights),
      ...(resume.checkpoint.optimizer?.length ? { optimizer: toSerializedWeights(resume.checkpoint.optimizer) } : {}),
      fromEpoch: resume.nextEpoch,
      history,
    },
    recorder,
    sizes: run.dataset?.summary.sizes as RunToResume['sizes'],
  };
}

/**
 * Records a training session into a project file as it runs: the snapshot when it starts, each
 * epoch and checkpoint as it ends, the test evaluation and the final state. If the file cannot be
 * written (disk full, read-only), training is stopped and the error is given in `done`.
 *
 * `project` is what is being trained; `dataset` describes its data (see describeDataset), when known.
 */
export function recordTrainingRun(
  store: ProjectStore,
  session: TrainingSession,
  project: Project,
  options: { dataset?: DatasetInput; resumed?: RunRecorder } = {},
): RecordedTraining {
  let recorder: RunRecorder | undefined = options.resumed;
  let failure: Error | undefined;
  let settle!: (result: RecordingResult) => void;
  const done = new Promise<RecordingResult>((resolve) => (settle = resolve));

  const guard = (write: () => void) => {
    if (failure) return;
    try {
      write();
    } catch (error) {
      failure = error as Error;
      session.stop();
      try {
        recorder?.end('failed', problem('store:recordingStopped', { why: errorProblem(failure) }));
      } catch {
        // The file cannot take even this; the run will read "interrupted" when next opened.
      }
    }
  };

  const onEvent = (event: TrainingEvent) => {
    switch (event.type) {
      case 'started':
        if (options.resumed) break;
        guard(() => {
          recorder = startRunRecorder(store, {
            project,
            backend: event.backend,
            device: event.device,
            seed: event.seed,
            plannedEpochs: event.epochs,
            dataset: options.dataset && {
              ...options.dataset,
              summary: { ...options.dataset.summary, ...event.dataset, sizes: event.sizes },
            },
          });
        });
        break;
      case 'epoch': {
        const { type: _type, ...metrics } = event;
        guard(() => recorder?.epochEnd(metrics));
        break;
      }
      case 'checkpoint':
        guard(() =>
          recorder?.checkpoint({
            epoch: event.epoch,
            weights: toNamedWeights(event.weights),
            ...(event.optimizer?.length ? { optimizer: toNamedWeights(event.optimizer) } : {}),
            best: event.kind === 'best',
            last: event.kind === 'last',
            metrics: { [event.monitor]: event.value },
          }),
        );
        break;
      case 'final':
        guard(() => {
          if (!recorder) return;
          if (event.test)
            recorder.evaluation({
              checkpoint: event.restoredEpoch !== undefined ? 'best' : 'last',
              samples: event.test.samples,
              testLoss: event.test.loss,
              testAccuracy: event.test.accuracy,
              labels: event.test.classNames,
              confusion: event.test.confusionMatrix,
            });
          recorder.end(event.state, event.state === 'completed' ? undefined : event.message);
        });
        unsubscribe();
        settle({ runId: recorder?.runId, error: failure });
        break;
      default:
        break;
    }
  };
  const unsubscribe = session.on(onEvent);
  return { runId: () => recorder?.runId, done };
}
