// A run recorded in a .nbproj file, rebuilt as the model in use: a checkpoint's weights in the
// graph the run trained, its data set loaded as it was then, and its test evaluation — the one
// recorded for those weights, or one computed now and recorded for next time.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UserFacingError, type ModelInUse, type TestEvaluation } from '../api/contract';
import { problem, type Problem } from '../i18n/catalogue';
import { imageFitOf } from '../model/image-fit';
import { errorProblem } from '../model/localized';
import type { Evaluation, RunDetails } from '../store/types';
import { isRecordedTable, TrainedModel } from './inference';
import { asUserFacing, SQLITE_EXTENSION } from './sqlite-project-format';

export type CheckpointKind = 'best' | 'last';

export interface RunModelRequest {
  location: string;
  runId: number;
  checkpoint?: CheckpointKind;
}

type RunFacts = Pick<RunDetails, 'status' | 'endedAt' | 'evaluations' | 'best' | 'last'>;

/** The evaluation recorded as the run ended, and the checkpoint whose weights it was made with, if any. */
function endOfRun(run: RunFacts): { evaluation?: Evaluation; checkpoint?: CheckpointKind } {
  const evaluation = run.endedAt ? run.evaluations.filter((e) => e.createdAt <= run.endedAt!).at(-1) : undefined;
  // A completed or early-stopped run ends with the weights of a checkpoint (its last epoch's, or the
  // best one restored). A stopped or diverged run ends in the middle of an epoch: no checkpoint holds
  // the weights its final evaluation was made with.
  const fromCheckpoint = run.status === 'completed' || run.status === 'early-stopped';
  return { evaluation, checkpoint: fromCheckpoint ? evaluation?.checkpoint : undefined };
}

/** The checkpoint used when none is asked for: the one the run ended with, else the best, else the last. */
export function defaultCheckpoint(run: RunFacts): CheckpointKind | undefined {
  const ended = endOfRun(run).checkpoint;
  if (ended && run[ended]) return ended;
  return run.best ? 'best' : run.last ? 'last' : undefined;
}

/** The newest evaluation recorded for the weights of checkpoint `which`: the one made as the run ended with them, or one made later by loading them. */
export function recordedEvaluation(run: RunFacts, which: CheckpointKind): Evaluation | undefined {
  const end = endOfRun(run);
  return run.evaluations
    .filter(
      (e) =>
        e.checkpoint === which &&
        ((e === end.evaluation && end.checkpoint === which) || (run.endedAt !== undefined && e.createdAt > run.endedAt)),
    )
    .at(-1);
}

function asTestEvaluation(evaluation: Evaluation, classNames: string[], samples: number): TestEvaluation | undefined {
  const { confusion, labels, testAccuracy, testLoss } = evaluation;
  // Recorded on other data (a changed image folder or CSV file), it would not match the samples shown.
  if (!confusion || testAccuracy === undefined || testLoss === undefined || evaluation.samples !== samples) return undefined;
  if (!labels || labels.join('\u0000') !== classNames.join('\u0000') || confusion.length !== classNames.length) return undefined;
  return { loss: testLoss, accuracy: testAccuracy, samples, classNames, confusionMatrix: confusion };
}

async function openStore(file: string, readOnly: boolean) {
  const { ProjectStore } = await import('../store/index');
  try {
    return ProjectStore.open(file, { readOnly });
  } catch (error) {
    throw asUserFacing(error);
  }
}

/** Checks a request from the UI and gives the project file's full path. */
export function checkedRunRequest(request: unknown, base: string): { file: string; runId: number; checkpoint?: CheckpointKind } {
  if (!request || typeof request !== 'object') throw new UserFacingError(problem('inference:whichRun', {}), 'bad-request');
  const { location, runId, checkpoint } = request as Partial<RunModelRequest>;
  if (typeof location !== 'string' || location.trim() === '') throw new UserFacingError(problem('inference:noRunFile', {}), 'bad-request');
  const file = path.resolve(base, location);
  if (path.extname(file).toLowerCase() !== SQLITE_EXTENSION) {
    throw new UserFacingError(problem('inference:runsOnlyIn', { extension: SQLITE_EXTENSION, file: path.basename(file) }), 'no-runs');
  }
  if (typeof runId !== 'number' || !Number.isInteger(runId) || runId < 1) {
    throw new UserFacingError(problem('inference:badRunId', { got: String(JSON.stringify(runId)) }), 'bad-request');
  }
  if (checkpoint !== undefined && checkpoint !== 'best' && checkpoint !== 'last') {
    throw new UserFacingError(problem('inference:badCheckpoint', { got: String(JSON.stringify(checkpoint)) }), 'bad-request');
  }
  return { file, runId, checkpoint };
}

