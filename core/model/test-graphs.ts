// Graphs written in a line for tests.
import type { Graph, GraphNode, Shape } from './graph';
import type { ConformanceCase } from './block';

/** A chain of blocks, each fed by the one before: `chain(['in', 'Input', { shape: [4] }], ['out', 'Dense', { units: 2 }])`. */
export function chain(...nodes: [id: string, type: string, params?: Record<string, unknown>][]): Graph {
  return { nodes: graphOf(nodes, []).nodes, edges: chainEdges(...nodes.map(([id]) => id)) };
}

/** The connections of blocks one after another: `chainEdges('in', 'hidden', 'out')` is in → hidden → out. */
export function chainEdges(...ids: string[]): Graph['edges'] {
  return ids.slice(1).map((target, i) => ({ source: ids[i], target }));
}

/** A graph's blocks in order as `id:Type`, separated by spaces, to compare with the expected ones written in a line. */
export function blocksInLine(graph: Pick<Graph, 'nodes'>): string {
  return graph.nodes.map((n) => `${n.id}:${n.type}`).join(' ');
}

/**
 * The graph a block's conformance case is tested in: inputs `in0`, `in1`, … feeding the block, `b`,
 * in edge order. An Input alone is not a model: a linear Activation, `probe`, after it makes one
 * that outputs the Input unchanged; `probe` adds it after any other block too.
 */
export function conformanceGraph(type: string, c: ConformanceCase, probe = false): Graph {
  const probeNode = { id: 'probe', type: 'Activation', params: { activation: 'linear' } };
  if (type === 'Input') return { nodes: [{ id: 'b', type, params: c.params }, probeNode], edges: [{ source: 'b', target: 'probe' }] };
  const inputs = c.inputs.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape } }));
  const graph: Graph = {
    nodes: [...inputs, { id: 'b', type, params: c.params }],
    edges: inputs.map((n) => ({ source: n.id, target: 'b' })),
  };
  if (probe) {
    graph.nodes.push(probeNode);
    graph.edges.push({ source: 'b', target: 'probe' });
  }
  return graph;
}

/** Blocks and the connections between them: `graphOf([['in', 'Input', { shape: [4] }], ['a', 'Dense'], ['b', 'Dense']], [['in', 'a'], ['in', 'b']])`. */
export function graphOf(
  nodes: [id: string, type: string, params?: Record<string, unknown>][],
  edges: [source: string, target: string][],
): Graph {
  return {
    nodes: nodes.map(([id, type, params]) => ({ id, type, params: params ?? {} })),
    edges: edges.map(([source, target]) => ({ source, target })),
  };
}

/** Two Inputs, `a` and `b`, of the shapes given, joined by a Concatenate, `join`, into a softmax Dense of 2 units, `out`. */
export function twoInputsJoined(a: Shape, b: Shape): Graph {
  return graphOf(
    [
      ['a', 'Input', { shape: a }],
      ['b', 'Input', { shape: b }],
      ['join', 'Concatenate'],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    ],
    [
      ['a', 'join'],
      ['b', 'join'],
      ['join', 'out'],
    ],
  );
}

/**
 * One Dense per input shape (`pre0`, `pre1`, …), as wide as the shape's last axis, with a sigmoid: a
 * trainable layer in front of a block that keeps the block's input shapes, so that a training step
 * must send gradients through the block to reach it.
 */
export function denseBefore(inputs: Shape[]): GraphNode[] {
  return inputs.map((shape, i) => ({ id: `pre${i}`, type: 'Dense', params: { units: shape[shape.length - 1], activation: 'sigmoid' } }));
}
