import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Project } from '../model/project';
import type { Problem } from '../i18n/catalogue';
import { problemText } from '../i18n/translate';
import { startTraining, type FinalResult } from '../train';
import { ProjectStore } from './project-store';
import { recordTrainingRun, resumeRecordedRun, toSerializedWeights } from './record-training';
import { mlpProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

// Checkpoints keep the optimizer's state, so a resumed run must retrace an uninterrupted one exactly.
// Small batches make an epoch long enough for a stop sent at a checkpoint to land in the next epoch.
const spirals = mlpProject({
  name: 'Spirals',
  hiddenUnits: 12,
  activation: 'tanh',
  dataset: { kind: 'builtin', name: 'spirals', size: 240 },
  training: { optimizer: 'sgd', learningRate: 0.1, epochs: 5, batchSize: 8, validationSplit: 0.2, seed: 4 },
});

/** Trains with recording and stops the run once its second epoch is recorded. */
async function trainAndStopAfterTwoEpochs(store: ProjectStore, project: Project = spirals): Promise<number> {
  const session = startTraining(project, { backend: 'cpu' });
  session.on((event) => {
    if (event.type === 'checkpoint' && event.kind === 'last' && event.epoch === 2) session.stop();
  });
  const recording = recordTrainingRun(store, session, project);
  expect((await session.done).state).toBe('stopped');
  const { runId, error } = await recording.done;
  expect(error).toBeUndefined();
  return runId!;
}

async function resume(store: ProjectStore, runId: number, epochs?: number, warnings: Problem[] = []): Promise<FinalResult> {
  const resumed = resumeRecordedRun(store, runId);
  const session = startTraining(resumed.project, {
    backend: 'cpu',
    epochs: epochs ?? resumed.epochs,
    seed: resumed.seed,
    resume: resumed.resume,
  });
  session.on((event) => {
    if (event.type === 'warning') warnings.push(event.message);
  });
  const recording = recordTrainingRun(store, session, resumed.project, { resumed: resumed.recorder });
  const final = await session.done;
  expect((await recording.done).error).toBeUndefined();
  return final;
}

describe('resuming a recorded run', () => {
  it('goes on from the last checkpoint into the same run, as if it had never stopped', async () => {
    const store = ProjectStore.create(join(dir, 'spirals.nbproj'), spirals);
    const runId = await trainAndStopAfterTwoEpochs(store);
    const stopped = store.getRun(runId);
    expect(stopped.status).toBe('stopped');
    // Why it stopped is recorded as a problem, said in the reader's language.
    expect(stopped.error?.code).toBe('train:stopped');
    expect(problemText(stopped.error!, 'en')).toMatch(/^Stopped by you after \d+ complete epochs?\.$/);
    expect(problemText(stopped.error!, 'fr')).toMatch(/^Arrêté par vous après \d+ époques? complètes?\.$/);
    const checkpointEpoch = store.loadCheckpoint(runId, 'last').epoch;
    expect(stopped.epochMetrics.map((m) => m.epoch).at(-1)).toBeGreaterThanOrEqual(checkpointEpoch);

    const final = await resume(store, runId);
    expect(final.state).toBe('completed');
    // The final words and where the run resumed from, whole sentences in each language.
    expect(final.message.code).toBe('train:resumedWithState');
    expect(problemText(final.message, 'en')).toBe(
      `Trained for 5 epochs. Resumed from the checkpoint of epoch ${checkpointEpoch}, with the optimizer's state.`,
    );
    expect(problemText(final.message, 'fr')).toBe(
      `Entraîné pendant 5 époques. Repris depuis les poids de l’époque ${checkpointEpoch}, avec l’état de l’optimiseur.`,
    );
    const run = store.getRun(runId);
    expect(run.status).toBe('completed');
    expect(run.epochMetrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
    // The epochs before the checkpoint are kept as they were.
    expect(run.epochMetrics.slice(0, checkpointEpoch)).toEqual(stopped.epochMetrics.slice(0, checkpointEpoch));
    expect(store.loadCheckpoint(runId, 'last').epoch).toBe(5);
    expect(store.listRuns()).toHaveLength(1);

    // An uninterrupted run of the same project gives the same losses, epoch for epoch.
    const straight = startTraining(spirals, { backend: 'cpu', checkpoints: false });
    const reference = await straight.done;
    expect(run.epochMetrics.map((m) => m.loss)).toEqual(reference.history.map((m) => m.loss));
    store.close();
  }, 60_000);

  const stateful: [string, Partial<Project['training']>][] = [
    ['adam', { optimizer: 'adam' }],
    ['sgd with momentum', { optimizer: 'sgd', momentum: 0.9 }],
    ['rmsprop', { optimizer: 'rmsprop' }],
  ];
  for (const [name, optimizer] of stateful) {
    it(`with ${name}, whose state builds up over the steps, the resumed run retraces an uninterrupted one exactly`, async () => {
      const project: Project = { ...spirals, training: { ...spirals.training, ...optimizer, learningRate: 0.01, epochs: 5 } };
      const store = ProjectStore.create(join(dir, `${name.replace(/ /g, '-')}.nbproj`), project);
      const runId = await trainAndStopAfterTwoEpochs(store, project);
      expect(store.loadCheckpoint(runId, 'last').optimizer?.length).toBeGreaterThan(1);
      const final = await resume(store, runId);
      expect(final.state).toBe('completed');
      const reference = await startTraining(project, { backend: 'cpu', checkpoints: false }).done;
      expect(store.getRun(runId).epochMetrics.map((m) => m.loss)).toEqual(reference.history.map((m) => m.loss));
      expect(final.weights!.map((w) => [...new Float32Array(w.data)])).toEqual(
        reference.weights!.map((w) => [...new Float32Array(w.data)]),
      );
      store.close();
    }, 60_000);
  }

  it('a checkpoint without the optimizer state (a file of an older version) resumes with a fresh optimizer, and says so', async () => {
    const project: Project = { ...spirals, training: { ...spirals.training, optimizer: 'adam', learningRate: 0.01, epochs: 5 } };
    const store = ProjectStore.create(join(dir, 'old.nbproj'), project);
    const runId = await trainAndStopAfterTwoEpochs(store, project);
    store.connection.exec('UPDATE checkpoints SET optimizer = NULL, optimizer_hash = NULL');
    const warnings: Problem[] = [];
    const final = await resume(store, runId, undefined, warnings);
    expect(final.state).toBe('completed');
    expect(problemText(final.message, 'en')).toMatch(
      /^Trained for 5 epochs\. Resumed from the checkpoint of epoch \d; the optimizer restarted from a fresh state\.$/,
    );
    expect(problemText(final.message, 'fr')).toMatch(
      /^Entraîné pendant 5 époques\. Repris depuis les poids de l’époque \d ; l’optimiseur est reparti d’un état neuf\.$/,
    );
    expect(warnings.map((w) => problemText(w, 'en')).join(' ')).toMatch(/optimizer state was not saved/);
    store.close();
  }, 60_000);

  it('refuses a boolean weight, which training cannot load, in English and French', () => {
    expect(() => toSerializedWeights([{ name: 'mask/w', shape: [1], dtype: 'bool', data: new Uint8Array(1) }])).toThrow(
      expect.objectContaining({
        message: 'The checkpoint\'s weight "mask/w" is boolean, which training cannot load.',
        fr: 'Le poids enregistré « mask/w » est booléen : l’entraînement ne peut pas le charger.',
        problem: { code: 'store:booleanWeight', params: { name: 'mask/w' } },
      }),
    );
  });

  it('refuses a checkpoint whose optimizer state is damaged', () => {
    const store = ProjectStore.create(join(dir, 'damaged.nbproj'), spirals);
    const runId = store.startRun({ project: spirals, backend: 'cpu' });
    const w = [{ name: 'w', shape: [1], dtype: 'float32' as const, data: new Float32Array([1]) }];
    store.saveCheckpoint(runId, { epoch: 1, weights: w, optimizer: w });
    expect(store.loadCheckpoint(runId, 'last').optimizer).toEqual(w);
    store.connection.exec("UPDATE checkpoints SET optimizer_hash = 'x'");
    expect(() => store.loadCheckpoint(runId, 'last')).toThrow(/optimizer's state does not match its checksum/);
    store.close();
  });

  it('starts the resumed part from exactly the checkpoint weights', async () => {
    const store = ProjectStore.create(join(dir, 'weights.nbproj'), spirals);
    const runId = await trainAndStopAfterTwoEpochs(store);
    const checkpoint = store.loadCheckpoint(runId, 'last');
    // Resumed with no epoch left to train, the model ends with the weights it started from.
    const final = await resume(store, runId, checkpoint.epoch);
    expect(final.weights!.map((w) => [...new Float32Array(w.data)])).toEqual(checkpoint.weights.map((w) => [...w.data]));
    expect(final.history.map((m) => m.epoch)).toEqual(Array.from({ length: checkpoint.epoch }, (_, i) => i + 1));
    store.close();
  }, 60_000);

  it('refuses an unknown run, a finished run and a run without a checkpoint, leaving them as they were', async () => {
    const store = ProjectStore.create(join(dir, 'refuse.nbproj'), spirals);
    expect(() => resumeRecordedRun(store, 42)).toThrow(/Run 42 does not exist/);
    const noCheckpoint = store.startRun({ project: spirals, backend: 'cpu' });
    store.recordEpoch(noCheckpoint, { epoch: 1, loss: 0.5 });
    store.finishRun(noCheckpoint, 'stopped');
    expect(() => resumeRecordedRun(store, noCheckpoint)).toThrow(/no checkpoint/);
    expect(store.getRun(noCheckpoint).status).toBe('stopped');
    store.finishRun(store.startRun({ project: spirals, backend: 'cpu' }), 'completed');
    expect(() => resumeRecordedRun(store, 2)).toThrow(/Run 2 is completed: .*nothing to resume/);
    // A checkpoint ahead of the recorded epochs would leave a gap: refused.
    const gap = store.startRun({ project: spirals, backend: 'cpu' });
    store.recordEpoch(gap, { epoch: 1, loss: 0.5 });
    store.saveCheckpoint(gap, { epoch: 3, weights: [{ name: 'w', shape: [1], dtype: 'float32', data: new Float32Array([1]) }] });
    store.finishRun(gap, 'stopped');
    expect(() => resumeRecordedRun(store, gap)).toThrow(/checkpoint is from epoch 3 but the metrics of epochs up to 1 are incomplete/);
    expect(store.getRun(gap).status).toBe('stopped');
    store.close();
  });
});
