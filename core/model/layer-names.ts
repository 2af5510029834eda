// Block ids become layer names in TensorFlow.js and in every export, and TensorFlow.js accepts only
// names that start with a letter or a digit and go on with letters, digits, `_`, `-`, `.` and `/`
// (unaccented letters only). Browser-safe.
import type { Graph } from './graph';

const LAYER_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export function isValidLayerName(id: string): boolean {
  return LAYER_NAME.test(id);
}

/** A valid layer name close to `id` that is not in `taken`: accents dropped, other characters turned into `_`. */
export function layerNameFor(id: string, taken: ReadonlySet<string>): string {
  let base = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^-A-Za-z0-9._/]+/g, '_')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/_+$/, '');
  if (!base) base = 'block';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/**
 * The graph with every block id that is not a valid layer name replaced by one close to it
 * (connections follow), and the ids it replaced. The graph itself is returned when all are valid.
 */
export function withValidLayerNames(graph: Graph): { graph: Graph; renamed: Map<string, string> } {
  const renamed = new Map<string, string>();
  if (graph.nodes.every((n) => isValidLayerName(n.id))) return { graph, renamed };
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (const node of graph.nodes) {
    if (isValidLayerName(node.id) || renamed.has(node.id)) continue;
    const name = layerNameFor(node.id, taken);
    taken.add(name);
    renamed.set(node.id, name);
  }
  const rename = (id: string) => renamed.get(id) ?? id;
  return {
    graph: {
      ...graph,
      nodes: graph.nodes.map((n) => (renamed.has(n.id) ? { ...n, id: rename(n.id) } : n)),
      edges: graph.edges.map((e) =>
        renamed.has(e.source) || renamed.has(e.target) ? { ...e, source: rename(e.source), target: rename(e.target) } : e,
      ),
    },
    renamed,
  };
}
