import { getBlock } from '../../../core/model/blocks/index';
import type { GraphEdge, GraphNode } from '../../../core/model/graph';

/** Why a connection is refused, as an i18n key with its values. */
export interface Refusal {
  key:
    | 'ui-editor:connect.self'
    | 'ui-editor:connect.intoInput'
    | 'ui-editor:connect.duplicate'
    | 'ui-editor:connect.cycle'
    | 'ui-editor:connect.singleInput'
    | 'ui-editor:connect.tooMany'
    | 'ui-editor:connect.unknown';
  values: Record<string, string | number>;
}

/** Checks a connection source → target against the graph: no loops, no edge into an Input, no extra input into a single-input block. */
export function checkConnection(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  source: string,
  target: string,
): Refusal | undefined {
  const sourceNode = nodes.find((n) => n.id === source);
  const targetNode = nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return { key: 'ui-editor:connect.unknown', values: {} };
  if (source === target) return { key: 'ui-editor:connect.self', values: { block: targetNode.type } };
  const block = getBlock(targetNode.type);
  if (targetNode.type === 'Input' || block?.inputs.max === 0)
    return { key: 'ui-editor:connect.intoInput', values: { block: targetNode.type } };
  if (edges.some((e) => e.source === source && e.target === target))
    return { key: 'ui-editor:connect.duplicate', values: { from: sourceNode.type, to: targetNode.type } };
  const incoming = edges.filter((e) => e.target === target).length;
  const max = block?.inputs.max ?? 1;
  if (incoming >= max) {
    return max === 1
      ? { key: 'ui-editor:connect.singleInput', values: { block: targetNode.type } }
      : { key: 'ui-editor:connect.tooMany', values: { block: targetNode.type, max } };
  }
  if (reaches(edges, target, source)) return { key: 'ui-editor:connect.cycle', values: { from: sourceNode.type, to: targetNode.type } };
  return undefined;
}

/** True when `to` can be reached from `from` by following edges. */
function reaches(edges: readonly GraphEdge[], from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}
