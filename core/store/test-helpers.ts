import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProject } from '../model/project-io';
import type { Project } from '../model/project';
import type { EpochMetrics } from './types';
import type { NamedWeight } from './weights';
import { seededRandom } from '../data/random';

export interface MlpOptions {
  name?: string;
  hiddenUnits?: number;
  /** How many hidden layers, 1 by default (block `h`); more are blocks `h1`, `h2`, … in a chain. */
  hiddenLayers?: number;
  activation?: string;
  dataset?: Record<string, unknown>;
  training?: Record<string, unknown>;
}

/** A dense classifier of 2-D points: 2 → hidden (→ hidden …) → 2, trained on a built-in 2-D set. */
export function mlpProject(options: MlpOptions = {}): Project {
  const layers = options.hiddenLayers ?? 1;
  const hidden = Array.from({ length: layers }, (_, i) => ({
    id: layers === 1 ? 'h' : `h${i + 1}`,
    type: 'Dense',
    params: { units: options.hiddenUnits ?? 8, activation: options.activation ?? 'relu' },
  }));
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [2] } },
    ...hidden,
    { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' } },
  ];
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: options.name ?? 'Small MLP',
    graph: { nodes, edges: nodes.slice(1).map((node, i) => ({ source: nodes[i].id, target: node.id })) },
    dataset: options.dataset ?? { kind: 'builtin', name: 'spirals', size: 200 },
    training: options.training ?? { optimizer: 'adam', learningRate: 0.01, epochs: 5, batchSize: 16, seed: 7 },
  });
}

/** A small dense classifier: 2 → 8 → 2. */
export function smallProject(name = 'Small MLP'): Project {
  return mlpProject({ name });
}

/** Writes a project as JSON into `dir` and returns its path. */
export function writeProjectJson(dir: string, project: Project, fileName = 'project.json'): string {
  const path = join(dir, fileName);
  writeFileSync(path, JSON.stringify(project));
  return path;
}

/** Deterministic pseudo-random numbers, so a reader can recompute what a writer stored. */
export const random = seededRandom;

/** Weights of a dense network with the given layer widths, filled deterministically from `seed`. */
export function denseWeights(widths: number[], seed: number): NamedWeight[] {
  const next = random(seed);
  const weights: NamedWeight[] = [];
  for (let i = 1; i < widths.length; i++) {
    const kernel = new Float32Array(widths[i - 1] * widths[i]);
    for (let j = 0; j < kernel.length; j++) kernel[j] = next() * 2 - 1;
    const bias = new Float32Array(widths[i]);
    for (let j = 0; j < bias.length; j++) bias[j] = next() * 0.1;
    weights.push({ name: `dense_${i}/kernel`, shape: [widths[i - 1], widths[i]], dtype: 'float32', data: kernel });
    weights.push({ name: `dense_${i}/bias`, shape: [widths[i]], dtype: 'float32', data: bias });
  }
  return weights;
}

export function epochMetrics(epoch: number): EpochMetrics {
  return {
    epoch,
    loss: 1 / (epoch + 1),
    accuracy: 0.5 + epoch / 100,
    valLoss: 1.1 / (epoch + 1),
    valAccuracy: 0.45 + epoch / 100,
    learningRate: 0.01,
    seconds: 0.25,
    samplesPerSecond: 800,
  };
}

export function tempDir(prefix = 'nbproj-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Closes each of `stores` that is still open: a test may have closed one, or left it failing on purpose. */
export function closeAll(stores: Iterable<{ close(): void }>): void {
  for (const store of stores) {
    try {
      store.close();
    } catch {
      // already closed, or failing as the test left it
    }
  }
}

export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
