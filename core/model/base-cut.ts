// Where a trained network is cut to reuse it as a pretrained base: by default just before its
// classifier. Browser-safe.
import { analyzeGraph } from './analyze';
import type { Graph } from './graph';

const FLATTENING = new Set(['Flatten', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D']);

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

/**
 * The block a base is cut after, by default: the one before the classifier, i.e. before the first
 * Dense after the last Flatten or global pooling, or else before the last Dense. Undefined when the
 * network has no Dense with a block before it (the user then chooses).
 */
export function defaultBaseCut(graph: Graph): string | undefined {
  const { order } = analyzeGraph(graph);
  const typeOf = new Map(graph.nodes.map((n) => [n.id, n.type]));
  const lastFlattening = lastIndex(order, (id) => FLATTENING.has(typeOf.get(id) ?? ''));
  const firstDenseAfter = lastFlattening >= 0 ? order.findIndex((id, i) => i > lastFlattening && typeOf.get(id) === 'Dense') : -1;
  const classifier = firstDenseAfter >= 0 ? firstDenseAfter : lastIndex(order, (id) => typeOf.get(id) === 'Dense');
  if (classifier < 0) return undefined;
  const before = graph.edges.find((e) => e.target === order[classifier])?.source;
  return before && typeOf.get(before) !== 'Input' ? before : undefined;
}

/** The blocks a base can be cut after: every block but the Input, in graph order. */
export function baseCutChoices(graph: Graph): string[] {
  const typeOf = new Map(graph.nodes.map((n) => [n.id, n.type]));
  return analyzeGraph(graph).order.filter((id) => typeOf.get(id) !== 'Input');
}
