// The editor's clipboard: copied blocks are kept as blocks of the domain graph (type, parameters,
// place), with the connections between them, and pasted as new blocks with ids of their own.
import type { GraphEdge, GraphNode } from '../../../core/model/graph';
import { freshId } from './flow-graph';

/** Blocks copied, with the connections between them. */
export interface Clip {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** How far pasted and duplicated blocks land from the originals, right and down, so that they do not hide them. */
export const PASTE_OFFSET = 40;

/** The blocks `ids` of a graph, and the connections whose both ends are among them. */
export function copyOf(nodes: readonly GraphNode[], edges: readonly GraphEdge[], ids: ReadonlySet<string>): Clip {
  return {
    nodes: nodes.filter((n) => ids.has(n.id)).map((n) => structuredClone(n)),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ source: e.source, target: e.target })),
  };
}

/**
 * New blocks made from a clip: each with a fresh Keras-style id not in `taken` (nor given to another
 * copy), moved by `offset`, and outside the base it was copied from; the clip's connections follow the new ids.
 */
export function copiesOf(clip: Clip, taken: ReadonlySet<string>, offset = PASTE_OFFSET): Clip {
  const used = new Set(taken);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const id = freshId(n.type, used);
    used.add(id);
    rename.set(n.id, id);
    const position = n.position ?? { x: 0, y: 0 };
    const { group: _group, ...block } = structuredClone(n);
    return { ...block, id, position: { x: position.x + offset, y: position.y + offset } };
  });
  const edges = clip.edges
    .filter((e) => rename.has(e.source) && rename.has(e.target))
    .map((e) => ({ source: rename.get(e.source)!, target: rename.get(e.target)! }));
  return { nodes, edges };
}

/** The clip after a paste: moved along by `offset`, so that pasting again does not put the next copies on top of these. */
export function movedAlong(clip: Clip, offset = PASTE_OFFSET): Clip {
  return {
    ...clip,
    nodes: clip.nodes.map((n) => ({ ...n, position: { x: (n.position?.x ?? 0) + offset, y: (n.position?.y ?? 0) + offset } })),
  };
}
