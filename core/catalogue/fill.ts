// A project that already holds a catalogue base's layers under Keras's names (the course's VGG16
// example) is filled with the real weights: its blocks stay, the base's preprocessing goes in
// front of them, and the file's weights map onto them by name.
import type { ImportedWeight } from '../import/types';
import type { Graph } from '../model/graph';
import { preprocessingWeights, withPreprocessing } from './assemble';
import type { LoadedWeight, PretrainedBaseEntry } from '../model/bases/entries';
import { expectedKerasWeights, mapKerasWeights, type KerasFileLayer } from './keras-weights';

/** Whether every block with weights of the base is in `graph`, under the same id and block type. */
export function holdsBase(graph: Graph, entry: PretrainedBaseEntry): boolean {
  const base = entry.build({ size: 64 });
  const types = new Map(graph.nodes.map((n) => [n.id, n.type]));
  return [...expectedKerasWeights(base).keys()].every((id) => types.get(id) === base.nodes.find((n) => n.id === id)!.type);
}

/** The project's graph with the base's preprocessing after its Input (unless already there), and the file's weights for its base blocks (and the preprocessing's). */
export function fillBase(graph: Graph, entry: PretrainedBaseEntry, layers: KerasFileLayer[]): { graph: Graph; weights: ImportedWeight[] } {
  const loaded = new Map<string, LoadedWeight>(
    mapKerasWeights(graph, layers, entry.download.file, { only: 'file' }).map((w) => [w.name, { shape: w.shape, data: w.data }]),
  );
  entry.foldAtLoad?.(loaded);
  const present = new Set(graph.nodes.map((n) => n.id));
  const filled = entry.preprocessingBlocks.every((b) => present.has(b.id)) ? graph : withPreprocessing(graph, entry);
  return {
    graph: filled,
    weights: [...preprocessingWeights(entry), ...[...loaded].map(([name, w]) => ({ name, shape: w.shape, data: w.data }))],
  };
}
