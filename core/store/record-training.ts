import type { Project } from '../model/project';
import type { SerializedWeight, TrainingEvent, TrainingSession } from '../train';
import type { ProjectStore } from './project-store';
import { startRunRecorder, type RunRecorder } from './recorder';
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
  return weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype, data: w.dtype === 'int32' ? new Int32Array(w.data) : new Float32Array(w.data) }));
}

/**
 * Records a training session into a project file as it runs: the snapshot when it starts, each
 * epoch and checkpoint as it ends, the test evaluation and the final state. If the file cannot be
 * written (disk full, read-only), training is stopped and the error is given in `done`.
 *
 * `project` is what is being trained; `dataset` describes its data (see describeDataset), when known.
 */
export function recordTrainingRun(store: ProjectStore, session: TrainingSession, project: Project, options: { dataset?: DatasetInput } = {}): RecordedTraining {
  let recorder: RunRecorder | undefined;
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
        recorder?.end('failed', `Recording stopped: ${failure.message}`);
      } catch {
        // The file cannot take even this; the run will read "interrupted" when next opened.
      }
    }
  };

  const onEvent = (event: TrainingEvent) => {
    switch (event.type) {
      case 'started':
        guard(() => {
          recorder = startRunRecorder(store, {
            project,
            backend: event.backend,
            device: event.device,
            seed: event.seed,
            plannedEpochs: event.epochs,
            dataset: options.dataset && { ...options.dataset, summary: { ...options.dataset.summary, ...event.dataset, sizes: event.sizes } },
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
