// Events of a training run, as plain data: they cross the worker boundary and the API unchanged.
// Declared once, browser-safe, with the API (core/api/contract.ts): an engine's events are the API's
// with the weights of checkpoints and of the end, which stay on the host's side.
import type { EngineTrainingEvent } from '../api/contract';

export type {
  BackendName,
  EpochMetrics,
  FinalResult,
  FinalState,
  SerializedWeight,
  TestEvaluation,
  EngineTrainingEvent as TrainingEvent,
} from '../api/contract';

export type TrainingEventType = EngineTrainingEvent['type'];
