/**
 * The augmentation layers on the WebAssembly backend, which trains here: the same seeded draws
 * give the same images as on the pure-JS backend, and a CNN with every augmentation block trains.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadWasm } from '../train/backend/loaders';
import type { Graph } from '../model/graph';
import { parseProjectText } from '../model/project-io';
import { compileGraph } from './compile';

const augmentations: [string, Record<string, unknown>][] = [
  ['RandomFlip', {}],
  ['RandomRotation', { factor: 0.2 }],
  ['RandomZoom', { heightFactor: 0.3, widthFactor: [-0.2, 0.1] }],
  ['RandomTranslation', { heightFactor: 0.2, widthFactor: 0.2, fillMode: 'constant' }],
  ['RandomCrop', { height: 6, width: 5 }],
  ['RandomContrast', { factor: 0.4 }],
  ['RandomBrightness', { factor: 0.3 }],
];

const single = (type: string, params: Record<string, unknown>): Graph => ({
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [8, 8, 2] } },
    { id: 'aug', type, params },
  ],
  edges: [{ source: 'in', target: 'aug' }],
});

/** The block's output on a fixed batch, in training mode, on the current backend. */
function augmented(type: string, params: Record<string, unknown>): number[] {
  const layer = compileGraph(tf, single(type, params), { seed: 11 }).getLayer('aug');
  return tf.tidy(() => {
    const x = tf.tensor4d(
      Array.from({ length: 4 * 8 * 8 * 2 }, (_, i) => ((i * 37) % 101) / 100),
      [4, 8, 8, 2],
    );
    return Array.from((layer.apply(x, { training: true }) as tf.Tensor).dataSync());
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('augmentation on the WebAssembly backend', () => {
  it('gives the same augmented images as the pure-JS backend for the same seed', async () => {
    const onCpu = augmentations.map(([type, params]) => augmented(type, params));
    await loadWasm();
    expect(tf.getBackend()).toBe('wasm');
    augmentations.forEach(([type, params], i) => {
      const onWasm = augmented(type, params);
      expect(onWasm.length, type).toBe(onCpu[i].length);
      onWasm.forEach((v, j) => expect(v, `${type}[${j}]`).toBeCloseTo(onCpu[i][j], 4));
    });
  });

  it('trains the example CNN that uses every augmentation block', async () => {
    await loadWasm();
    const { graph } = parseProjectText(readFileSync(new URL('../../projects/augmented-cnn.json', import.meta.url), 'utf8'));
    const model = compileGraph(tf, graph, { seed: 5 });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    const xs = tf.randomUniform([16, 28, 28, 1], 0, 1, 'float32', 6);
    const ys = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 16 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    );
    const history = await model.fit(xs, ys, { epochs: 3, batchSize: 8, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(model.countParams()).toBe(38_282);
  });
});
