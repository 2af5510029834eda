import { beforeEach, describe, expect, it } from 'vitest';
import type { ModelInUse, NeuroblocksApi, RunInfo } from '../../../core/api/contract';
import { followRun, leaveUnrecordedModel, loadableRuns, loadRun, modelFor, modelStore, syncModel } from './model-store';

const run = (id: number, extra: Partial<RunInfo> = {}): RunInfo => ({
  id,
  status: 'completed',
  epochs: 1,
  backend: 'cpu',
  seed: 1,
  appVersion: '1',
  graphVersionId: 1,
  startedAt: '2026-11-23T07:00:00.000Z',
  hasBestCheckpoint: true,
  hasLastCheckpoint: true,
  ...extra,
});

const model = (extra: Partial<ModelInUse>): ModelInUse => ({ sessionId: 'x', inputShape: [28, 28, 1], ...extra });

/** A host that records which runs it was asked to load. */
function host(inUse: ModelInUse | undefined, runs: RunInfo[]) {
  const loaded: { location: string; runId: number }[] = [];
  const api = {
    getModelInUse: async () => inUse,
    listRuns: async () => runs,
    loadRunModel: async (request: { location: string; runId: number }) => {
      loaded.push(request);
      return model({
        sessionId: `run-${request.runId}`,
        location: request.location,
        recordedRunId: request.runId,
        checkpoint: 'last',
        epoch: 1,
      });
    },
    onEvaluationProgress: () => () => undefined,
  } as unknown as NeuroblocksApi;
  return { api, loaded };
}

beforeEach(() =>
  modelStore.setState({ inUse: undefined, known: false, runs: undefined, runsFor: undefined, loading: undefined, error: undefined }, false),
);

