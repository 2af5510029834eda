import type { Problem } from '../i18n/catalogue';
import type { ProjectStore } from './project-store';
import type { RunStatus } from './schema';
import type { CheckpointInput, EpochMetrics, EvaluationInput, ResumePoint, RunStart } from './types';

/**
 * Records one training run into a project file as it happens: each finished epoch and each
 * checkpoint is committed at once, so a crash loses at most the epoch being trained.
 * A trainer's events map one to one: epoch end → `epochEnd`, checkpoint → `checkpoint`,
 * final state → `end`.
 */
export interface RunRecorder {
  readonly runId: number;
  epochEnd(metrics: EpochMetrics): void;
  checkpoint(checkpoint: CheckpointInput): void;
  evaluation(evaluation: EvaluationInput): void;
  /** Ends the run once, with why it ended where it did not complete; later calls are ignored. */
  end(status: Exclude<RunStatus, 'running'>, error?: Problem): void;
  readonly ended: boolean;
}

function recorderFor(store: ProjectStore, runId: number): RunRecorder {
  let ended = false;
  return {
    runId,
    epochEnd: (metrics) => store.recordEpoch(runId, metrics),
    checkpoint: (checkpoint) => {
      store.saveCheckpoint(runId, checkpoint);
    },
    evaluation: (evaluation) => {
      store.recordEvaluation(runId, evaluation);
    },
    end(status, error) {
      if (ended) return;
      ended = true;
      store.finishRun(runId, status, error);
    },
    get ended() {
      return ended;
    },
  };
}

/** Starts a run in `store` with its full snapshot and returns the recorder to feed. */
export function startRunRecorder(store: ProjectStore, start: RunStart): RunRecorder {
  return recorderFor(store, store.startRun(start));
}

/** Resumes an interrupted run: the recorder goes on from `resume.nextEpoch`, with `resume.checkpoint.weights` to load. */
export function resumeRunRecorder(store: ProjectStore, runId: number): { recorder: RunRecorder; resume: ResumePoint } {
  const resume = store.resumeRun(runId);
  return { recorder: recorderFor(store, runId), resume };
}
