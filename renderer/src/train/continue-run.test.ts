import { describe, expect, it } from 'vitest';
import mnistJson from '../../../projects/mnist-cnn.json';
import type { ContinuedRun, EpochMetrics, NeuroblocksApi, TrainingUpdate } from '../../../core/api/contract';
import { parseProject } from '../../../core/model/project-io';
import { editorStore } from '../store/index';
import { fakeEvent } from '../test-events';
import { applyEvent, continueRecordedRun, formFromProject, trainingStore } from './training-store';

const metrics = (epoch: number): EpochMetrics => ({
  epoch,
  loss: 2 - epoch / 4,
  accuracy: 0.2 * epoch,
  valLoss: 2.1 - epoch / 4,
  valAccuracy: 0.18 * epoch,
  learningRate: 0.001,
  seconds: 1,
  samplesPerSecond: 100,
});

function fakeApi(answer: () => Promise<ContinuedRun>) {
  const calls: [string, number][] = [];
  const training = fakeEvent<TrainingUpdate>();
  const api = {
    continueRun: (location: string, runId: number) => {
      calls.push([location, runId]);
      return answer();
    },
    onTrainingEvent: training.on,
  } as unknown as NeuroblocksApi;
  return { api, calls, fire: training.fire };
}

describe('continuing a recorded run from the Runs tab', () => {
  it('draws the recorded epochs first, then the live ones, with the progress starting at the resumed epoch', async () => {
    const project = parseProject(structuredClone(mnistJson));
    const { api, calls } = fakeApi(async () => {
      // An event that overtook the answer is kept, after the recorded epochs.
      applyEvent({ sessionId: 'live', event: { type: 'batch', epoch: 3, batch: 2, batchesPerEpoch: 4, loss: 1.4, accuracy: 0.5 } });
      return { sessionId: 'live', project, fromEpoch: 3, history: [metrics(1), metrics(2)] };
    });
    expect(await continueRecordedRun(api, '/p/digits.nbproj', 7)).toBeUndefined();
    expect(calls).toEqual([['/p/digits.nbproj', 7]]);
    const state = trainingStore.getState();
    expect(state).toMatchObject({ sessionId: 'live', continuing: { recordedRunId: 7, fromEpoch: 3 }, phase: 'starting' });
    expect(state.curves.x).toEqual([1, 2, 2.5]);
    expect(state.curves.epochLoss).toEqual([1.75, 1.5, null]);
    expect(state.curves.loss).toEqual([null, null, 1.4]);
    expect(state.history.map((h) => h.epoch)).toEqual([1, 2]);

    applyEvent({
      sessionId: 'live',
      event: {
        type: 'started',
        backend: 'cpu',
        device: 'CPU',
        fallbacks: [],
        paramCount: { total: 1, trainable: 1, nonTrainable: 0 },
        dataset: {
          name: 'mnist',
          inputShape: [28, 28, 1],
          classNames: [],
          trainCount: 1,
          testCount: 1,
          countsPerClass: [],
          warnings: [],
          skipped: [],
        },
        sizes: { train: 160, validation: 40, test: 2000 },
        epochs: 4,
        batchesPerEpoch: 4,
        seed: 1,
        resumedFromEpoch: 3,
      },
    });
    expect(trainingStore.getState()).toMatchObject({ phase: 'running', progress: { epoch: 3, batch: 0, batchesPerEpoch: 4 } });
  });

  it('trains a run the page’s GPU trained in this page again, and leaves a host run to the host', async () => {
    const project = parseProject(structuredClone(mnistJson));
    for (const engine of ['page', undefined] as const) {
      const { api } = fakeApi(async () => ({
        runId: `run-${engine}`,
        project,
        fromEpoch: 2,
        history: [metrics(1)],
        ...(engine ? { engine } : {}),
      }));
      // The page asks the host for the run's job once it listens to the host's commands.
      const asked: string[] = [];
      Object.assign(api, {
        onPageTrainingCommand: () => () => undefined,
        pageTrainingJob: () => {
          asked.push(`run-${engine}`);
          return Promise.reject(new Error('No run is waiting to be trained in this page.'));
        },
      });
      expect(await continueRecordedRun(api, '/p/digits.nbproj', 4)).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(asked).toEqual(engine ? ['run-page'] : []);
      // A page that cannot take the run says why in the Train panel.
      if (engine) expect(trainingStore.getState().error).toMatch(/No run is waiting/);
    }
  });

  it('shows why a run cannot be continued, in the Train panel', async () => {
    const { api } = fakeApi(() =>
      Promise.reject(
        new Error('Run 3 is completed: it already trained to its end, so there is nothing to resume. Start a new run instead.'),
      ),
    );
    expect(await continueRecordedRun(api, '/p/digits.nbproj', 3)).toMatch(/nothing to resume/);
    expect(trainingStore.getState()).toMatchObject({ phase: 'idle', error: expect.stringMatching(/nothing to resume/) });
  });

  it('shows restored or undone training settings in the panel', () => {
    const project = parseProject(structuredClone(mnistJson));
    editorStore.getState().loadProject(project, '/p/digits.nbproj');
    trainingStore.setState({ form: formFromProject(project) });
    const older = parseProject(structuredClone(mnistJson));
    older.training = { ...older.training, learningRate: 0.05, batchSize: 8 };
    older.dataset = { kind: 'builtin', name: 'mnist', size: 400 };
    editorStore.getState().replaceGraphAndSettings(older);
    expect(trainingStore.getState().form).toMatchObject({ training: { learningRate: 0.05, batchSize: 8 }, dataset: { size: 400 } });
    editorStore.getState().undo();
    expect(trainingStore.getState().form?.training.learningRate).toBe(project.training.learningRate);
    expect(trainingStore.getState().form?.dataset).toEqual(project.dataset);
  });
});
