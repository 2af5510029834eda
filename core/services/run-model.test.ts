import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationProgress, ModelInUse, Prediction, TestEvaluation, TestSample, TrainingUpdate } from '../api/contract';
import { problemText } from '../i18n/translate';
import { ProjectStore } from '../store/index';
import { defaultCheckpoint, recordedEvaluation } from './run-model';
import { NeuroblocksService } from './services';
import { problem } from '../i18n/catalogue';

const offDiagonal = (matrix: number[][]) => matrix.reduce((sum, row, a) => sum + row.reduce((s, v, p) => s + (a === p ? 0 : v), 0), 0);

/** A copy of run 1’s last checkpoint of the project at `location` in a new run that ended without an evaluation; returns its number. */
function copyWithoutEvaluation(location: string): number {
  const store = ProjectStore.open(location);
  try {
    const original = store.getRun(1);
    const copy = store.startRun({ project: { ...original.project, training: original.training }, backend: 'cpu', seed: 2 });
    store.recordEpoch(copy, { epoch: 1, loss: 1 });
    store.saveCheckpoint(copy, { epoch: 1, weights: store.loadCheckpoint(1, 'last').weights });
    store.finishRun(copy, 'stopped');
    return copy;
  } finally {
    store.close();
  }
}

describe('a recorded run’s model', () => {
  let root: string;
  let location: string;
  /** The service that trained the run, and a second one as after reopening the app tomorrow. */
  let trainer: NeuroblocksService;
  let reopened: NeuroblocksService;
  let test: TestEvaluation;
  /** A few test digits and the probabilities the model gave them right after training. */
  let probes: { sample: TestSample; prediction: Prediction }[];

  const service = (config: string) =>
    new NeuroblocksService({ host: 'web', configDir: path.join(root, config), projectsDir: root, version: '0.0.0' });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-run-model-'));
    trainer = service('trainer');
    const { project } = await trainer.openExample('mnist-cnn');
    const small = {
      ...project,
      dataset: { kind: 'builtin' as const, name: 'mnist' as const, size: 300 },
      training: { ...project.training, epochs: 1, seed: 2 },
    };
    location = (await trainer.saveProjectAs('digits.nbproj', small)).location;
    const final = new Promise<TrainingUpdate>((resolve) => trainer.onTrainingEvent((u) => u.event.type === 'final' && resolve(u)));
    await trainer.startTraining(small, { location });
    const update = await final;
    if (update.event.type !== 'final' || !update.event.test)
      throw new Error(`Training ended without a test evaluation: ${JSON.stringify(update.event)}`);
    test = update.event.test;
    probes = [];
    for (const actual of [1, 4, 7]) {
      const row = test.confusionMatrix[actual];
      const cell = await trainer.getTestSamples({ actual, predicted: row.indexOf(Math.max(...row)), limit: 1 });
      probes.push({ sample: cell.samples[0], prediction: await trainer.predict(cell.samples[0].values) });
    }
    reopened = service('reopened');
  }, 120_000);
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('is the session’s model until another is loaded, and says which recorded run it is', async () => {
    expect(await trainer.getModelInUse()).toMatchObject({ location, recordedRunId: 1, inputShape: [28, 28, 1], test });
    expect((await trainer.getModelInUse())?.checkpoint).toBeUndefined();
    expect(await reopened.getModelInUse()).toBeUndefined();
  });

  it('loads from its checkpoint in another app session and predicts exactly as the model right after training', async () => {
    const loaded = await reopened.loadRunModel({ location, runId: 1 });
    // A completed run ends with the weights of its last checkpoint, whose evaluation is on record.
    expect(loaded).toMatchObject({ location, recordedRunId: 1, checkpoint: 'last', epoch: 1, inputShape: [28, 28, 1], test });
    expect(loaded.evaluatedNow).toBeUndefined();
    expect(await reopened.getModelInUse()).toEqual(loaded);
    for (const { sample, prediction } of probes) {
      const again = await reopened.predict(sample.values);
      expect(again.sessionId).toBe(loaded.sessionId);
      expect(again.probabilities).toEqual(prediction.probabilities);
    }
    const row = test.confusionMatrix[4];
    const cell = await reopened.getTestSamples({ actual: 4, predicted: 4 });
    expect(cell.total).toBe(row[4]);
  });

  it('evaluates a run with no evaluation on record as it loads, with progress, and records the evaluation for next time', async () => {
    const copy = copyWithoutEvaluation(location);
    const progress: EvaluationProgress[] = [];
    const stop = reopened.onEvaluationProgress((p) => progress.push(p));
    const loaded = await reopened.loadRunModel({ location, runId: copy });
    stop();
    expect(loaded).toMatchObject({ recordedRunId: copy, checkpoint: 'last', evaluatedNow: true });
    expect(loaded.test?.confusionMatrix).toEqual(test.confusionMatrix);
    expect(loaded.test?.accuracy).toBe(test.accuracy);
    expect(loaded.test?.loss).toBeCloseTo(test.loss, 4);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every((p) => p.sessionId === loaded.sessionId && p.total === 10_000)).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)!.done).toBe(10_000);

    const check = ProjectStore.open(location, { readOnly: true });
    const run = check.getRun(copy);
    check.close();
    expect(run.evaluations).toEqual([
      expect.objectContaining({ checkpoint: 'last', samples: 10_000, confusion: test.confusionMatrix, testAccuracy: test.accuracy }),
    ]);
    expect(recordedEvaluation(run, 'last')).toBe(run.evaluations[0]);

    const again = await service('third').loadRunModel({ location, runId: copy });
    expect(again.evaluatedNow).toBeUndefined();
    expect(again.test?.confusionMatrix).toEqual(test.confusionMatrix);
  });

  it('lists the mistakes, all wrong and the most confident first, as many as the confusion matrix counts', async () => {
    await reopened.loadRunModel({ location, runId: 1, checkpoint: 'last' });
    const mistakes = await reopened.getConfidentMistakes({ limit: 12 });
    expect(mistakes.total).toBe(offDiagonal(test.confusionMatrix));
    expect(mistakes.samples).toHaveLength(Math.min(12, mistakes.total));
    expect(mistakes.shape).toEqual([28, 28, 1]);
    expect(mistakes.classNames).toEqual(test.classNames);
    for (const m of mistakes.samples) {
      expect(m.actual).not.toBe(m.predicted);
      expect(m.values).toHaveLength(784);
      expect(test.confusionMatrix[m.actual][m.predicted]).toBeGreaterThan(0);
    }
    const confidences = mistakes.samples.map((m) => m.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    // No wrong answer left out is more confident than those listed: gather every wrong cell's samples.
    const everyWrong: number[] = [];
    for (let a = 0; a < 10; a++)
      for (let p = 0; p < 10; p++)
        if (a !== p && test.confusionMatrix[a][p] > 0)
          everyWrong.push(...(await reopened.getTestSamples({ actual: a, predicted: p, limit: 60 })).samples.map((s) => s.confidence));
    expect(everyWrong.sort((x, y) => y - x).slice(0, confidences.length)).toEqual(confidences);
    // The model answers a listed mistake as the list says.
    const first = mistakes.samples[0];
    const prediction = await reopened.predict(first.values);
    expect(prediction.probabilities.indexOf(Math.max(...prediction.probabilities))).toBe(first.predicted);
  });

  it('loads the best checkpoint when asked, and picks the one the run ended with by default', async () => {
    const check = ProjectStore.open(location, { readOnly: true });
    const run = check.getRun(1);
    check.close();
    expect(run.best?.epoch).toBe(1);
    expect(defaultCheckpoint(run)).toBe('last');
    expect(defaultCheckpoint({ ...run, status: 'stopped' })).toBe('best');
    expect(defaultCheckpoint({ ...run, status: 'stopped', best: undefined })).toBe('last');
    // The evaluation made as a stopped run ended is of mid-epoch weights, which no checkpoint holds.
    expect(recordedEvaluation({ ...run, status: 'stopped' }, 'last')).toBeUndefined();
    const best = await reopened.loadRunModel({ location, runId: 1, checkpoint: 'best' });
    expect(best).toMatchObject({ checkpoint: 'best', epoch: 1, evaluatedNow: true });
    expect(best.test?.confusionMatrix).toEqual(test.confusionMatrix);
  });

  it('refuses bad requests in plain words, and keeps the model in use', async () => {
    const before = await reopened.getModelInUse();
    await expect(reopened.loadRunModel({ location, runId: 99 })).rejects.toThrow('Run 99 does not exist in this project.');
    await expect(reopened.loadRunModel({ location, runId: 0 })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('whole number'),
    });
    await expect(reopened.loadRunModel({ location, runId: '1' as unknown as number })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(reopened.loadRunModel({ location, runId: 1, checkpoint: 'first' as 'best' })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringContaining('"best" or "last"'),
    });
    await expect(reopened.loadRunModel({ location: path.join(root, 'digits.json'), runId: 1 })).rejects.toMatchObject({ code: 'no-runs' });
    await expect(reopened.loadRunModel({ location: path.join(root, 'missing.nbproj'), runId: 1 })).rejects.toThrow(/missing\.nbproj/);
    await expect(reopened.getConfidentMistakes({ limit: -3 })).rejects.toMatchObject({ code: 'bad-request' });

    const store = ProjectStore.open(location);
    const original = store.getRun(1);
    const empty = store.startRun({ project: { ...original.project, training: original.training }, backend: 'cpu', seed: 2 });
    store.finishRun(empty, 'failed', problem('train:noDataset', {}));
    store.close();
    await expect(reopened.loadRunModel({ location, runId: empty })).rejects.toMatchObject({
      code: 'no-checkpoint',
      message: `Run ${empty} of digits.nbproj has no saved weights (it ended before its first epoch was complete), so it cannot be evaluated or tried. Choose another run, or train again.`,
    });
    await expect(reopened.loadRunModel({ location, runId: 2, checkpoint: 'best' })).rejects.toMatchObject({
      code: 'no-checkpoint',
      message: 'Run 2 of digits.nbproj has no best checkpoint; choose its last checkpoint instead.',
    });
    expect(await reopened.getModelInUse()).toEqual(before);
  });

  it('warns, in the catalogue’s words, when the evaluation cannot be kept in the file, and loads the model all the same', async () => {
    const copy = copyWithoutEvaluation(location);
    // Another program holds the file's write lock while the evaluation would be recorded.
    const other = new Database(location);
    other.exec('BEGIN IMMEDIATE');
    let loaded: ModelInUse;
    try {
      loaded = await service('locked').loadRunModel({ location, runId: copy });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(loaded).toMatchObject({ recordedRunId: copy, evaluatedNow: true });
    expect(loaded.test?.confusionMatrix).toEqual(test.confusionMatrix);
    expect(loaded.warning).toEqual({
      code: 'store:evaluationNotKept',
      params: {
        file: 'digits.nbproj',
        context: 'error',
        reason: { code: 'store:writeBusy', params: { action: 'recordEvaluation', path: location } },
      },
    });
    expect(problemText(loaded.warning!, 'en')).toBe(
      `This evaluation could not be kept in digits.nbproj, so it will be computed again next time. Could not record the evaluation: ${location} is being written by another Neuroblocks window or program. Try again in a moment.`,
    );
    expect(problemText(loaded.warning!, 'fr')).toBe(
      `Cette évaluation n’a pas pu être gardée dans digits.nbproj : elle sera donc recalculée la prochaine fois. Impossible d’enregistrer l’évaluation : ${location} est en cours d’écriture par une autre fenêtre de Neuroblocks ou un autre programme. Réessayez dans un instant.`,
    );
  }, 120_000);

  it('is refused before any model has finished training or been loaded', async () => {
    await expect(service('fresh').getConfidentMistakes()).rejects.toMatchObject({ code: 'no-model' });
  });
});
