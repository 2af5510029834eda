// The MNIST projects of the PyTorch engine's tests, and their graphs' `chain`.
import type { Graph } from '../../model/graph';
import { parseProject } from '../../model/project-io';
import type { Project } from '../../model/project';

type Json = Record<string, unknown>;

export { chain } from '../../model/test-graphs';

export function mnistProject(graph: Graph, training: Json): Project {
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'parity',
    graph,
    dataset: { kind: 'builtin', name: 'mnist' },
    training: { loss: 'categoricalCrossentropy', batchSize: 32, epochs: 1, validationSplit: 0.25, seed: 7, ...training },
  });
}
