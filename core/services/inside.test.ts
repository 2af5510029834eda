import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../model/project-io';
import type { Project } from '../model/project';
import type { SerializedWeight } from '../train/events';
import { TrainedModel } from './inference';
import { convFilters, describeOutput, INSIDE_LIMITS, inspectModel } from './inside';
import { NeuroblocksService } from './services';
import { chain } from '../model/test-graphs';

const mnistCnn = (): Project => parseProject(JSON.parse(readFileSync(new URL('../../projects/mnist-cnn.json', import.meta.url), 'utf8')));

/** The model's initial weights (from the project's seed) as a finished run would hand them over. */
async function seededWeights(project: Project): Promise<SerializedWeight[]> {
  const { selectBackend } = await import('../train/backend/index');
  const { compileGraph } = await import('../compile/compile');
  const { tf } = await selectBackend();
  const model = compileGraph(tf, project.graph, { seed: project.training.seed });
  const weights = model
    .getWeights()
    .map((w, i) => ({ name: String(i), shape: w.shape, dtype: 'float32' as const, data: Float32Array.from(w.dataSync()).buffer }));
  model.dispose();
  return weights;
}

/** A stroke down the middle of a 28×28 image, like a drawn 1. */
const drawnOne = (): number[] =>
  Array.from({ length: 784 }, (_, i) => (Math.abs((i % 28) - 14) <= 1 && i >= 4 * 28 && i < 24 * 28 ? 1 : 0));

