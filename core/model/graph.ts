/** A tensor shape without the batch dimension, e.g. [28, 28, 1]. */
export type Shape = number[];

export interface GraphNode {
  id: string;
  type: string;
  params: Record<string, unknown>;
  /** Editor layout only; it never changes the model. */
  position?: { x: number; y: number };
}

/** An edge feeds the source's output into the target. For merge blocks the order of edges is the order of inputs. */
export interface GraphEdge {
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Human-readable shape, e.g. `26×26×8`. */
export function formatShape(shape: Shape | undefined): string {
  if (!shape) return '?';
  return shape.join('×');
}

/** Keras-style shape with the batch dimension, e.g. `(None, 26, 26, 8)`. */
export function formatKerasShape(shape: Shape): string {
  return `(None, ${shape.join(', ')})`;
}
