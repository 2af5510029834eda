import type { Edge, Node } from '@xyflow/react';
import type { Graph, GraphEdge, GraphNode, NodeGroup } from '../../../core/model/graph';

/** What a block node carries in React Flow: its Keras type and its parameters as written in the project. */
export interface BlockData extends Record<string, unknown> {
  blockType: string;
  params: Record<string, unknown>;
  /** The base group (a pretrained network) the block belongs to, if any. */
  group?: string;
}

export type BlockFlowNode = Node<BlockData, 'block'>;
/** A connection; drawn to a collapsed base block, it remembers the block whose output it carries (`from`). */
export type ShapeFlowEdge = Edge<{ from?: string }, 'shape'>;

export const edgeId = (source: string, target: string): string => `${source}->${target}`;

export function toFlowNode(node: GraphNode, selected = false): BlockFlowNode {
  return {
    id: node.id,
    type: 'block',
    position: node.position ? { ...node.position } : { x: 0, y: 0 },
    data: { blockType: node.type, params: structuredClone(node.params ?? {}), ...(node.group ? { group: node.group } : {}) },
    // What a screen reader announces when the block takes the focus; block type and id read the same in every language.
    ariaLabel: `${node.type} ${node.id}`,
    selected,
  };
}

export function toFlowEdge(edge: GraphEdge, selected = false): ShapeFlowEdge {
  return { id: edgeId(edge.source, edge.target), source: edge.source, target: edge.target, type: 'shape', selected, ariaLabel: `${edge.source} → ${edge.target}` };
}

export function toGraphNode(node: BlockFlowNode): GraphNode {
  return {
    id: node.id,
    type: node.data.blockType,
    params: structuredClone(node.data.params),
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
    ...(node.data.group ? { group: node.data.group } : {}),
  };
}

/** The domain graph of the editor's nodes and edges, with the base groups that still have blocks. */
export function toGraph(nodes: readonly BlockFlowNode[], edges: readonly ShapeFlowEdge[], groups: readonly NodeGroup[] = []): Graph {
  const used = new Set(nodes.map((n) => n.data.group).filter(Boolean));
  const kept = groups.filter((g) => used.has(g.id));
  return {
    nodes: nodes.map(toGraphNode),
    edges: edges.map((e) => ({ source: e.source, target: e.target })),
    ...(kept.length ? { groups: structuredClone(kept) } : {}),
  };
}

/** A fresh id for a block of the given type, Keras-style (`conv2d_2`), not used by any node yet. */
export function freshId(type: string, taken: ReadonlySet<string>): string {
  const base = type.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  for (let i = 1; ; i++) {
    const id = `${base}_${i}`;
    if (!taken.has(id)) return id;
  }
}
