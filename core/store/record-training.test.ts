import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemText } from '../i18n/translate';
import { startTraining } from '../train';
import { describeDataset } from './dataset-ref';
import { ProjectStore } from './project-store';
import { recordTrainingRun } from './record-training';
import { mlpProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

const spirals = mlpProject({
  name: 'Spirals',
  hiddenUnits: 16,
  activation: 'tanh',
  dataset: { kind: 'builtin', name: 'spirals', size: 300 },
  training: { optimizer: 'adam', learningRate: 0.02, epochs: 4, batchSize: 32, validationSplit: 0.2, seed: 3 },
});

describe('recording a real training run', () => {
  it('records the snapshot, every epoch, checkpoints, the test evaluation and the final state', async () => {
    const store = ProjectStore.create(join(dir, 'spirals.nbproj'), spirals);
    const dataset = await describeDataset(spirals.dataset!, { seed: spirals.training.seed });
    const session = startTraining(spirals, { backend: 'cpu' });
    const recording = recordTrainingRun(store, session, spirals, { dataset });
    const final = await session.done;
    const { runId, error } = await recording.done;
    expect(error).toBeUndefined();
    expect(final.state).toBe('completed');
    const run = store.getRun(runId!);
    expect(run).toMatchObject({
      status: 'completed',
      epochs: 4,
      plannedEpochs: 4,
      backend: 'cpu',
      seed: 3,
      datasetHash: dataset.contentHash,
    });
    expect(run.epochMetrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(run.epochMetrics.map((m) => m.loss)).toEqual(final.history.map((m) => m.loss));
    expect(run.dataset?.summary).toMatchObject({ sizes: { train: expect.any(Number) } });
    const last = store.loadCheckpoint(runId!, 'last');
    expect(last.epoch).toBe(4);
    expect(last.weights.map((w) => w.shape)).toEqual([[2, 16], [16], [16, 2], [2]]);
    expect(store.loadCheckpoint(runId!, 'best').epoch).toBeGreaterThanOrEqual(1);
    if (final.test) expect(run.evaluations[0]).toMatchObject({ testAccuracy: final.test.accuracy, confusion: final.test.confusionMatrix });
    store.close();
  });

  it('records why a run that did not complete ended as a problem, said in the reader’s language once reopened', async () => {
    // Stopped by the user once its first epoch has ended: it stops during the second.
    const file = join(dir, 'stopped.nbproj');
    const store = ProjectStore.create(file, spirals);
    const session = startTraining(spirals, { backend: 'cpu', checkpoints: false });
    session.on((event) => {
      if (event.type === 'epoch' && event.epoch === 1) session.stop();
    });
    const recording = recordTrainingRun(store, session, spirals);
    const final = await session.done;
    const { runId } = await recording.done;
    expect(final.state).toBe('stopped');
    // The column keeps the problem itself (code and particulars), not a sentence in one language.
    const stored = store.connection.prepare('SELECT error FROM runs WHERE id = ?').pluck().get(runId) as string;
    expect(JSON.parse(stored)).toEqual(final.message);
    store.close();

    const reopened = ProjectStore.open(file, { readOnly: true });
    const run = reopened.getRun(runId!);
    expect(run.status).toBe('stopped');
    expect(run.error).toEqual({ code: 'train:stopped', params: { count: 1 } });
    expect(problemText(run.error!, 'en')).toBe('Stopped by you after 1 complete epoch.');
    expect(problemText(run.error!, 'fr')).toBe('Arrêté par vous après 1 époque complète.');
    expect(reopened.listRuns()[0].error).toEqual(run.error);
    reopened.close();
  }, 60_000);
});

describe('the final words of runs recorded by an older version', () => {
  it('read as the English sentence they were written in, the interruption as this version’s words in each language', () => {
    const file = join(dir, 'old.nbproj');
    const store = ProjectStore.create(file, spirals);
    const failed = store.startRun({ project: spirals, backend: 'cpu' });
    const interrupted = store.startRun({ project: spirals, backend: 'cpu' });
    const braced = store.startRun({ project: spirals, backend: 'cpu' });
    const unknown = store.startRun({ project: spirals, backend: 'cpu' });
    for (const id of [failed, interrupted, braced, unknown]) store.finishRun(id, 'failed');
    // What an older version wrote in the column: plain English sentences.
    const write = store.connection.prepare('UPDATE runs SET error = ? WHERE id = ?');
    write.run('Recording stopped: SQLITE_FULL: database or disk is full', failed);
    write.run('The training stopped unexpectedly (the app or computer stopped); completed epochs were kept.', interrupted);
    write.run('{not json} but a sentence', braced);
    // A code this version does not know (a newer file), or a problem missing its inner problem: shown as written.
    write.run(JSON.stringify({ code: 'train:resumedFresh', params: { final: 'no problem here', epoch: 2 } }), unknown);
    store.close();

    const reopened = ProjectStore.open(file, { readOnly: true });
    const said = (id: number) => {
      const error = reopened.getRun(id).error!;
      return { code: error.code, en: problemText(error, 'en'), fr: problemText(error, 'fr') };
    };
    expect(said(failed)).toEqual({
      code: 'store:recordedText',
      en: 'Recording stopped: SQLITE_FULL: database or disk is full',
      fr: 'Recording stopped: SQLITE_FULL: database or disk is full',
    });
    expect(said(interrupted)).toEqual({
      code: 'store:runInterrupted',
      en: 'The training stopped unexpectedly (the app or computer stopped); completed epochs were kept.',
      fr: 'L’entraînement s’est arrêté de façon inattendue (l’application ou l’ordinateur s’est arrêté) ; les époques terminées sont conservées.',
    });
    expect(said(braced).en).toBe('{not json} but a sentence');
    expect(said(unknown)).toMatchObject({ code: 'store:recordedText', en: expect.stringContaining('no problem here') });
    reopened.close();
  });
});
