// Small graphs and MNIST projects shared by the PyTorch engine's tests.
import type { Graph } from '../../model/graph';
import { parseProject } from '../../model/project-io';
import type { Project } from '../../model/project';

type Json = Record<string, unknown>;

/** A chain of blocks, each fed by the one before. */
export function chain(...nodes: [string, string, Json][]): Graph {
  return { nodes: nodes.map(([id, type, params]) => ({ id, type, params })), edges: nodes.slice(1).map(([id], i) => ({ source: nodes[i][0], target: id })) };
}

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
