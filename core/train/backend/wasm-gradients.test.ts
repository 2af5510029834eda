// The WASM gradient kernels must give the pure-JS CPU backend's gradients (within 1e-4 relative).
// Each case runs the same computation on both backends from the same seeded data.
import { beforeAll, describe, expect, it } from 'vitest';
import type * as tfTypes from '@tensorflow/tfjs';
import { selectBackend, type Tf } from './index';
import { addedWasmKernels, replacedWasmKernels } from './wasm-gradients';

let tf: Tf;

beforeAll(async () => {
  tf = (await selectBackend('wasm')).tf;
});

/** Deterministic values in [-1, 1) (or small integers, to create ties in max pooling). */
function values(count: number, seed: number, integers = false): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = integers ? (state >>> 29) - 3 : state / 2 ** 31 - 1;
  }
  return out;
}

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Runs `compute` on cpu then on wasm (same inputs) and returns both results as flat arrays. */
async function onBothBackends(compute: () => tfTypes.Tensor[]): Promise<{ cpu: Float32Array[]; wasm: Float32Array[] }> {
  const results: Record<string, Float32Array[]> = {};
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const outputs = tf.tidy(compute);
    results[backend] = outputs.map((t) => t.dataSync() as Float32Array);
    tf.dispose(outputs);
    expect(tf.memory().numTensors).toBe(before);
  }
  await tf.setBackend('wasm');
  return { cpu: results.cpu, wasm: results.wasm };
}

function expectClose(actual: Float32Array, expected: Float32Array, label: string): void {
  expect(actual.length, label).toBe(expected.length);
  let scale = 0;
  for (const v of expected) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    // Relative to the element, or to 1% of the largest one for elements near zero, whose
    // value is a cancellation and carries the float32 rounding of the whole sum.
    const error = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1e-2 * scale, 1e-12);
    worst = Math.max(worst, error);
  }
  expect(worst, `${label}: worst relative error`).toBeLessThanOrEqual(1e-4);
  expect(scale, `${label}: gradient is not all zeros`).toBeGreaterThan(0);
}

describe('kernel registry', () => {
  it('registers the missing kernels and keeps the replaced ones on the wasm backend', () => {
    const names = tf.getKernelsForBackend('wasm').map((k) => k.kernelName);
    for (const name of [...addedWasmKernels, ...replacedWasmKernels]) expect(names).toContain(name);
  });
});

interface ConvCase {
  batch: number;
  size: [number, number];
  inChannels: number;
  filters: number;
  kernel: [number, number];
  strides: number;
  padding: 'valid' | 'same';
}

const convCases: ConvCase[] = [];
for (const padding of ['valid', 'same'] as const) {
  for (const strides of [1, 2]) {
    convCases.push(
      { batch: 2, size: [7, 7], inChannels: 1, filters: 4, kernel: [3, 3], strides, padding },
      { batch: 3, size: [8, 9], inChannels: 3, filters: 5, kernel: [2, 2], strides, padding },
      { batch: 2, size: [9, 8], inChannels: 8, filters: 16, kernel: [5, 5], strides, padding },
      { batch: 1, size: [6, 6], inChannels: 4, filters: 2, kernel: [1, 1], strides, padding },
      { batch: 2, size: [10, 7], inChannels: 2, filters: 3, kernel: [3, 2], strides, padding },
    );
  }
}

describe('Conv2D gradients (Conv2DBackpropFilter, Conv2DBackpropInput)', () => {
  it.each(convCases)('$padding, strides $strides, kernel $kernel, $inChannels→$filters channels on $size', async (c) => {
    const xShape = [c.batch, c.size[0], c.size[1], c.inChannels] as [number, number, number, number];
    const wShape = [c.kernel[0], c.kernel[1], c.inChannels, c.filters] as [number, number, number, number];
    const xv = values(size(xShape), 1);
    const wv = values(size(wShape), 2);
    const { cpu, wasm } = await onBothBackends(() => {
      const x = tf.tensor4d(xv, xShape);
      const w = tf.tensor4d(wv, wShape);
      const f = (a: tfTypes.Tensor4D, b: tfTypes.Tensor4D) => {
        const y = tf.conv2d(a, b, c.strides, c.padding);
        // Weight every output differently so that each dy element matters.
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, 3), y.shape)));
      };
      const [dx, dw] = tf.grads(f as (...args: tfTypes.Tensor[]) => tfTypes.Tensor)([x, w]);
      return [dx, dw];
    });
    expectClose(wasm[0], cpu[0], 'input gradient');
    expectClose(wasm[1], cpu[1], 'filter gradient');
  });
});

