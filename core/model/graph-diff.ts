// How one graph differs from another, as data the interface words in its own language: blocks
// added and removed, parameters changed, connections added and removed. Parameters are compared
// with their defaults filled in, so `units` left to its default and `units` typed as that same
// value are not a change. Browser-safe.
import { getBlock } from './blocks/index';
import type { Graph, GraphNode } from './graph';
import { resolveParams } from './params';

export type GraphChange =
  | { kind: 'added'; id: string; type: string }
  | { kind: 'removed'; id: string; type: string }
  | { kind: 'type'; id: string; before: string; after: string }
  | { kind: 'param'; id: string; type: string; param: string; before?: unknown; after?: unknown }
  | { kind: 'connected'; source: string; target: string }
  | { kind: 'disconnected'; source: string; target: string };

function effectiveParams(node: GraphNode): Record<string, unknown> {
  const block = getBlock(node.type);
  if (!block) return { ...node.params };
  // Unknown or invalid values are kept as written: the difference is still worth showing.
  const { values } = resolveParams(block.params, {});
  return { ...values, ...node.params };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What changed from `before` to `after`, blocks in the order of `before` then the new ones in the order of `after`. */
export function graphChanges(before: Graph, after: Graph): GraphChange[] {
  const changes: GraphChange[] = [];
  const afterById = new Map(after.nodes.map((n) => [n.id, n]));
  const beforeById = new Map(before.nodes.map((n) => [n.id, n]));
  for (const node of before.nodes) {
    const next = afterById.get(node.id);
    if (!next) {
      changes.push({ kind: 'removed', id: node.id, type: node.type });
      continue;
    }
    if (next.type !== node.type) {
      changes.push({ kind: 'type', id: node.id, before: node.type, after: next.type });
      continue;
    }
    const a = effectiveParams(node);
    const b = effectiveParams(next);
    for (const param of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      if (!same(a[param], b[param]))
        changes.push({ kind: 'param', id: node.id, type: node.type, param, before: a[param], after: b[param] });
    }
  }
  for (const node of after.nodes) if (!beforeById.has(node.id)) changes.push({ kind: 'added', id: node.id, type: node.type });
  const key = (e: { source: string; target: string }) => `${e.source}\u0000${e.target}`;
  const beforeEdges = new Set(before.edges.map(key));
  const afterEdges = new Set(after.edges.map(key));
  for (const e of before.edges) if (!afterEdges.has(key(e))) changes.push({ kind: 'disconnected', source: e.source, target: e.target });
  for (const e of after.edges) if (!beforeEdges.has(key(e))) changes.push({ kind: 'connected', source: e.source, target: e.target });
  return changes;
}

/** A parameter value as a person writes it: `64`, `relu`, `3×3`, `{"l2":0.01}`, or `—` when there is none. */
export function formatParamValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (Array.isArray(value) && value.every((v) => typeof v === 'number')) return value.join('×');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
