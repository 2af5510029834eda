// A catalogue base made ready for a project: its graph from the Input, with the preprocessing it
// expects in front, and the weights of its Keras weights file mapped onto the blocks by name.
import type { ImportedWeight } from '../import/types';
import type { Graph } from '../model/graph';
import type { PretrainedBaseEntry, LoadedWeight } from '../model/bases/entries';
import { mapKerasWeights, type KerasFileLayer } from './keras-weights';

export interface AssembledBase {
  name: string;
  /** Where it came from, in words. */
  source: string;
  /** Input → preprocessing → the base, every block frozen. */
  graph: Graph;
  /** Named `block/weight`, in the app's layout. */
  weights: ImportedWeight[];
}

/** Puts `blocks` right after the graph's Input, in order, taking over the Input's connections. */
export function withPreprocessing(graph: Graph, entry: PretrainedBaseEntry): Graph {
  const input = graph.nodes.find((n) => n.type === 'Input');
  if (!input || entry.preprocessingBlocks.length === 0) return graph;
  const blocks = entry.preprocessingBlocks.map((b) => ({ id: b.id, type: b.type, params: { ...b.params, trainable: false } }));
  const last = blocks[blocks.length - 1].id;
  const chain = blocks.map((b, i) => ({ source: i === 0 ? input.id : blocks[i - 1].id, target: b.id }));
  const edges = graph.edges.map((e) => (e.source === input.id ? { ...e, source: last } : e));
  const at = graph.nodes.indexOf(input) + 1;
  return { nodes: [...graph.nodes.slice(0, at), ...blocks, ...graph.nodes.slice(at)], edges: [...chain, ...edges] };
}

/** The weights of the base's preprocessing blocks (Normalization's mean, variance and count), named `block/weight`. */
export function preprocessingWeights(entry: PretrainedBaseEntry): ImportedWeight[] {
  return entry.preprocessingBlocks.flatMap((block) =>
    Object.entries(block.weights ?? {}).map(([name, values]) => ({
      name: `${block.id}/${name}`,
      shape: name === 'count' ? [] : [values.length],
      data: Float32Array.from(values),
    })),
  );
}

/** The base at a square input `size`, its preprocessing in front, with the weights of `layers` (a Keras weights file read by readKerasWeightsFile). */
export function assembleBase(entry: PretrainedBaseEntry, layers: KerasFileLayer[], size = entry.inputSize.default): AssembledBase {
  const base = entry.build({ size });
  const loaded = new Map<string, LoadedWeight>(
    mapKerasWeights(base, layers, entry.download.file).map((w) => [w.name, { shape: w.shape, data: w.data }]),
  );
  entry.foldAtLoad?.(loaded);
  const weights = [...preprocessingWeights(entry), ...[...loaded].map(([name, w]) => ({ name, shape: w.shape, data: w.data }))];
  return {
    name: entry.name,
    source: `${entry.name}, ImageNet (Keras Applications: ${entry.download.file})`,
    graph: withPreprocessing(base, entry),
    weights,
  };
}