describe('looking inside the MNIST CNN', async () => {
  const project = mnistCnn();
  const trained = new TrainedModel({ sessionId: 'cnn', project, size: 100, weights: await seededWeights(project) });

  it('gives feature maps for image-like blocks and activations for flat ones, with each block’s type and shape', async () => {
    const inside = await inspectModel(trained, { values: drawnOne() });
    expect(inside.sessionId).toBe('cnn');
    expect(inside.blocks.map((b) => b.id)).toEqual(project.graph.nodes.map((n) => n.id));
    const byId = Object.fromEntries(inside.outputs.map((o) => [o.id, o]));
    const input = byId.input;
    expect(input).toMatchObject({ type: 'Input', shape: [28, 28, 1], kind: 'maps', height: 28, width: 28, channels: 1 });
    const conv1 = byId.conv1;
    expect(conv1).toMatchObject({ type: 'Conv2D', shape: [26, 26, 8], kind: 'maps', height: 26, width: 26, channels: 8 });
    if (conv1.kind !== 'maps') throw new Error('conv1 has no maps');
    expect(conv1.maps).toHaveLength(8);
    for (const map of conv1.maps) expect(map).toHaveLength(26 * 26);
    // ReLU: nothing below zero, and the stroke makes some filter respond.
    expect(conv1.min).toBeGreaterThanOrEqual(0);
    expect(conv1.max).toBeGreaterThan(0);
    expect(byId.pool1).toMatchObject({ type: 'MaxPooling2D', shape: [13, 13, 8], kind: 'maps', height: 13, width: 13 });
    expect(byId.conv2).toMatchObject({ type: 'Conv2D', shape: [11, 11, 16], kind: 'maps', channels: 16 });
    const flat = inside.outputs.find((o) => o.type === 'Flatten')!;
    expect(flat).toMatchObject({ kind: 'vector', length: 400 });
    if (flat.kind !== 'vector') throw new Error('Flatten is not a vector');
    expect(flat.values).toHaveLength(INSIDE_LIMITS.values);
    const dense = inside.outputs.filter((o) => o.type === 'Dense');
    expect(dense.map((d) => d.shape)).toEqual([[100], [10]]);
    const last = dense[1];
    if (last.kind !== 'vector') throw new Error('the output is not a vector');
    expect(last.values).toHaveLength(10);
    expect(last.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(last.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2);
    // The output block gives what predict gives.
    const prediction = await trained.predict(drawnOne());
    last.values.forEach((v, i) => expect(v).toBeCloseTo(prediction.probabilities[i], 3));
    expect(dense[0]).not.toHaveProperty('classNames');
  });

  it('gives only the blocks asked for, and names an unknown block in a plain error', async () => {
    const inside = await inspectModel(trained, { values: drawnOne(), nodeIds: ['conv2'] });
    expect(inside.outputs.map((o) => o.id)).toEqual(['conv2']);
    expect(inside.blocks.length).toBe(project.graph.nodes.length);
    const refused = inspectModel(trained, { values: drawnOne(), nodeIds: ['conv9'] });
    await expect(refused).rejects.toMatchObject({ code: 'unknown-block' });
    await expect(refused).rejects.toThrow(
      'The trained model has no block called "conv9". Blocks added or renamed after training are not in it yet: train the model again to look inside them.',
    );
    await expect(inspectModel(trained, { values: [1, 2, 3], nodeIds: ['conv1'] })).rejects.toThrow(
      'The model expects a sample of 28 × 28 × 1 = 784 numbers; 3 were given.',
    );
  });

  it('gives the first convolution’s kernels exactly as the model holds them', async () => {
    const { model } = await trained.internals();
    const kernel = model.getLayer('conv1').getWeights()[0];
    const weights = kernel.dataSync();
    const filters = await convFilters(trained);
    expect(filters).toMatchObject({ nodeId: 'conv1', kernelHeight: 3, kernelWidth: 3, inputChannels: 1, filters: 8 });
    expect(filters.kernels).toHaveLength(8);
    for (let f = 0; f < 8; f++) {
      expect(filters.kernels[f]).toHaveLength(1);
      for (let i = 0; i < 9; i++) expect(filters.kernels[f][0][i]).toBeCloseTo(weights[i * 8 + f], 4);
    }
    expect(filters.min).toBeCloseTo(Math.min(...weights), 4);
    expect(filters.max).toBeCloseTo(Math.max(...weights), 4);
    const second = await convFilters(trained, 'conv2');
    expect(second).toMatchObject({ nodeId: 'conv2', inputChannels: 8, filters: 16 });
    expect(second.kernels[0]).toHaveLength(8);
    await expect(convFilters(trained, 'flatten')).rejects.toThrow(/is a Flatten block: only Conv2D blocks have filters to show/);
    await expect(convFilters(trained, 'nope')).rejects.toMatchObject({ code: 'unknown-block' });
  });

  it('leaves no tensor behind', async () => {
    const { tf } = await trained.internals();
    await inspectModel(trained, { values: drawnOne() });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await inspectModel(trained, { values: drawnOne() });
      await inspectModel(trained, { values: drawnOne(), nodeIds: ['input', 'dense1'] });
      await convFilters(trained);
    }
    await expect(inspectModel(trained, { values: drawnOne(), nodeIds: ['nope'] })).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lets a replaced model free its weights after it was looked inside', async () => {
    const { tf } = await trained.internals();
    const before = tf.memory().numTensors;
    const other = new TrainedModel({ sessionId: 'other', project, size: 100, weights: await seededWeights(project) });
    await inspectModel(other, { values: drawnOne() });
    await convFilters(other);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    other.dispose();
    await expect.poll(() => tf.memory().numTensors).toBe(before);
  });
});

