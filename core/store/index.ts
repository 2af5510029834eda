export { ProjectStore, type OpenOptions, type AutosaveEvent } from './project-store';
export { StoreError, type StoreErrorCode } from './errors';
export { inspectProjectFile } from './inspect';
export { startRunRecorder, resumeRunRecorder, type RunRecorder } from './recorder';
export { encodeWeights, decodeWeights, type NamedWeight, type WeightDtype } from './weights';
export { PROJECT_FILE_EXTENSION, SCHEMA_VERSION, runStatuses, type RunStatus, type VersionKind } from './schema';
export type { RunComparison, SettingDifference } from './compare';
export type * from './types';
