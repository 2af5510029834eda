import { problem } from '../i18n/catalogue';
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../model/block';
import { getBlock } from '../model/blocks/index';
import { analyzeGraph, type GraphAnalysis } from '../model/analyze';
import type { Graph } from '../model/graph';
import { issue } from '../model/issues';
import { GraphError } from './errors';

export interface CompileOptions {
  /** Seeds weight initialisation and augmentation draws, so that a run can be replayed. */
  seed?: number;
}

/**
 * Builds the functional tf.js model of a graph: one layer per block, named by the block id,
 * merge blocks fed in the order of their incoming edges in `graph.edges`. Inputs are the Input
 * blocks and outputs the sinks, in topological order. Throws GraphError when the graph is invalid.
 */
export function compileGraph(tf: Tf, graph: Graph, options: CompileOptions = {}): tfjs.LayersModel {
  const analysis = analyzeGraph(graph);
  if (!analysis.valid) throw new GraphError(analysis.errors);
  if (analysis.outputs.length === 0) throw new GraphError([issue('error', 'no-output', problem('graph:modelNoOutput', {}))]);

  const sources = incomingSources(graph, analysis);
  const tensors = new Map<string, tfjs.SymbolicTensor>();
  for (const id of analysis.order) {
    const node = analysis.nodes[id];
    if (node.type === 'Input') {
      tensors.set(id, tf.input({ shape: node.outputShape!, name: id }));
      continue;
    }
    const block = getBlock(node.type)!;
    const layer = block.build({ tf, params: node.params, name: id, inputShapes: node.inputShapes, seed: options.seed });
    const inputs = sources.get(id)!.map((s) => tensors.get(s)!);
    tensors.set(id, layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tfjs.SymbolicTensor);
  }
  return tf.model({
    inputs: analysis.inputs.map((id) => tensors.get(id)!),
    outputs: analysis.outputs.map((id) => tensors.get(id)!),
  });
}

/** The sources of each node in the order of `graph.edges`, a repeated edge counted once (as the analysis does). */
function incomingSources(graph: Graph, analysis: GraphAnalysis): Map<string, string[]> {
  const sources = new Map<string, string[]>(Object.keys(analysis.nodes).map((id) => [id, []]));
  for (const { source, target } of graph.edges) {
    const list = sources.get(target);
    if (list && !list.includes(source)) list.push(source);
  }
  return sources;
}
