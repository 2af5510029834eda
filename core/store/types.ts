import type { RunInfo, RunStatus as ApiRunStatus } from '../api/contract';
import type { Project, TrainingSettings } from '../model/project';
import type { RunStatus, VersionKind } from './schema';
import type { NamedWeight } from './weights';

export interface GraphVersion {
  id: number;
  createdAt: string;
  kind: VersionKind;
  message?: string;
  /** The project's name at that version. */
  name: string;
  hash: string;
}

/** A data set a run was trained on. `contentHash` identifies the data itself, wherever it lives. */
export interface DatasetInput {
  kind: string;
  name?: string;
  path?: string;
  contentHash: string;
  /** Anything worth showing: sample count, classes, input shape… (JSON). */
  summary: Record<string, unknown>;
  /** Small data sets may be kept inside the project file. */
  embedded?: Uint8Array;
}

export interface DatasetRecord extends Omit<DatasetInput, 'embedded'> {
  id: number;
  embeddedBytes: number;
  addedAt: string;
}

/** What produced a run; stored in full so the run can be understood and repeated later. */
export interface RunStart {
  project: Project;
  backend: string;
  device?: string;
  /** Defaults to the project's training seed. */
  seed?: number;
  dataset?: DatasetInput;
  /** Defaults to the project's number of epochs. */
  plannedEpochs?: number;
  appVersion?: string;
}

export interface EpochMetrics {
  epoch: number;
  loss?: number | null;
  accuracy?: number | null;
  valLoss?: number | null;
  valAccuracy?: number | null;
  learningRate?: number | null;
  seconds?: number | null;
  samplesPerSecond?: number | null;
}

/** What the API reports of a run is exactly what the store lists. */
export type RunSummary = RunInfo;

export interface Evaluation {
  id: number;
  checkpoint: 'best' | 'last';
  createdAt: string;
  samples?: number;
  testLoss?: number;
  testAccuracy?: number;
  labels?: string[];
  confusion?: number[][];
}

export type EvaluationInput = Omit<Evaluation, 'id' | 'createdAt'>;

export interface ExportRecord {
  id: number;
  runId?: number;
  format: string;
  path?: string;
  bytes?: number;
  details?: Record<string, unknown>;
  createdAt: string;
}

export type ExportInput = Omit<ExportRecord, 'id' | 'createdAt'>;

export interface CheckpointInfo {
  id: number;
  epoch: number;
  createdAt: string;
  byteLength: number;
  metrics?: Partial<EpochMetrics>;
}

export interface RunDetails extends RunSummary {
  training: TrainingSettings;
  project: Project;
  dataset?: DatasetRecord;
  epochMetrics: EpochMetrics[];
  best?: CheckpointInfo;
  last?: CheckpointInfo;
  evaluations: Evaluation[];
  exports: ExportRecord[];
}

export interface LoadedCheckpoint extends CheckpointInfo {
  runId: number;
  weights: NamedWeight[];
  /** The optimizer's state at that epoch, when it was saved (not in files of schema version 1). */
  optimizer?: NamedWeight[];
}

export interface CheckpointInput {
  epoch: number;
  weights: readonly NamedWeight[];
  /** The optimizer's variables (its step count, momentum, Adam's moments…), to resume training exactly. */
  optimizer?: readonly NamedWeight[];
  /** Becomes the run's last checkpoint (default true). */
  last?: boolean;
  /** Becomes the run's best checkpoint. */
  best?: boolean;
  metrics?: Partial<EpochMetrics>;
}

/** Where an interrupted run picks up: its last checkpoint and the epoch that follows it. */
export interface ResumePoint {
  runId: number;
  checkpoint: LoadedCheckpoint;
  /** First epoch still to train (checkpoint epoch + 1). */
  nextEpoch: number;
  plannedEpochs?: number;
}

// The statuses the schema allows and those the API names must be the same set.
const _statusesMatch: [RunStatus] extends [ApiRunStatus] ? ([ApiRunStatus] extends [RunStatus] ? true : never) : never = true;
void _statusesMatch;
