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
  return {
    id: edgeId(edge.source, edge.target),
    source: edge.source,
    target: edge.target,
    type: 'shape',
    selected,
    ariaLabel: `${edge.source} → ${edge.target}`,
  };
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

export interface Size {
  width: number;
  height: number;
}

/**
 * What the editor keeps beside the graph, for drawing only: never saved, never undone. Selection
 * and measured sizes are by id (a block's, a connection's `source->target`, or a base block's).
 */
export interface EditorView {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  /** The sizes React Flow measured, by the id of what it drew. */
  measured: Readonly<Record<string, Size>>;
}

export const emptyView = (): EditorView => ({ selectedNodes: new Set(), selectedEdges: new Set(), measured: {} });

/** React Flow's node for a block of the graph: its params are the graph's own (never edited in place). */
function flowNodeOf(node: GraphNode, selected: boolean, measured: Size | undefined): BlockFlowNode {
  return {
    id: node.id,
    type: 'block',
    position: node.position ? { ...node.position } : { x: 0, y: 0 },
    data: { blockType: node.type, params: node.params, ...(node.group ? { group: node.group } : {}) },
    ariaLabel: `${node.type} ${node.id}`,
    selected,
    ...(measured ? { measured } : {}),
  };
}

/**
 * A memoised selector of React Flow's nodes and edges from the graph and the view. A node that
 * did not change (same graph node, same selection, same measured size) keeps its identity, so
 * that React Flow does not draw it again; with the same graph and view the arrays are the same too.
 */
export function flowSelector(): (graph: Graph, view: EditorView) => { nodes: BlockFlowNode[]; edges: ShapeFlowEdge[] } {
  let nodeCache = new Map<string, { node: GraphNode; selected: boolean; measured: Size | undefined; flow: BlockFlowNode }>();
  let edgeCache = new Map<string, { edge: GraphEdge; selected: boolean; flow: ShapeFlowEdge }>();
  let last:
    | {
        nodes: readonly GraphNode[];
        edges: readonly GraphEdge[];
        view: EditorView;
        result: { nodes: BlockFlowNode[]; edges: ShapeFlowEdge[] };
      }
    | undefined;
  return (graph, view) => {
    if (
      last &&
      last.nodes === graph.nodes &&
      last.edges === graph.edges &&
      last.view.selectedNodes === view.selectedNodes &&
      last.view.selectedEdges === view.selectedEdges &&
      last.view.measured === view.measured
    )
      return last.result;
    const nodesKept = new Map<string, { node: GraphNode; selected: boolean; measured: Size | undefined; flow: BlockFlowNode }>();
    const nodes = graph.nodes.map((node) => {
      const selected = view.selectedNodes.has(node.id);
      const measured = view.measured[node.id];
      const cached = nodeCache.get(node.id);
      const entry =
        cached && cached.node === node && cached.selected === selected && cached.measured === measured
          ? cached
          : { node, selected, measured, flow: flowNodeOf(node, selected, measured) };
      nodesKept.set(node.id, entry);
      return entry.flow;
    });
    const edgesKept = new Map<string, { edge: GraphEdge; selected: boolean; flow: ShapeFlowEdge }>();
    const edges = graph.edges.map((edge) => {
      const id = edgeId(edge.source, edge.target);
      const selected = view.selectedEdges.has(id);
      const cached = edgeCache.get(id);
      const entry =
        cached && cached.edge === edge && cached.selected === selected ? cached : { edge, selected, flow: toFlowEdge(edge, selected) };
      edgesKept.set(id, entry);
      return entry.flow;
    });
    const previous = last?.result;
    // Only a move, a selection or a measure: the arrays stay when every element did.
    const result = {
      nodes: previous && previous.nodes.length === nodes.length && nodes.every((n, i) => n === previous.nodes[i]) ? previous.nodes : nodes,
      edges: previous && previous.edges.length === edges.length && edges.every((e, i) => e === previous.edges[i]) ? previous.edges : edges,
    };
    nodeCache = nodesKept;
    edgeCache = edgesKept;
    last = { nodes: graph.nodes, edges: graph.edges, view, result };
    return result;
  };
}
