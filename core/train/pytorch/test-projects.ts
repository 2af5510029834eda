// The MNIST projects of the PyTorch engine's tests, and their graphs' `chain`.
import type { Graph } from '../../model/graph';
import { projectOf } from '../../model/project-fixtures';
import type { Project } from '../../model/project';

type Json = Record<string, unknown>;

export { chain } from '../../model/test-graphs';

export function mnistProject(graph: Graph, training: Json): Project {
  return projectOf('parity', graph, {
    dataset: { kind: 'builtin', name: 'mnist' },
    training: { loss: 'categoricalCrossentropy', batchSize: 32, epochs: 1, validationSplit: 0.25, seed: 7, ...training },
  });
}

/** Largest difference between two weights, relative to the largest magnitude of the reference. */
export function relativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / Math.max(scale, 1e-6);
}