describe('the model Evaluate and Try it use', () => {
  it('offers the runs that ended with saved weights, newest first', () => {
    const runs = [
      run(1),
      run(2, { status: 'running' }),
      run(3, { hasBestCheckpoint: false, hasLastCheckpoint: false, status: 'failed' }),
      run(4, { status: 'stopped', hasBestCheckpoint: false }),
    ];
    expect(loadableRuns(runs).map((r) => r.id)).toEqual([4, 1]);
  });

  it('loads the newest run of a reopened project file when the host holds no model of it', async () => {
    const { api, loaded } = host(model({ location: '/p/other.nbproj', recordedRunId: 9 }), [run(1), run(2)]);
    await syncModel(api, '/p/digits.nbproj');
    expect(loaded).toEqual([{ location: '/p/digits.nbproj', runId: 2 }]);
    expect(modelStore.getState()).toMatchObject({
      inUse: { recordedRunId: 2, location: '/p/digits.nbproj' },
      runsFor: '/p/digits.nbproj',
      loading: undefined,
    });
    expect(modelStore.getState().runs?.map((r) => r.id)).toEqual([2, 1]);
  });

  it('after Restore, the restored run is loaded when Evaluate or Try it are next shown, even though the host holds another run of the file', async () => {
    const { api, loaded } = host(model({ location: '/p/digits.nbproj', recordedRunId: 2 }), [run(1), run(2)]);
    followRun('/p/digits.nbproj', 1);
    await syncModel(api, '/p/digits.nbproj');
    expect(loaded).toEqual([{ location: '/p/digits.nbproj', runId: 1 }]);
    expect(modelStore.getState()).toMatchObject({ inUse: { recordedRunId: 1 }, follow: undefined });
    // Once followed, the choice is the user's again: nothing is reloaded.
    const again = host(model({ location: '/p/digits.nbproj', recordedRunId: 1 }), [run(1), run(2)]);
    await syncModel(again.api, '/p/digits.nbproj');
    expect(again.loaded).toEqual([]);
  });

  it('keeps the model the host holds when it is one of this file’s runs, and loads nothing for project JSON files', async () => {
    const held = model({ location: '/p/digits.nbproj', recordedRunId: 1 });
    const first = host(held, [run(1), run(2)]);
    await syncModel(first.api, '/p/digits.nbproj');
    expect(first.loaded).toEqual([]);
    expect(modelStore.getState().inUse).toEqual(held);

    const second = host(model({}), []);
    await syncModel(second.api, '/p/digits.json');
    expect(second.loaded).toEqual([]);
    expect(modelStore.getState().runs).toBeUndefined();
  });

  it('shows a model only with its own project, or when it comes from no file', () => {
    const state = { known: true, inUse: model({ location: '/p/a.nbproj' }) };
    expect(modelFor(state, '/p/a.nbproj')).toBe(state.inUse);
    expect(modelFor(state, '/p/b.nbproj')).toBeUndefined();
    const unsaved = { known: true, inUse: model({}) };
    expect(modelFor(unsaved, '/p/b.json')).toBe(unsaved.inUse);
  });

  it('does not show a model of no file in the next project opened, but shows the next model trained', () => {
    modelStore.setState({ known: true, inUse: model({ sessionId: 'first' }) });
    leaveUnrecordedModel();
    expect(modelFor(modelStore.getState(), undefined)).toBeUndefined();
    modelStore.setState({ inUse: model({ sessionId: 'second' }) });
    expect(modelFor(modelStore.getState(), undefined)?.sessionId).toBe('second');
    modelStore.setState({ inUse: model({ sessionId: 'third', location: '/p/a.nbproj' }) });
    leaveUnrecordedModel();
    expect(modelFor(modelStore.getState(), '/p/a.nbproj')?.sessionId).toBe('third');
  });

  it('says why a run cannot be loaded, and keeps the model in use', async () => {
    const held = model({ location: '/p/digits.nbproj', recordedRunId: 1 });
    const api = {
      ...host(held, [run(1)]).api,
      loadRunModel: async () => {
        throw Object.assign(new Error('Run 2 of digits.nbproj has no saved weights.'), { code: 'no-checkpoint' });
      },
    } as unknown as NeuroblocksApi;
    modelStore.setState({ inUse: held, known: true });
    await loadRun(api, '/p/digits.nbproj', 2);
    expect(modelStore.getState()).toMatchObject({ inUse: held, error: 'Run 2 of digits.nbproj has no saved weights.', loading: undefined });
  });

  it('keeps the run asked for last when an earlier choice answers after it was made', async () => {
    const answers: ((model: ModelInUse) => void)[] = [];
    const api = {
      ...host(undefined, [run(3)]).api,
      loadRunModel: () => new Promise<ModelInUse>((resolve) => answers.push(resolve)),
    } as unknown as NeuroblocksApi;
    const best = loadRun(api, '/p/digits.nbproj', 3, 'best');
    const last = loadRun(api, '/p/digits.nbproj', 3, 'last');
    answers[0](model({ sessionId: 'best', location: '/p/digits.nbproj', recordedRunId: 3, checkpoint: 'best', epoch: 2 }));
    await best;
    expect(modelStore.getState()).toMatchObject({ inUse: undefined, loading: { runId: 3, checkpoint: 'last' } });
    answers[1](model({ sessionId: 'last', location: '/p/digits.nbproj', recordedRunId: 3, checkpoint: 'last', epoch: 4 }));
    await last;
    expect(modelStore.getState()).toMatchObject({ inUse: { sessionId: 'last', checkpoint: 'last' }, loading: undefined });
  });

  it('stops loading and shows the host’s model when a run of this session ended during the load', async () => {
    const session = model({ sessionId: 'session-run' });
    const api = {
      ...host(session, [run(1)]).api,
      loadRunModel: async () => {
        throw Object.assign(new Error('Another model was chosen while this run was loading.'), { code: 'model-replaced' });
      },
    } as unknown as NeuroblocksApi;
    await loadRun(api, '/p/digits.nbproj', 1);
    expect(modelStore.getState()).toMatchObject({ inUse: session, loading: undefined, error: undefined });
  });

  it('ignores the answer about a project that was left for another one', async () => {
    let answerFirst!: (runs: RunInfo[]) => void;
    const { api, loaded } = host(undefined, []);
    const slow = {
      ...api,
      listRuns: (location: string) =>
        location === '/p/first.nbproj' ? new Promise<RunInfo[]>((resolve) => (answerFirst = resolve)) : Promise.resolve([run(5)]),
    } as unknown as NeuroblocksApi;
    const first = syncModel(slow, '/p/first.nbproj');
    await syncModel(slow, '/p/second.nbproj');
    answerFirst([run(1), run(2)]);
    await first;
    expect(loaded).toEqual([{ location: '/p/second.nbproj', runId: 5 }]);
    expect(modelStore.getState()).toMatchObject({ runsFor: '/p/second.nbproj', inUse: { location: '/p/second.nbproj', recordedRunId: 5 } });
  });
});