describe('looking inside a small dense model', () => {
  const project = parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'Tiny',
    graph: chain(
      ['in', 'Input', { shape: [2] }],
      ['hidden', 'Dense', { units: 3, activation: 'relu' }],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    ),
    dataset: { kind: 'builtin', name: 'xor' },
  });
  const w1 = [0.5, -1, 2, 1.5, 0.25, -0.75]; // 2 × 3, row-major
  const b1 = [0.1, 0.2, -0.3];
  const w2 = [1, -1, 0.5, 2, -2, 0.25]; // 3 × 2
  const b2 = [0.05, -0.05];
  const weight = (shape: number[], values: number[]): SerializedWeight => ({
    name: 'w',
    shape,
    dtype: 'float32',
    data: Float32Array.from(values).buffer,
  });
  const trained = new TrainedModel({
    sessionId: 'tiny',
    project,
    size: 40,
    weights: [weight([2, 3], w1), weight([3], b1), weight([3, 2], w2), weight([2], b2)],
  });

  it('gives the activations a direct computation gives', async () => {
    const x = [0.8, -0.6];
    const hidden = [0, 1, 2].map((j) => Math.max(0, x[0] * w1[j] + x[1] * w1[3 + j] + b1[j]));
    const logits = [0, 1].map((k) => hidden.reduce((sum, h, j) => sum + h * w2[j * 2 + k], b2[k]));
    const exps = logits.map(Math.exp);
    const softmax = exps.map((e) => e / (exps[0] + exps[1]));
    const inside = await inspectModel(trained, { values: x });
    expect(inside.outputs.map((o) => [o.id, o.kind])).toEqual([
      ['in', 'vector'],
      ['hidden', 'vector'],
      ['out', 'vector'],
    ]);
    const [input, hiddenOut, out] = inside.outputs;
    if (input.kind !== 'vector' || hiddenOut.kind !== 'vector' || out.kind !== 'vector') throw new Error('expected vectors');
    expect(input.values).toEqual(x);
    hidden.forEach((h, j) => expect(hiddenOut.values[j]).toBeCloseTo(h, 3));
    expect(hiddenOut.min).toBeCloseTo(Math.min(...hidden), 3);
    expect(hiddenOut.max).toBeCloseTo(Math.max(...hidden), 3);
    softmax.forEach((p, k) => expect(out.values[k]).toBeCloseTo(p, 3));
    expect(out.classNames).toEqual(['0', '1']);
  });

  it('says plainly that a model without convolutions has no filters', async () => {
    await expect(convFilters(trained)).rejects.toThrow('This model has no Conv2D block, so it has no learned filters to show.');
  });
});

describe('the size of a look inside', () => {
  it('keeps the first 32 channels of a large block, shrunk to 64 pixels on its longer side, and the first 128 values of a long vector', async () => {
    const { selectBackend } = await import('../train/backend/index');
    const { tf } = await selectBackend();
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const big = tf.ones([1, 100, 80, 40]).mul(tf.range(0, 40).reshape([1, 1, 1, 40]));
      const maps = describeOutput(tf, { id: 'big', type: 'Conv2D', shape: [100, 80, 40] }, big, [], false);
      expect(maps).toMatchObject({ kind: 'maps', height: 64, width: 51, channels: 40, min: 0, max: 31 });
      if (maps.kind !== 'maps') throw new Error('expected maps');
      expect(maps.maps).toHaveLength(INSIDE_LIMITS.channels);
      expect(maps.maps[5]).toHaveLength(64 * 51);
      expect(new Set(maps.maps[5])).toEqual(new Set([5]));
      const long = describeOutput(tf, { id: 'long', type: 'Dense', shape: [300] }, tf.range(0, 300).reshape([1, 300]), ['a', 'b'], true);
      expect(long).toMatchObject({ kind: 'vector', length: 300, min: 0, max: 127 });
      if (long.kind !== 'vector') throw new Error('expected a vector');
      expect(long.values).toEqual(Array.from({ length: 128 }, (_, i) => i));
      expect(long).not.toHaveProperty('classNames');
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('looking inside through the API', () => {
  it('is refused before any run has finished', async () => {
    const root = path.join(os.tmpdir(), 'neuroblocks-inside-none');
    const api = new NeuroblocksService({ host: 'web', configDir: path.join(root, 'config'), projectsDir: root });
    await expect(api.inspectModel({ values: new Array(784).fill(0) })).rejects.toMatchObject({ code: 'no-model' });
    await expect(api.getFilters()).rejects.toMatchObject({ code: 'no-model' });
  });
});
