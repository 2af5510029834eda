import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Project } from '../model/project';
import { ProjectStore } from '../store/project-store';
import { recordTrainingRun } from '../store/record-training';
import { mlpProject } from '../store/test-helpers';
import { startTraining, type FinalResult, type TrainingSession } from '../train/index';
import { TrainingRunner } from './training';
import { problem } from '../i18n/catalogue';

const root = mkdtempSync(path.join(tmpdir(), 'nb-training-runner-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const project = { name: 'p', graph: { nodes: [], edges: [] }, training: { loss: 'categoricalCrossentropy' } } as unknown as Project;

/** A session that ends (stopped) as soon as it is told to stop, as the worker does after its batch. */
function stoppableSession(): TrainingSession & { stopped: boolean } {
  let end!: (result: FinalResult) => void;
  const done = new Promise<FinalResult>((resolve) => (end = resolve));
  const session = {
    stopped: false,
    on: () => () => undefined,
    pause: () => undefined,
    resume: () => undefined,
    stop: () => {
      session.stopped = true;
      end({ state: 'stopped', message: problem('train:stoppedBeforeStart', {}), epochsCompleted: 0, history: [], seconds: 0 });
    },
    batchesCompleted: () => 0,
    done,
  };
  return session;
}

describe('the training runner', () => {
  it('refuses a run whose project file cannot be read before any training starts, and then accepts the next run', async () => {
    const broken = path.join(root, 'not-a-project.nbproj');
    writeFileSync(broken, 'this is not a SQLite file, only text that happens to end in .nbproj');
    const sessions: ReturnType<typeof stoppableSession>[] = [];
    const runner = new TrainingRunner(async () => {
      const session = stoppableSession();
      sessions.push(session);
      return session;
    });
    // The file is read for its pretrained weights first: the refusal names it, and nothing was started.
    await expect(runner.startTraining(project, { location: broken })).rejects.toThrow(/not-a-project\.nbproj/);
    expect(sessions).toHaveLength(0);
    // Not "a model is already training": the refused run is over.
    await expect(runner.startTraining(project, {})).resolves.toMatchObject({ sessionId: expect.any(String) });
    expect(sessions).toHaveLength(1);
  });

  it('continues a recorded run on as many samples as it was started with, e.g. a subset chosen on the command line', async () => {
    const spirals = mlpProject({
      name: 'Spirals',
      hiddenUnits: 8,
      dataset: { kind: 'builtin', name: 'spirals', size: 240 },
      training: { optimizer: 'sgd', learningRate: 0.1, epochs: 5, batchSize: 8, validationSplit: 0.2, seed: 4 },
    });
    const location = path.join(root, 'spirals.nbproj');
    const store = ProjectStore.create(location, spirals);
    const first = startTraining(spirals, { backend: 'cpu', size: 100 });
    first.on((event) => {
      if (event.type === 'checkpoint' && event.kind === 'last' && event.epoch === 1) first.stop();
    });
    // As the command line records it: with the data set, whose summary gets the sizes trained on.
    const recording = recordTrainingRun(store, first, spirals, {
      dataset: { kind: 'builtin', name: 'spirals', contentHash: 'spirals-100', summary: {} },
    });
    expect((await first.done).state).toBe('stopped');
    const { runId } = await recording.done;
    store.close();

    const given: Record<string, unknown>[] = [];
    const session = stoppableSession();
    const runner = new TrainingRunner(async (_project, options) => {
      given.push(options);
      return session;
    });
    await runner.continueRecordedRun(location, runId!);
    session.stop();
    expect(given).toEqual([expect.objectContaining({ size: 100, seed: 4 })]);
  }, 60_000);

  it('hands the engine, device, process count and the Python of the settings to the engine, and refuses bad ones naming the option', async () => {
    const given: Record<string, unknown>[] = [];
    const runner = new TrainingRunner(async (_project, options) => {
      given.push(options);
      const session = stoppableSession();
      session.stop();
      return session;
    });
    await runner.startTraining(project, { engine: 'pytorch', device: 'cuda:1', nproc: 2 }, { python: '/opt/py/bin/python3' });
    await runner.startTraining(project, { engine: 'tfjs' }, { python: '/opt/py/bin/python3' });
    await runner.startTraining(project, {});
    expect(given[0]).toEqual({ engine: 'pytorch', device: 'cuda:1', nproc: 2, python: '/opt/py/bin/python3' });
    // The built-in engine is not given a Python, a device or processes it would not use.
    expect(given[1]).toEqual({ engine: 'tfjs' });
    expect(given[2]).toEqual({});
    const bad = [
      [{ engine: 'jax' }, /training engine must be "tfjs".*or "pytorch" \(got "jax"\)/, /moteur d’entraînement/],
      [{ engine: 'pytorch', device: 'gpu' }, /device must be auto, cpu, mps, cuda or cuda:N.*got "gpu"/, /périphérique/],
      [
        { engine: 'pytorch', nproc: 0 },
        /number of training processes must be a whole number from 1 to 256 \(got 0\)/,
        /nombre de processus/,
      ],
      [{ device: 'cuda' }, /only be chosen for the PyTorch engine/, /que pour le moteur PyTorch/],
      [{ engine: 'tfjs', nproc: 2 }, /only be chosen for the PyTorch engine/, /que pour le moteur PyTorch/],
    ] as const;
    for (const [options, en, fr] of bad)
      await expect(runner.startTraining(project, options as never)).rejects.toMatchObject({
        code: 'bad-request',
        message: expect.stringMatching(en),
        fr: expect.stringMatching(fr),
      });
    expect(given).toHaveLength(3);
  });
});
