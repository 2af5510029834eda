// The page's GPU engine, host side, with a page played here: it takes the job through the same
// calls the browser makes, rebuilds the data from the parts, trains with the shared training loop
// (TensorFlow.js's CPU backend standing in for the page's GPU) and reports every event with its
// weights in base64. The host records the run in the .nbproj as any other.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PageTrainingCommand, PageTrainingJob, TrainingUpdate } from '../api/contract';
import type { Project } from '../model/project';
import { problemText } from '../i18n/translate';
import { fromWire, jobFromParts, pageReasons, toWire } from '../page-train/protocol';
import { ProjectStore } from '../store/project-store';
import { mlpProject } from '../store/test-helpers';
import { selectBackend } from '../train/backend/index';
import type { SerializedWeight, TrainingEvent } from '../train/events';
import { TrainingLoop, type LoopControl } from '../train/loop';
import { runTraining } from '../train/run';
import { TrainingControl } from '../train/control';
import { seededRandom } from '../data/random';
import { TrainingRunner } from './training';

const root = mkdtempSync(path.join(tmpdir(), 'nb-page-training-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const spirals = (): Project =>
  mlpProject({
    name: 'Spirals',
    hiddenUnits: 8,
    dataset: { kind: 'builtin', name: 'spirals', size: 200 },
    training: { optimizer: 'adam', learningRate: 0.01, epochs: 3, batchSize: 16, validationSplit: 0.2, seed: 7 },
  });

/**
 * Plays the page: listens for commands, takes the job and its data, trains and reports.
 * `leaveAfterEpoch`: the page goes away once that epoch's checkpoint is sent; `rung`: the page's
 * rung the run is reported on (computed on the CPU backend all the same). Gives the job it took.
 */
async function playPage(
  runner: TrainingRunner,
  options: { leaveAfterEpoch?: number; rung?: 'webgpu' | 'webgl' } = {},
): Promise<PageTrainingJob> {
  const control: LoopControl & { command: 'run' | 'pause' | 'stop' } = {
    command: 'run',
    countBatch: () => undefined,
    waitWhilePaused: async () => {
      while (control.command === 'pause') await new Promise((resolve) => setTimeout(resolve, 5));
      return control.command !== 'stop';
    },
    poll: () => new Promise((resolve) => setImmediate(resolve)),
  };
  const stopListening = runner.page.onCommand((c: PageTrainingCommand) => (control.command = c.command === 'resume' ? 'run' : c.command));
  const job = await runner.page.job();
  const parts: string[] = [];
  for (let part = 0; part < job.parts; part++) parts.push((await runner.page.data(job.sessionId, part)).base64);
  const { dataset, pretrained } = jobFromParts(job, parts);
  const { tf } = await selectBackend('cpu');
  let reports = Promise.resolve();
  let left = false;
  const report = (event: TrainingEvent) => {
    const wire: Record<string, unknown> = { ...event };
    if ((event.type === 'checkpoint' || event.type === 'final') && event.weights) wire.weights = toWire(event.weights);
    if (event.type === 'checkpoint' && event.optimizer) wire.optimizer = toWire(event.optimizer);
    if (left) return;
    reports = reports.then(() => runner.page.report({ sessionId: job.sessionId, event: wire }));
    if (event.type === 'checkpoint' && event.kind === 'last' && event.epoch === options.leaveAfterEpoch) {
      // The window closes: the page stops listening, and its worker with it.
      left = true;
      reports = reports.then(stopListening);
      control.command = 'stop';
    }
  };
  const resume = job.resume && {
    weights: fromWire(job.resume.weights) as SerializedWeight[],
    optimizer: fromWire(job.resume.optimizer ?? []) as SerializedWeight[],
    fromEpoch: job.resume.fromEpoch,
    history: job.resume.history,
  };
  const loop = new TrainingLoop({ ...(resume ? { resume } : {}), pretrained }, report, control);
  const original = Math.random;
  Math.random = seededRandom(job.settings.seed);
  try {
    const result = await loop.run(
      tf,
      { backend: options.rung ?? 'cpu', device: 'the page (TensorFlow.js CPU backend)', fallbacks: [] },
      job.project,
      job.settings,
      { dataset, inputShape: job.dataset.inputShape, outputUnits: job.outputUnits },
    );
    if (options.leaveAfterEpoch === undefined) report({ type: 'final', ...result });
  } finally {
    Math.random = original;
  }
  await reports;
  if (options.leaveAfterEpoch === undefined) stopListening();
  return job;
}

function finalOf(
  runner: TrainingRunner,
  sessionId: Promise<{ sessionId: string }>,
): Promise<Extract<TrainingUpdate['event'], { type: 'final' }>> {
  return new Promise((resolve) => {
    const off = runner.updates.event(async (update) => {
      if (update.event.type === 'final' && update.sessionId === (await sessionId).sessionId) {
        off();
        resolve(update.event);
      }
    });
  });
}

/** Spirals saved as `file` in the folder of these tests, and a runner to train it. */
function spiralsInFile(file: string) {
  const project = spirals();
  const location = path.join(root, file);
  ProjectStore.create(location, project).close();
  return { project, location, runner: new TrainingRunner() };
}

/** Trains `project` in the page, recorded in the file at `location`, the page played with `page`; gives the run's final event. */
async function trainInPage(runner: TrainingRunner, project: Project, location: string, page?: Parameters<typeof playPage>[1]) {
  const started = runner.startTraining(project, { engine: 'page', location });
  const final = finalOf(runner, started);
  await started;
  await playPage(runner, page);
  return final;
}

describe('training in the page', () => {
  it('records a run the page trains in the project file, with the same metrics as the host engine on the same backend', async () => {
    const { project, location, runner } = spiralsInFile('page.nbproj');
    const result = await trainInPage(runner, project, location);
    expect(result).toMatchObject({
      state: 'completed',
      epochsCompleted: 3,
      backend: 'cpu',
      device: 'the page (TensorFlow.js CPU backend)',
    });
    expect(result.test!.samples).toBeGreaterThan(0);

    // The host's own engine on the same backend, seed and data: the page's path loses nothing.
    const host = await runTraining({ project, options: { backend: 'cpu' } }, () => undefined, new TrainingControl());
    expect(result.history.map((m) => m.loss)).toEqual(host.history.map((m) => m.loss));
    expect(result.history.map((m) => m.valAccuracy)).toEqual(host.history.map((m) => m.valAccuracy));
    expect(result.test!.accuracy).toBe(host.test!.accuracy);

    const store = ProjectStore.open(location);
    try {
      const [run] = store.listRuns();
      expect(run).toMatchObject({ status: 'completed', epochs: 3, backend: 'cpu', device: 'the page (TensorFlow.js CPU backend)' });
      const details = store.getRun(run.id);
      expect(details.epochMetrics.map((m) => m.loss)).toEqual(host.history.map((m) => m.loss));
      expect(details.last?.epoch).toBe(3);
    } finally {
      store.close();
    }
    // The run's final weights are the model in use, for Evaluate and Try it.
    expect(await runner.modelInUse()).toMatchObject({ recordedRunId: expect.any(Number), test: { accuracy: host.test!.accuracy } });
  }, 120_000);

  it('starts from the project file’s pretrained weights, sent after the data in the same parts', async () => {
    const project = spirals();
    project.graph.nodes[1].params.trainable = false;
    const pretrained = [
      { name: 'h/kernel', shape: [2, 8], dtype: 'float32' as const, data: Float32Array.from({ length: 16 }, (_, i) => (i - 8) / 10) },
    ];
    const location = path.join(root, 'pretrained.nbproj');
    const file = ProjectStore.create(location, project);
    file.setPretrained(pretrained, 'a test base');
    file.close();
    const runner = new TrainingRunner();
    expect(await trainInPage(runner, project, location)).toMatchObject({ state: 'completed', epochsCompleted: 3 });
    const store = ProjectStore.open(location);
    try {
      const [run] = store.listRuns();
      const kernel = store.loadCheckpoint(run.id, 'last').weights.find((w) => w.name === 'h/kernel')!;
      expect(Array.from(kernel.data)).toEqual(Array.from(pretrained[0].data));
    } finally {
      store.close();
    }
  }, 120_000);

  it('ends a run whose page went away as interrupted, keeping its completed epochs, and continues it in the page on the same rung', async () => {
    const { project, location, runner } = spiralsInFile('closed.nbproj');
    const result = await trainInPage(runner, project, location, { leaveAfterEpoch: 1, rung: 'webgl' });
    expect(result).toMatchObject({ state: 'interrupted', epochsCompleted: 1 });
    expect(problemText(result.message, 'en')).toMatch(/page training this run on its GPU was closed after 1 epoch/);
    expect(problemText(result.message, 'fr')).toMatch(/a été fermée après 1 époque/);
    const store = ProjectStore.open(location);
    const [run] = store.listRuns();
    expect(run).toMatchObject({ status: 'interrupted', epochs: 1 });
    store.close();
    expect(run).toMatchObject({ backend: 'webgl' });
    // Continued in the page from the checkpoint of epoch 1, the page told to try the rung it trained on first.
    const continued = await runner.continueRecordedRun(location, run.id);
    expect(continued).toMatchObject({ fromEpoch: 2, engine: 'page' });
    const end = finalOf(runner, Promise.resolve(continued));
    const job = await playPage(runner, { rung: 'webgl' });
    expect(job).toMatchObject({ rung: 'webgl', resume: { fromEpoch: 2 } });
    expect(job.resume!.optimizer!.length).toBeGreaterThan(0);
    const result2 = await end;
    expect(result2).toMatchObject({
      state: 'completed',
      epochsCompleted: 3,
      backend: 'webgl',
      device: 'the page (TensorFlow.js CPU backend)',
    });
    // Exactly as if it had never stopped: the host's engine, uninterrupted, on the same backend.
    const host = await runTraining({ project, options: { backend: 'cpu' } }, () => undefined, new TrainingControl());
    const reopened = ProjectStore.open(location);
    try {
      const [again] = reopened.listRuns();
      expect(again).toMatchObject({ id: run.id, status: 'completed', epochs: 3, backend: 'webgl' });
      expect(reopened.getRun(run.id).epochMetrics.map((m) => m.loss)).toEqual(host.history.map((m) => m.loss));
    } finally {
      reopened.close();
    }
  }, 120_000);

  it('continues a run the host trained on the host’s engine, not in the page', async () => {
    const { project, location, runner } = spiralsInFile('host.nbproj');
    // Enough epochs that the stop comes long before the end.
    const started = runner.startTraining(project, { location, epochs: 40 });
    const { sessionId } = await started;
    // Stopped after its first epoch.
    await new Promise<void>((resolve) => {
      const off = runner.updates.event((u) => {
        if (u.sessionId === sessionId && u.event.type === 'checkpoint' && u.event.kind === 'last') {
          off();
          void runner.stop().then(resolve);
        }
      });
    });
    await finalOf(runner, started);
    const store = ProjectStore.open(location);
    const [run] = store.listRuns();
    store.close();
    expect(run.status).toBe('stopped');
    const continued = await runner.continueRecordedRun(location, run.id);
    expect(continued.engine).toBeUndefined();
    expect(await finalOf(runner, Promise.resolve(continued))).toMatchObject({ state: 'completed', epochsCompleted: 40 });
  }, 120_000);

  it('trains on the host’s engine when no GPU rung works in the page, listing why each was skipped', async () => {
    const project = spirals();
    const runner = new TrainingRunner();
    const events: TrainingUpdate['event'][] = [];
    runner.updates.event((update) => events.push(update.event));
    const started = runner.startTraining(project, { engine: 'page', epochs: 1 });
    const final = finalOf(runner, started);
    const { sessionId } = await started;
    const stopListening = runner.page.onCommand(() => undefined);
    await runner.page.job();
    await runner.page.report({
      sessionId,
      unavailable: [
        { backend: 'webgpu', ...pageReasons.noWebGpu() },
        { backend: 'webgl', ...pageReasons.noWebGl() },
      ],
    });
    stopListening();
    expect(await final).toMatchObject({ state: 'completed', epochsCompleted: 1 });
    const startedEvent = events.find((e) => e.type === 'started') as Extract<TrainingEvent, { type: 'started' }>;
    expect(['wasm', 'cpu', 'tensorflow']).toContain(startedEvent.backend);
    // In English and French, for the Train panel of either language.
    const said = (f: (typeof startedEvent.fallbacks)[number]) => ({
      backend: f.backend,
      code: f.reason.code,
      reason: problemText(f.reason, 'en'),
      reasonFr: problemText(f.reason, 'fr'),
    });
    expect(startedEvent.fallbacks.slice(0, 2).map(said)).toEqual([
      {
        backend: 'webgpu',
        code: 'train:pageNoWebGpu',
        reason: 'this browser offers no WebGPU (navigator.gpu is missing)',
        reasonFr: 'ce navigateur n’offre pas WebGPU (navigator.gpu est absent)',
      },
      {
        backend: 'webgl',
        code: 'train:pageNoWebGl',
        reason: 'WebGL is not available to this page’s workers',
        reasonFr: 'WebGL n’est pas disponible pour les workers de cette page',
      },
    ]);
  }, 120_000);

  it('refuses a report of another run, one of an unknown kind, and weights whose size does not fit their shape', async () => {
    const runner = new TrainingRunner();
    const { sessionId } = await runner.startTraining(spirals(), { engine: 'page', epochs: 1 });
    const stopListening = runner.page.onCommand(() => undefined);
    await runner.page.job();
    await expect(runner.page.report({ sessionId: 'another', event: { type: 'batch' } })).rejects.toMatchObject({
      code: 'not-training',
      fr: expect.stringMatching(/Aucun entraînement/),
    });
    await expect(runner.page.report({ sessionId, event: { type: 'explode' } })).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/event type "explode" is not one of started, baseProgress, batch/),
    });
    await expect(
      runner.page.report({
        sessionId,
        event: {
          type: 'checkpoint',
          kind: 'last',
          epoch: 1,
          monitor: 'loss',
          value: 1,
          weights: [{ name: 'dense/kernel', shape: [2, 8], dtype: 'float32', base64: 'AAAA' }],
        },
      }),
    ).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/"dense\/kernel"\) holds 3 bytes, not the 64 of its shape \[2, 8\]/),
    });
    await expect(runner.page.data(sessionId, 99)).rejects.toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/there is no part 99/),
      fr: expect.stringMatching(/il n’y a pas de partie 99\.$/),
      problem: { code: 'train:noDataPart' },
    });
    await runner.stop();
    stopListening();
  }, 60_000);
});