describe('DepthwiseConv2D gradients', () => {
  const cases = [
    { padding: 'valid' as const, strides: 1, multiplier: 1, kernel: 3 },
    { padding: 'same' as const, strides: 1, multiplier: 2, kernel: 3 },
    { padding: 'valid' as const, strides: 2, multiplier: 2, kernel: 2 },
    { padding: 'same' as const, strides: 2, multiplier: 1, kernel: 5 },
  ];
  it.each(cases)('$padding, strides $strides, multiplier $multiplier, kernel $kernel', async (c) => {
    const xShape = [2, 9, 8, 3] as [number, number, number, number];
    const wShape = [c.kernel, c.kernel, 3, c.multiplier] as [number, number, number, number];
    const xv = values(size(xShape), 4);
    const wv = values(size(wShape), 5);
    const { cpu, wasm } = await onBothBackends(() => {
      const f = (a: tfTypes.Tensor4D, b: tfTypes.Tensor4D) => {
        const y = tf.depthwiseConv2d(a, b, c.strides, c.padding);
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, 6), y.shape)));
      };
      return tf.grads(f as (...args: tfTypes.Tensor[]) => tfTypes.Tensor)([tf.tensor4d(xv, xShape), tf.tensor4d(wv, wShape)]);
    });
    expectClose(wasm[0], cpu[0], 'input gradient');
    expectClose(wasm[1], cpu[1], 'filter gradient');
  });
});

describe('pooling gradients', () => {
  const cases = [
    { pool: 2, strides: 2, padding: 'valid' as const, ties: false },
    { pool: 2, strides: 2, padding: 'valid' as const, ties: true },
    { pool: 3, strides: 2, padding: 'same' as const, ties: true },
    { pool: 2, strides: 1, padding: 'valid' as const, ties: true },
    { pool: 3, strides: 3, padding: 'same' as const, ties: false },
  ];
  /** The input gradient, on both backends, of a weighted sum of `op`'s output on a 2×9×7×3 input drawn with `seed` (the weights with `seed` + 1). */
  const poolGradients = (op: 'maxPool' | 'avgPool', c: (typeof cases)[number], seed: number) => {
    const shape = [2, 9, 7, 3] as [number, number, number, number];
    const xv = values(size(shape), seed, c.ties);
    return onBothBackends(() => {
      const f = (a: tfTypes.Tensor) => {
        const y = tf[op](a as tfTypes.Tensor4D, c.pool, c.strides, c.padding);
        return tf.sum(tf.mul(y, tf.tensor(values(y.size, seed + 1), y.shape)));
      };
      return [tf.grad(f)(tf.tensor4d(xv, shape))];
    });
  };
  it.each(cases)('max pool $pool, strides $strides, $padding, ties $ties', async (c) => {
    const { cpu, wasm } = await poolGradients('maxPool', c, 7);
    expectClose(wasm[0], cpu[0], 'max pool gradient');
  });
  it.each(cases.filter((c) => !c.ties))('average pool $pool, strides $strides, $padding', async (c) => {
    const { cpu, wasm } = await poolGradients('avgPool', c, 9);
    expectClose(wasm[0], cpu[0], 'average pool gradient');
  });
});

describe('matMul with transposed operands', () => {
  const cases = [
    { a: [5, 7], b: [7, 3], transposeA: false, transposeB: false },
    { a: [7, 5], b: [7, 3], transposeA: true, transposeB: false },
    { a: [5, 7], b: [3, 7], transposeA: false, transposeB: true },
    { a: [7, 5], b: [3, 7], transposeA: true, transposeB: true },
    { a: [2, 4, 6], b: [2, 3, 6], transposeA: false, transposeB: true },
    { a: [2, 6, 4], b: [1, 6, 3], transposeA: true, transposeB: false },
  ];
  it.each(cases)('a $a (transposed: $transposeA) × b $b (transposed: $transposeB)', async (c) => {
    const av = values(size(c.a), 11);
    const bv = values(size(c.b), 12);
    const { cpu, wasm } = await onBothBackends(() => [tf.matMul(tf.tensor(av, c.a), tf.tensor(bv, c.b), c.transposeA, c.transposeB)]);
    expectClose(wasm[0], cpu[0], 'product');
  });
});

// Not replaced on WASM (a JavaScript loop measured no faster), but every Conv2D and Dense uses them.
describe('bias addition and bias-gradient sums', () => {
  const addCases = [
    { a: [2, 5, 4, 3], b: [3] },
    { a: [3], b: [4, 2, 3] },
    { a: [6, 10], b: [1, 10] },
    { a: [2, 3, 4], b: [2, 3, 4] },
    { a: [4, 1, 3], b: [5, 3] },
  ];
  it.each(addCases)('add $a + $b', async (c) => {
    const av = values(size(c.a), 15);
    const bv = values(size(c.b), 16);
    const { cpu, wasm } = await onBothBackends(() => [tf.add(tf.tensor(av, c.a), tf.tensor(bv, c.b))]);
    expectClose(wasm[0], cpu[0], 'sum');
  });
  const sumCases = [
    { shape: [2, 5, 4, 3], axis: [0, 1, 2], keepDims: false },
    { shape: [2, 5, 4, 3], axis: [2, 0, 1], keepDims: true },
    { shape: [7, 10], axis: [0], keepDims: false },
    { shape: [2, 5, 4, 3], axis: [1, 2], keepDims: false },
    { shape: [2, 5, 4, 3], axis: [-1], keepDims: false },
  ];
  it.each(sumCases)('sum of $shape over $axis (keepDims $keepDims)', async (c) => {
    const xv = values(size(c.shape), 17);
    const { cpu, wasm } = await onBothBackends(() => {
      const r = tf.sum(tf.tensor(xv, c.shape), c.axis, c.keepDims);
      return [r, tf.tensor1d(r.shape.length ? r.shape : [0])];
    });
    expectClose(wasm[0], cpu[0], 'sum');
    expect(Array.from(wasm[1])).toEqual(Array.from(cpu[1]));
  });
});

