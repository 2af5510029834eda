// A run recorded in a .nbproj file, rebuilt as the model in use: a checkpoint's weights in the
// graph the run trained, its data set loaded as it was then, and its test evaluation — the one
// recorded for those weights, or one computed now and recorded for next time.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UserFacingError, type ModelInUse, type TestEvaluation } from '../api/contract';
import { problem, type Problem } from '../i18n/catalogue';
import { imageFitOf } from '../model/image-fit';
import { errorTexts } from '../model/localized';
import { causeProblem } from '../store/errors';
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
  if (!request || typeof request !== 'object')
    throw new UserFacingError(
      {
        en: 'Say which recorded run to load: its project file and its number.',
        fr: 'Indiquez l’entraînement enregistré à charger : son fichier de projet et son numéro.',
      },
      'bad-request',
    );
  const { location, runId, checkpoint } = request as Partial<RunModelRequest>;
  if (typeof location !== 'string' || location.trim() === '')
    throw new UserFacingError(
      { en: 'The project file of the run is missing.', fr: 'Le fichier de projet de l’entraînement manque.' },
      'bad-request',
    );
  const file = path.resolve(base, location);
  if (path.extname(file).toLowerCase() !== SQLITE_EXTENSION) {
    throw new UserFacingError(
      {
        en: `Runs are recorded only in ${SQLITE_EXTENSION} project files; ${path.basename(file)} keeps the graph and settings only. Save the project as ${SQLITE_EXTENSION} and train it to keep its runs.`,
        fr: `Les entraînements ne sont enregistrés que dans les fichiers de projet ${SQLITE_EXTENSION} ; ${path.basename(file)} ne garde que le graphe et les réglages. Enregistrez le projet en ${SQLITE_EXTENSION} et entraînez-le pour garder ses entraînements.`,
      },
      'no-runs',
    );
  }
  if (typeof runId !== 'number' || !Number.isInteger(runId) || runId < 1) {
    throw new UserFacingError(
      {
        en: `A run is chosen by its number, a whole number from 1 (got ${JSON.stringify(runId)}).`,
        fr: `Un entraînement se choisit par son numéro, un nombre entier à partir de 1 (reçu : ${JSON.stringify(runId)}).`,
      },
      'bad-request',
    );
  }
  if (checkpoint !== undefined && checkpoint !== 'best' && checkpoint !== 'last') {
    throw new UserFacingError(
      {
        en: `The checkpoint must be "best" or "last" (got ${JSON.stringify(checkpoint)}).`,
        fr: `Le point de sauvegarde doit être « best » ou « last » (reçu : ${JSON.stringify(checkpoint)}).`,
      },
      'bad-request',
    );
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
    if (run.status === 'running')
      throw new UserFacingError(
        {
          en: `Run ${runId} of ${fileName} is still training: wait until it ends, then choose it.`,
          fr: `L’entraînement ${runId} de ${fileName} est encore en cours : attendez qu’il se termine, puis choisissez-le.`,
        },
        'busy',
      );
    const chosen = request.checkpoint ?? defaultCheckpoint(run);
    if (!chosen) {
      throw new UserFacingError(
        {
          en: `Run ${runId} of ${fileName} has no saved weights (it ended before its first epoch was complete), so it cannot be evaluated or tried. Choose another run, or train again.`,
          fr: `L’entraînement ${runId} de ${fileName} n’a pas de poids enregistrés (il s’est arrêté avant la fin de sa première époque) : il ne peut donc être ni évalué ni essayé. Choisissez un autre entraînement, ou entraînez à nouveau.`,
        },
        'no-checkpoint',
      );
    }
    if (!run[chosen]) {
      const other = chosen === 'best' ? 'last' : 'best';
      const epochOf = { best: 'sa meilleure époque', last: 'sa dernière époque' };
      throw new UserFacingError(
        {
          en: `Run ${runId} of ${fileName} has no ${chosen} checkpoint${run[other] ? `; choose its ${other} checkpoint instead` : ''}.`,
          fr: `L’entraînement ${runId} de ${fileName} n’a pas de poids de ${epochOf[chosen]}${run[other] ? ` ; choisissez plutôt ceux de ${epochOf[other]}` : ''}.`,
        },
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
    const text = errorTexts(error);
    throw new UserFacingError(
      {
        en: `Run ${runId} of ${fileName} cannot be loaded: ${text.en}`,
        fr: `L’entraînement ${runId} de ${fileName} ne peut pas être chargé : ${text.fr}`,
      },
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
    return problem('store:evaluationNotKept', { file: name, reason: causeProblem(error), context: 'error' });
  } finally {
    store?.close();
  }
}
