// Graphs written in a line for tests.
import type { Graph, GraphNode, Shape } from './graph';

/** A chain of blocks, each fed by the one before: `chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 2 }])`. */
export function chain(...nodes: [id: string, type: string, params?: Record<string, unknown>][]): Graph {
  return {
    nodes: nodes.map(([id, type, params]) => ({ id, type, params: params ?? {} })),
    edges: nodes.slice(1).map(([id], i) => ({ source: nodes[i][0], target: id })),
  };
}

/**
 * One Dense per input shape (`pre0`, `pre1`, …), as wide as the shape's last axis, with a sigmoid: a
 * trainable layer in front of a block that keeps the block's input shapes, so that a training step
 * must send gradients through the block to reach it.
 */
export function denseBefore(inputs: Shape[]): GraphNode[] {
  return inputs.map((shape, i) => ({ id: `pre${i}`, type: 'Dense', params: { units: shape[shape.length - 1], activation: 'sigmoid' } }));
}