describe('a CNN using every trainable block', () => {
  function buildModel(): tfTypes.LayersModel {
    const input = tf.input({ shape: [12, 12, 2] });
    const conv = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', kernelInitializer: 'glorotUniform', seed: 1 } as never)
      .apply(input) as tfTypes.SymbolicTensor;
    const norm = tf.layers.batchNormalization().apply(conv) as tfTypes.SymbolicTensor;
    const strided = tf.layers
      .conv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' })
      .apply(norm) as tfTypes.SymbolicTensor;
    const maxed = tf.layers.maxPooling2d({ poolSize: 2 }).apply(norm) as tfTypes.SymbolicTensor;
    const added = tf.layers.add().apply([strided, maxed]) as tfTypes.SymbolicTensor;
    const averaged = tf.layers.averagePooling2d({ poolSize: 2 }).apply(added) as tfTypes.SymbolicTensor;
    const gap = tf.layers.globalAveragePooling2d({}).apply(averaged) as tfTypes.SymbolicTensor;
    const gmp = tf.layers.globalMaxPooling2d({}).apply(added) as tfTypes.SymbolicTensor;
    const flat = tf.layers.flatten().apply(averaged) as tfTypes.SymbolicTensor;
    const merged = tf.layers.concatenate().apply([gap, gmp, flat]) as tfTypes.SymbolicTensor;
    const dropped = tf.layers.dropout({ rate: 0.3 }).apply(merged) as tfTypes.SymbolicTensor;
    const hidden = tf.layers.dense({ units: 8, activation: 'relu' }).apply(dropped) as tfTypes.SymbolicTensor;
    const output = tf.layers.dense({ units: 3, activation: 'softmax' }).apply(hidden) as tfTypes.SymbolicTensor;
    return tf.model({ inputs: input, outputs: output });
  }

  it('has the same weight gradients on wasm as on cpu', async () => {
    await tf.setBackend('cpu');
    const model = buildModel();
    const weights = model.getWeights().map((w) => w.dataSync().slice());
    const xv = values(4 * 12 * 12 * 2, 13);
    const labels = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3);
    const gradients: Record<string, Float32Array[]> = {};
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      model.setWeights(model.getWeights().map((w, i) => tf.tensor(weights[i], w.shape)));
      const { grads } = tf.variableGrads(() => {
        const predictions = model.apply(tf.tensor4d(xv, [4, 12, 12, 2]), { training: false }) as tfTypes.Tensor;
        return tf.losses.softmaxCrossEntropy(labels, predictions) as tfTypes.Scalar;
      });
      gradients[backend] = model.trainableWeights.map((w) => grads[w.originalName]?.dataSync() as Float32Array);
      tf.dispose(Object.values(grads));
    }
    model.trainableWeights.forEach((w, i) => expectClose(gradients.wasm[i], gradients.cpu[i], w.originalName));
    model.dispose();
    labels.dispose();
  });

  it('trains on wasm: the loss falls on a learnable task', async () => {
    await tf.setBackend('wasm');
    const model = buildModel();
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
    // The class is the quadrant-free brightness level of the image: 0 dark, 1 mid, 2 bright.
    const count = 48;
    const xv = new Float32Array(count * 12 * 12 * 2);
    const labels: number[] = [];
    const noise = values(xv.length, 14);
    for (let n = 0; n < count; n++) {
      const label = n % 3;
      labels.push(label);
      for (let i = 0; i < 12 * 12 * 2; i++) xv[n * 288 + i] = label - 1 + 0.3 * noise[n * 288 + i];
    }
    const x = tf.tensor4d(xv, [count, 12, 12, 2]);
    const y = tf.oneHot(tf.tensor1d(labels, 'int32'), 3);
    const first = await model.fit(x, y, { epochs: 1, batchSize: 16, shuffle: false, verbose: 0 });
    // The optimizer's slots exist from the first step on; after that nothing may accumulate.
    const before = tf.memory().numTensors;
    const rest = await model.fit(x, y, { epochs: 7, batchSize: 16, shuffle: false, verbose: 0 });
    const losses = [...(first.history.loss as number[]), ...(rest.history.loss as number[])];
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.7);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    tf.dispose([x, y]);
  });
});
