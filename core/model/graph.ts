/** A tensor shape without the batch dimension, e.g. [28, 28, 1]. */
export type Shape = number[];

export interface GraphNode {
  id: string;
  type: string;
  params: Record<string, unknown>;
  /** Editor layout only; it never changes the model. */
  position?: { x: number; y: number };
  /** The base group (a pretrained network put into the project) this block belongs to, by the group's id. */
  group?: string;
}

/**
 * Blocks that came in together as a pretrained base: drawn as one block on the canvas while
 * collapsed. Grouping never changes the model; each block keeps its own parameters.
 */
export interface NodeGroup {
  id: string;
  name: string;
  /** Where the base came from, in words: "run 3 of Digits 0–4", "resnet18.onnx". */
  source?: string;
  /** Drawn as one block (the default) or with its blocks shown. */
  collapsed?: boolean;
}

/** An edge feeds the source's output into the target. For merge blocks the order of edges is the order of inputs. */
export interface GraphEdge {
  source: string;
  target: string;
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  groups?: NodeGroup[];
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
