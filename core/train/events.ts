// Events of a training run, as plain data: they cross the worker boundary and the API unchanged.
import type { EpochMetrics, FinalState, TestEvaluation } from '../api/contract';
import type { DatasetSummary } from '../data/summary';
import type { FrozenBaseNotice } from './frozen-base';

// The metric types are the API's own, so what the engine emits and what the UI receives cannot drift apart.
export type { EpochMetrics, FinalState, TestEvaluation };

/** Where a run computed: a TensorFlow.js backend (`webgpu` and `webgl` in the app's page), or the user's PyTorch (`pytorch`). */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu' | 'webgpu' | 'webgl' | 'pytorch';

/** One weight of the model, serialised so that it can be stored or sent. */
export interface SerializedWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: ArrayBuffer;
}

export interface FinalResult {
  state: FinalState;
  /** Why it ended, in plain words (the error for `failed`, the advice for `diverged`). */
  message: string;
  /** The message in French, where the error that ended a failed run gave one. */
  messageFr?: string;
  epochsCompleted: number;
  history: EpochMetrics[];
  /** For `early-stopped` with restoreBestWeights: the epoch whose weights the model holds. */
  restoredEpoch?: number;
  /** Evaluation on the held-out test split, with the weights the run ended with (absent when it failed or held no finite weights). */
  test?: TestEvaluation;
  /** The model's weights as the run ended (after any restore), absent when it failed. */
  weights?: SerializedWeight[];
  backend?: BackendName;
  device?: string;
  seconds: number;
}

export type TrainingEvent =
  | {
      type: 'started';
      backend: BackendName;
      device: string;
      fallbacks: { backend: BackendName; reason: string; reasonFr?: string }[];
      paramCount: { total: number; trainable: number; nonTrainable: number };
      dataset: DatasetSummary;
      /** Samples used for training, for validation and for the final test. */
      sizes: { train: number; validation: number; test: number };
      epochs: number;
      batchesPerEpoch: number;
      seed: number;
      /** Set when the run goes on from a checkpoint: the first epoch trained now. */
      resumedFromEpoch?: number;
      /** Set when blocks are frozen: whether the frozen base is computed once per image, and why not. */
      frozenBase?: FrozenBaseNotice;
    }
  | { type: 'batch'; epoch: number; batch: number; batchesPerEpoch: number; loss: number; accuracy: number }
  | ({ type: 'epoch' } & EpochMetrics)
  | { type: 'learningRate'; epoch: number; learningRate: number; reason: string }
  | { type: 'checkpoint'; kind: 'best' | 'last'; epoch: number; monitor: string; value: number; weights: SerializedWeight[]; optimizer?: SerializedWeight[] }
  | { type: 'paused'; epoch: number; batch: number }
  | { type: 'resumed' }
  | { type: 'warning'; message: string; messageFr?: string }
  /** A built-in data set downloaded on first use, before training starts. */
  | { type: 'download'; file: string; received: number; total?: number }
  | ({ type: 'final' } & FinalResult);

export type TrainingEventType = TrainingEvent['type'];
