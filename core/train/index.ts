export { startTraining, isTraining, TrainingBusyError, type TrainingSession, type TrainingListener } from './session';
export type { TrainingOptions, TrainingRequest, TrainingResume } from './run';
export type * from './events';
