import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainingUpdate } from '../api/contract';
import { graphChanges } from '../model/graph-diff';
import { ProjectStore } from '../store/index';
import { denseWeights, epochMetrics, mlpProject } from '../store/test-helpers';
import { tempDirPerTest } from '../store/test-dir';
import { NeuroblocksService } from './services';

let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-run-history-');

const service = () => new NeuroblocksService({ host: 'web', configDir: path.join(dir, 'config'), projectsDir: dir, version: '9.9.9' });

const base = mlpProject({
  name: 'Spirals',
  hiddenUnits: 8,
  dataset: { kind: 'builtin', name: 'spirals', size: 120 },
  training: { optimizer: 'adam', learningRate: 0.01, epochs: 3, batchSize: 16, seed: 7 },
});
const wider = mlpProject({
  name: 'Spirals',
  hiddenUnits: 16,
  activation: 'tanh',
  dataset: { kind: 'builtin', name: 'spirals', size: 120 },
  training: { optimizer: 'sgd', learningRate: 0.1, epochs: 3, batchSize: 16, seed: 7 },
});

/** Records a run of `project` that ended after `epochs` epochs with a checkpoint of the last one, as training does. */
function recordRun(store: ProjectStore, project: typeof base, epochs: number, status: 'completed' | 'stopped', hidden = 8): number {
  const id = store.startRun({ project, backend: 'cpu', device: 'CPU (test)' });
  for (let e = 1; e <= epochs; e++) store.recordEpoch(id, epochMetrics(e));
  store.saveCheckpoint(id, { epoch: epochs, weights: denseWeights([2, hidden, 2], epochs), best: true });
  if (status === 'completed') store.recordEvaluation(id, { checkpoint: 'best', samples: 24, testLoss: 0.4, testAccuracy: 0.875 });
  store.finishRun(id, status);
  return id;
}

function fileWithTwoRuns(): { location: string; first: number; second: number } {
  const location = path.join(dir, 'spirals.nbproj');
  const store = ProjectStore.create(location, base);
  try {
    const first = recordRun(store, base, 3, 'completed');
    const withDropout = {
      nodes: [...wider.graph.nodes, { id: 'drop', type: 'Dropout', params: { rate: 0.3 } }],
      edges: [
        { source: 'in', target: 'h' },
        { source: 'h', target: 'drop' },
        { source: 'drop', target: 'out' },
      ],
    };
    const second = recordRun(store, { ...wider, graph: withDropout }, 2, 'stopped', 16);
    return { location, first, second };
  } finally {
    store.close();
  }
}

describe('graph changes', () => {
  it('names blocks added and removed, parameters changed with defaults filled in, and connections', () => {
    const before = base.graph;
    const after = {
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [2] } },
        // `useBias: true` is Dense's default: not a change.
        { id: 'h', type: 'Dense', params: { units: 64, activation: 'relu', useBias: true } },
        { id: 'drop', type: 'Dropout', params: { rate: 0.5 } },
        { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' } },
      ],
      edges: [
        { source: 'in', target: 'h' },
        { source: 'h', target: 'drop' },
        { source: 'drop', target: 'out' },
      ],
    };
    expect(graphChanges(before, after)).toEqual([
      { kind: 'param', id: 'h', type: 'Dense', param: 'units', before: 8, after: 64 },
      { kind: 'added', id: 'drop', type: 'Dropout' },
      { kind: 'disconnected', source: 'h', target: 'out' },
      { kind: 'connected', source: 'h', target: 'drop' },
      { kind: 'connected', source: 'drop', target: 'out' },
    ]);
    expect(graphChanges(after, before)).toContainEqual({ kind: 'removed', id: 'drop', type: 'Dropout' });
    expect(graphChanges(before, before)).toEqual([]);
  });
});

