import type { Project } from '../model/project';
import type { EpochMetrics, RunDetails, RunSummary } from './types';

/** One setting that differs between the compared runs, with each run's value (in the order given). */
export interface SettingDifference {
  key: string;
  values: unknown[];
}

export interface RunComparison {
  runs: RunSummary[];
  /** Training settings, backend, device, seed and data set that differ; identical ones are left out. */
  settings: SettingDifference[];
  /** Differences of each run's graph from the first run's graph, in words (e.g. "c1.filters: 8 → 16"). */
  graphChanges: string[][];
  /** Per-epoch metrics of each run, for plotting them together. */
  epochs: EpochMetrics[][];
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, value);
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function describe(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

/** Differences of `other`'s graph from `base`'s: nodes added or removed, parameters changed, edges changed. */
export function graphDifferences(base: Project, other: Project): string[] {
  const changes: string[] = [];
  const baseNodes = new Map(base.graph.nodes.map((n) => [n.id, n]));
  const otherNodes = new Map(other.graph.nodes.map((n) => [n.id, n]));
  for (const [id, node] of baseNodes) if (!otherNodes.has(id)) changes.push(`removed ${id} (${node.type})`);
  for (const [id, node] of otherNodes) {
    const before = baseNodes.get(id);
    if (!before) {
      changes.push(`added ${id} (${node.type})`);
      continue;
    }
    if (before.type !== node.type) changes.push(`${id}: type ${before.type} → ${node.type}`);
    const keys = new Set([...Object.keys(before.params), ...Object.keys(node.params)]);
    for (const key of [...keys].sort())
      if (!same(before.params[key], node.params[key]))
        changes.push(`${id}.${key}: ${describe(before.params[key])} → ${describe(node.params[key])}`);
  }
  const edgeKey = (e: { source: string; target: string }) => `${e.source} → ${e.target}`;
  const baseEdges = new Set(base.graph.edges.map(edgeKey));
  const otherEdges = new Set(other.graph.edges.map(edgeKey));
  for (const e of baseEdges) if (!otherEdges.has(e)) changes.push(`removed edge ${e}`);
  for (const e of otherEdges) if (!baseEdges.has(e)) changes.push(`added edge ${e}`);
  return changes;
}

export function compareRuns(details: RunDetails[]): RunComparison {
  const flat = details.map((run) => {
    const out = new Map<string, unknown>();
    flatten(run.training, 'training', out);
    out.set('backend', run.backend);
    out.set('device', run.device);
    out.set('seed', run.seed);
    out.set('dataset', run.datasetHash);
    out.set('appVersion', run.appVersion);
    return out;
  });
  const keys = [...new Set(flat.flatMap((m) => [...m.keys()]))];
  const settings = keys
    .map((key) => ({ key, values: flat.map((m) => m.get(key)) }))
    .filter(({ values }) => values.some((v) => !same(v, values[0])));
  return {
    runs: details.map(
      ({ training: _t, project: _p, dataset: _d, epochMetrics: _e, best: _b, last: _l, evaluations: _v, exports: _x, ...summary }) =>
        summary,
    ),
    settings,
    graphChanges: details.map((run) => (details.length ? graphDifferences(details[0].project, run.project) : [])),
    epochs: details.map((run) => run.epochMetrics),
  };
}
