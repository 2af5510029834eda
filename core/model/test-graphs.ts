// Graphs written in a line for tests.
import type { Graph } from './graph';

/** A chain of blocks, each fed by the one before: `chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 2 }])`. */
export function chain(...nodes: [id: string, type: string, params?: Record<string, unknown>][]): Graph {
  return {
    nodes: nodes.map(([id, type, params]) => ({ id, type, params: params ?? {} })),
    edges: nodes.slice(1).map(([id], i) => ({ source: nodes[i][0], target: id })),
  };
}