describe('run history through the API', () => {
  it('compares two runs: every setting with what differs, the graph changes and both parameter counts', async () => {
    const { location, first, second } = fileWithTwoRuns();
    // Given newest first, the comparison still puts the older run first.
    const comparison = await service().compareRuns(location, [second, first]);
    expect(comparison.runs.map((r) => r.id)).toEqual([first, second]);
    expect(comparison.runs[0]).toMatchObject({
      status: 'completed',
      epochs: 3,
      testAccuracy: 0.875,
      params: { total: 2 * 8 + 8 + 8 * 2 + 2, trainable: 42, nonTrainable: 0 },
    });
    expect(comparison.runs[1]).toMatchObject({ status: 'stopped', epochs: 2, params: { total: 2 * 16 + 16 + 16 * 2 + 2 } });
    expect(comparison.runs[1].testAccuracy).toBeUndefined();
    const row = (key: string) => comparison.settings.find((s) => s.key === key);
    expect(row('training.optimizer')).toEqual({ key: 'training.optimizer', values: ['adam', 'sgd'], differs: true });
    expect(row('training.learningRate')).toEqual({ key: 'training.learningRate', values: [0.01, 0.1], differs: true });
    expect(row('training.batchSize')).toEqual({ key: 'training.batchSize', values: [16, 16], differs: false });
    expect(row('dataset.size')).toEqual({ key: 'dataset.size', values: [120, 120], differs: false });
    expect(row('backend')).toMatchObject({ values: ['cpu', 'cpu'], differs: false });
    expect(row('engine')).toMatchObject({ values: ['TensorFlow.js', 'TensorFlow.js'], differs: false });
    expect(comparison.graphChanges).toEqual([
      { kind: 'param', id: 'h', type: 'Dense', param: 'units', before: 8, after: 16 },
      { kind: 'param', id: 'h', type: 'Dense', param: 'activation', before: 'relu', after: 'tanh' },
      { kind: 'added', id: 'drop', type: 'Dropout' },
      { kind: 'disconnected', source: 'h', target: 'out' },
      { kind: 'connected', source: 'h', target: 'drop' },
      { kind: 'connected', source: 'drop', target: 'out' },
    ]);
  });

  it('refuses to compare anything but two different runs of a project file', async () => {
    const { location, first } = fileWithTwoRuns();
    const api = service();
    await expect(api.compareRuns(location, [first])).rejects.toMatchObject({
      code: 'bad-request',
      message: 'Choose exactly two runs to compare.',
      fr: 'Choisissez exactement deux entraînements à comparer.',
      problem: { code: 'store:compareTwo' },
    });
    await expect(api.compareRuns(location, [first, first])).rejects.toMatchObject({ code: 'bad-request' });
    await expect(api.compareRuns(location, [first, 99])).rejects.toMatchObject({
      message: 'Run 99 does not exist in this project.',
      problem: { code: 'store:runNotFound', params: { runId: 99 } },
    });
    await expect(api.compareRuns(path.join(dir, 'a.json'), [1, 2])).rejects.toMatchObject({ code: 'no-runs' });
  });

  it('gives a run with the project it trained, to restore its graph and settings', async () => {
    const { location, second } = fileWithTwoRuns();
    const snapshot = await service().getRunSnapshot(location, second);
    expect(snapshot.id).toBe(second);
    expect(snapshot.project.graph.nodes.map((n) => n.id)).toEqual(['in', 'h', 'out', 'drop']);
    expect(snapshot.project.training).toMatchObject({ optimizer: 'sgd', learningRate: 0.1 });
    expect(snapshot.project.dataset).toEqual({ kind: 'builtin', name: 'spirals', size: 120 });
  });

  it('deletes a run with its checkpoints, and refuses a run that is training', async () => {
    const { location, first, second } = fileWithTwoRuns();
    const api = service();
    await api.deleteRun(location, first);
    expect((await api.listRuns(location)).map((r) => r.id)).toEqual([second]);
    const store = ProjectStore.open(location, { readOnly: true });
    try {
      expect(store.connection.prepare('SELECT count(*) FROM checkpoints WHERE run_id = ?').pluck().get(first)).toBe(0);
      expect(store.connection.prepare('SELECT count(*) FROM checkpoints').pluck().get()).toBe(1);
    } finally {
      store.close();
    }
    await expect(api.deleteRun(location, first)).rejects.toMatchObject({ code: 'not-found' });

    // A run this process is recording reads "running": it stays.
    const writer = ProjectStore.open(location);
    const running = writer.startRun({ project: base, backend: 'cpu' });
    try {
      await expect(api.deleteRun(location, running)).rejects.toMatchObject({
        code: 'busy',
        message: expect.stringContaining('Stop it first'),
      });
      expect((await api.listRuns(location)).map((r) => r.id)).toContain(running);
    } finally {
      writer.finishRun(running, 'stopped');
      writer.close();
    }
  });

  it('continues a stopped run from its last checkpoint into the same run, training for real', async () => {
    const { location, first, second } = fileWithTwoRuns();
    const api = service();
    await expect(api.continueRun(location, first)).rejects.toMatchObject({ message: expect.stringContaining('nothing to resume') });
    const updates: TrainingUpdate[] = [];
    const ended = new Promise<void>((resolve) =>
      api.onTrainingEvent((u) => {
        updates.push(u);
        if (u.event.type === 'final') resolve();
      }),
    );
    const continued = await api.continueRun(location, second);
    expect(continued).toMatchObject({ fromEpoch: 3, history: [{ epoch: 1 }, { epoch: 2 }] });
    expect(continued.project.graph.nodes.map((n) => n.id)).toContain('drop');
    await expect(api.continueRun(location, second)).rejects.toMatchObject({ code: 'busy' });
    await ended;
    expect(updates.at(-1)!.event).toMatchObject({ type: 'final', state: 'completed', epochsCompleted: 3 });
    expect(updates.every((u) => u.sessionId === continued.sessionId)).toBe(true);
    expect(updates[0].event).toMatchObject({ type: 'started', epochs: 3, resumedFromEpoch: 3 });
    expect(updates.filter((u) => u.event.type === 'epoch').map((u) => (u.event as { epoch: number }).epoch)).toEqual([3]);
    expect(updates.at(-1)!.event).toMatchObject({ type: 'final', state: 'completed', epochsCompleted: 3 });
    let run = (await api.listRuns(location)).find((r) => r.id === second)!;
    for (let i = 0; i < 50 && run.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      run = (await api.listRuns(location)).find((r) => r.id === second)!;
    }
    expect(run).toMatchObject({ status: 'completed', epochs: 3 });
    // The model it ended with can be tried at once.
    expect((await api.predict([0.1, 0.2])).probabilities).toHaveLength(2);
  });

  it('continues a run cut short by a crash (interrupted), and says why a run without a checkpoint cannot go on', async () => {
    const location = path.join(dir, 'crashed.nbproj');
    const store = ProjectStore.create(location, base);
    const crashed = store.startRun({ project: base, backend: 'cpu' });
    store.recordEpoch(crashed, epochMetrics(1));
    store.saveCheckpoint(crashed, { epoch: 1, weights: denseWeights([2, 8, 2], 1) });
    const early = store.startRun({ project: base, backend: 'cpu' });
    // Both runs' process is gone, as after a crash.
    store.connection.prepare('UPDATE runs SET owner_pid = 2147483646').run();
    store.close();
    const api = service();
    expect((await api.listRuns(location)).map((r) => r.status)).toEqual(['interrupted', 'interrupted']);
    await expect(api.continueRun(location, early)).rejects.toMatchObject({ message: expect.stringContaining('it has no checkpoint') });
    const ended = new Promise<TrainingUpdate['event']>((resolve) =>
      api.onTrainingEvent((u) => u.event.type === 'final' && resolve(u.event)),
    );
    const continued = await api.continueRun(location, crashed);
    expect(continued.fromEpoch).toBe(2);
    expect(await ended).toMatchObject({ state: 'completed', epochsCompleted: 3 });
  });
});
