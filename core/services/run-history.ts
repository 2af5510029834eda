// The run history of a project file behind the API: snapshots of runs, side-by-side comparison,
// deletion. Runs on the Node side with an open ProjectStore.
import { engineOfBackend, engineTitle, UserFacingError, type RunComparisonInfo, type RunSnapshot } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { analyzeGraph } from '../model/analyze';
import { graphChanges } from '../model/graph-diff';
import type { ProjectStore } from '../store/index';

export function checkedRunId(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    throw new UserFacingError(problem('store:runId', { value: String(JSON.stringify(value)) }), 'bad-request');
  return value;
}

export function runSnapshot(store: ProjectStore, runId: number): RunSnapshot {
  const {
    project: stored,
    dataset: _dataset,
    epochMetrics: _epochs,
    best: _best,
    last: _last,
    evaluations,
    exports: _exports,
    ...run
  } = store.getRun(checkedRunId(runId));
  const project = { ...stored, training: run.training };
  const analysis = analyzeGraph(project.graph, { loss: project.training.loss });
  const params = analysis.errors.length
    ? undefined
    : { total: analysis.totalParams, trainable: analysis.trainableParams, nonTrainable: analysis.nonTrainableParams };
  const testAccuracy = evaluations.filter((e) => e.testAccuracy !== undefined).at(-1)?.testAccuracy;
  return { ...run, project, ...(params ? { params } : {}), ...(testAccuracy !== undefined ? { testAccuracy } : {}) };
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, `${prefix}.${key}`, out);
  } else {
    out.set(prefix, value);
  }
}

function settingsOf(run: RunSnapshot): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (run.project.dataset) flatten(run.project.dataset, 'dataset', out);
  flatten(run.training, 'training', out);
  out.set('engine', engineTitle[engineOfBackend(run.backend)]);
  out.set('backend', run.backend);
  out.set('device', run.device);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Two runs side by side, the older first, with every setting of either and what changed in the graph. */
export function compareTwoRuns(store: ProjectStore, runIds: unknown): RunComparisonInfo {
  if (!Array.isArray(runIds) || runIds.length !== 2) throw new UserFacingError(problem('store:compareTwo', {}), 'bad-request');
  const [a, b] = runIds.map(checkedRunId).sort((x, y) => x - y);
  if (a === b) throw new UserFacingError(problem('store:compareDifferent', {}), 'bad-request');
  const runs: [RunSnapshot, RunSnapshot] = [runSnapshot(store, a), runSnapshot(store, b)];
  const [first, second] = runs.map(settingsOf);
  const keys = [...new Set([...first.keys(), ...second.keys()])];
  return {
    runs,
    settings: keys.map((key) => {
      const values: [unknown, unknown] = [first.get(key), second.get(key)];
      return { key, values, differs: !same(values[0], values[1]) };
    }),
    graphChanges: graphChanges(runs[0].project.graph, runs[1].project.graph),
  };
}

/** Deletes a run and its checkpoints, refusing one that is training right now. */
export function deleteRecordedRun(store: ProjectStore, runId: number): void {
  const id = checkedRunId(runId);
  const run = store.listRuns().find((r) => r.id === id);
  if (!run) throw new UserFacingError(problem('store:runGone', { runId: id }), 'not-found');
  if (run.status === 'running') throw new UserFacingError(problem('store:deleteRunning', { runId: id }), 'busy');
  store.deleteRun(id);
}
