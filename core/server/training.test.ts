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
      end({ state: 'stopped', message: 'stopped', epochsCompleted: 0, history: [], seconds: 0 });
    },
    batchesCompleted: () => 0,
    done,
  };
  return session;
}

describe('the training runner', () => {
  it('stops a run whose project file cannot be recorded into, and then accepts the next run', async () => {
    const broken = path.join(root, 'not-a-project.nbproj');
    writeFileSync(broken, 'this is not a SQLite file, only text that happens to end in .nbproj');
    const sessions: ReturnType<typeof stoppableSession>[] = [];
    const runner = new TrainingRunner(async () => {
      const session = stoppableSession();
      sessions.push(session);
      return session;
    });
    await expect(runner.startTraining(project, { location: broken })).rejects.toThrow();
    expect(sessions[0].stopped).toBe(true);
    await sessions[0].done;
    // Not "a model is already training": the refused run is over.
    await expect(runner.startTraining(project, {})).resolves.toMatchObject({ runId: expect.any(String) });
    expect(sessions).toHaveLength(2);
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
    const recording = recordTrainingRun(store, first, spirals, { dataset: { kind: 'builtin', name: 'spirals', contentHash: 'spirals-100', summary: {} } });
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
});