export interface PreparedRunModel {
  model: TrainedModel;
  info: ModelInUse;
  /** Evaluates the test split and records the result, when no evaluation of these weights was recorded. */
  finish(): Promise<ModelInUse>;
}

/**
 * Reads a recorded run and its checkpoint, and rebuilds its model with the data set loaded as the
 * run had it (errors such as a moved image folder surface here). The evaluation, which may take a
 * few seconds, is left to `finish`, once the model is in use.
 */
export async function prepareRunModel(
  request: { file: string; runId: number; checkpoint?: CheckpointKind },
  onProgress: (sessionId: string, done: number, total: number) => void,
): Promise<PreparedRunModel> {
  const { file, runId } = request;
  const fileName = path.basename(file);
  const store = await openStore(file, true);
  let run: RunDetails;
  let which: CheckpointKind;
  let weights;
  try {
    run = store.getRun(runId);
    if (run.status === 'running') throw new UserFacingError(problem('inference:runStillTraining', { run: runId, file: fileName }), 'busy');
    const chosen = request.checkpoint ?? defaultCheckpoint(run);
    if (!chosen) {
      throw new UserFacingError(problem('inference:runNoWeights', { run: runId, file: fileName }), 'no-checkpoint');
    }
    if (!run[chosen]) {
      const other = chosen === 'best' ? 'last' : 'best';
      const named = { run: runId, file: fileName, context: chosen };
      throw new UserFacingError(
        run[other] ? problem('inference:noCheckpointOther', named) : problem('inference:noCheckpoint', named),
        'no-checkpoint',
      );
    }
    which = chosen;
    weights = store.loadCheckpoint(runId, which).weights;
  } catch (error) {
    throw asUserFacing(error);
  } finally {
    store.close();
  }
  const { toSerializedWeights } = await import('../store/record-training');
  const sizes = run.dataset?.summary.sizes as { train?: number; validation?: number } | undefined;
  const size = typeof sizes?.train === 'number' ? sizes.train + (sizes.validation ?? 0) : undefined;
  const modelRunId = randomUUID();
  let serialized;
  try {
    serialized = toSerializedWeights(weights);
  } catch (error) {
    throw asUserFacing(error);
  }
  const model = new TrainedModel(
    {
      sessionId: modelRunId,
      project: { ...run.project, training: run.training },
      size,
      baseDir: path.dirname(file),
      weights: serialized,
      ...(isRecordedTable(run.dataset?.summary.table) ? { table: run.dataset.summary.table } : {}),
    },
    { onProgress: (done, total) => onProgress(modelRunId, done, total) },
  );
  let ready;
  try {
    ready = await model.ready();
  } catch (error) {
    model.dispose();
    throw new UserFacingError(
      problem('inference:runNotLoaded', { run: runId, file: fileName, why: errorProblem(error) }),
      error instanceof UserFacingError ? error.code : 'run-model',
    );
  }
  const recorded = recordedEvaluation(run, which);
  const test = recorded && asTestEvaluation(recorded, ready.classNames, ready.testCount);
  const info: ModelInUse = {
    sessionId: modelRunId,
    location: file,
    recordedRunId: runId,
    checkpoint: which,
    epoch: run[which]!.epoch,
    inputShape: ready.inputShape,
    imageFit: imageFitOf(run.project.dataset),
    ...(test ? { test } : {}),
  };
  return {
    model,
    info,
    async finish() {
      if (info.test) return info;
      const evaluation = await model.evaluate();
      const done: ModelInUse = { ...info, test: evaluation, evaluatedNow: true };
      const warning = await recordEvaluation(file, runId, which, evaluation);
      return warning ? { ...done, warning } : done;
    },
  };
}

/** Records an evaluation; gives back why it could not be (a read-only file), without failing. */
async function recordEvaluation(file: string, runId: number, which: CheckpointKind, test: TestEvaluation): Promise<Problem | undefined> {
  const name = path.basename(file);
  let store;
  try {
    store = await openStore(file, false);
    if (store.readOnly)
      return problem('store:evaluationNotKept', { file: name, reason: store.readOnlyProblem ?? problem('store:fileReadOnly', {}) });
    store.recordEvaluation(runId, {
      checkpoint: which,
      samples: test.samples,
      testLoss: test.loss,
      testAccuracy: test.accuracy,
      labels: test.classNames,
      confusion: test.confusionMatrix,
    });
    return undefined;
  } catch (error) {
    return problem('store:evaluationNotKept', { file: name, reason: errorProblem(error), context: 'error' });
  } finally {
    store?.close();
  }
}
