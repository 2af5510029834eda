// Keras weights files written by h5py (Debian's python3-h5py) in the layout Keras Applications
// publish (`layer_names`, then each layer's `weight_names`), loaded by layer name into graphs
// built in the app's blocks; the catalogue's load-time folds checked against Keras's own
// preprocessing, computed here with TensorFlow.js operations.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { appPredict, maxAbsDiff } from '../export/test-support';
import { ImportError } from '../import/types';
import type { Graph } from '../model/graph';
import { assembleBase } from './assemble';
import { pretrainedBase, type PretrainedBaseEntry } from '../model/bases/entries';
import { mapKerasWeights, readKerasWeightsFile } from './keras-weights';

const PYTHON = '/usr/bin/python3';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
const dir = mkdtempSync(join(tmpdir(), 'nb-keras-weights-'));

/**
 * Writes `layers` ({name: {weightName: [shape, values]}}, in order) as a Keras weights file with
 * h5py, each weight under `<layer>/<layer>/<weight>:0` as Keras writes them; returns its path.
 */
function writeKerasFile(name: string, layers: [string, [string, number[], number[] | number][]][]): string {
  const file = join(dir, `${name}.h5`);
  const spec = join(dir, `${name}.json`);
  writeFileSync(spec, JSON.stringify(layers));
  const script = `
import json, sys
import h5py, numpy as np
layers = json.load(open(sys.argv[1]))
with h5py.File(sys.argv[2], "w") as f:
    f.attrs["layer_names"] = np.array([l[0].encode() for l in layers])
    f.attrs["backend"] = b"tensorflow"
    f.attrs["keras_version"] = b"2.2.4"
    for layer, weights in layers:
        g = f.create_group(layer)
        names = [("%s/%s:0" % (layer, w[0])).encode() for w in weights]
        g.attrs["weight_names"] = np.array(names, dtype="S") if names else np.array([], dtype="S1")
        for (wname, shape, values), full in zip(weights, names):
            data = np.int64(values) if wname == "count" else np.array(values, dtype="float32").reshape(shape)
            g.create_dataset(full.decode(), data=data)
`;
  execFileSync(PYTHON, ['-c', script, spec, file]);
  return file;
}

const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 31.7 + i * 1.3) * 1000) / 1000);

/** Input 6×6×3 → block1_conv1 (3×3, 4 filters, relu) → bn → dw (3×3 depthwise, no bias) → pool. */
const small: Graph = {
  nodes: [
    { id: 'input_1', type: 'Input', params: { shape: [6, 6, 3] } },
    { id: 'block1_conv1', type: 'Conv2D', params: { filters: 4, kernelSize: 3, padding: 'same', activation: 'relu', trainable: false } },
    { id: 'bn', type: 'BatchNormalization', params: { trainable: false } },
    { id: 'dw', type: 'DepthwiseConv2D', params: { kernelSize: 3, padding: 'same', useBias: false, trainable: false } },
    { id: 'pool', type: 'MaxPooling2D', params: { poolSize: 2 } },
  ],
  edges: [
    { source: 'input_1', target: 'block1_conv1' },
    { source: 'block1_conv1', target: 'bn' },
    { source: 'bn', target: 'dw' },
    { source: 'dw', target: 'pool' },
  ],
};

const smallLayers: [string, [string, number[], number[]][]][] = [
  ['input_1', []],
  [
    'block1_conv1',
    [
      ['kernel', [3, 3, 3, 4], values(108, 1)],
      ['bias', [4], values(4, 2)],
    ],
  ],
  [
    'bn',
    [
      ['gamma', [4], values(4, 3)],
      ['beta', [4], values(4, 4)],
      ['moving_mean', [4], values(4, 5)],
      ['moving_variance', [4], values(4, 6).map((v) => 0.5 + v * v)],
    ],
  ],
  ['dw', [['depthwise_kernel', [3, 3, 4, 1], values(36, 7)]]],
  ['pool', []],
];

describe('Keras weights files', () => {
  it('are read with their layers in order and mapped onto the blocks by layer name', async () => {
    const file = writeKerasFile('small', smallLayers);
    const layers = await readKerasWeightsFile(file);
    expect(layers.map((l) => l.name)).toEqual(['input_1', 'block1_conv1', 'bn', 'dw', 'pool']);
    expect(layers[1].weights.map((w) => [w.name, w.shape])).toEqual([
      ['block1_conv1/kernel:0', [3, 3, 3, 4]],
      ['block1_conv1/bias:0', [4]],
    ]);
    const weights = mapKerasWeights(small, layers, 'small.h5');
    expect(weights.map((w) => w.name)).toEqual([
      'block1_conv1/kernel',
      'block1_conv1/bias',
      'bn/gamma',
      'bn/beta',
      'bn/moving_mean',
      'bn/moving_variance',
      'dw/depthwise_kernel',
    ]);
    const byName = new Map(weights.map((w) => [w.name, w]));
    expect(Array.from(byName.get('block1_conv1/kernel')!.data)).toEqual(Array.from(Float32Array.from(values(108, 1))));
    expect(byName.get('dw/depthwise_kernel')!.shape).toEqual([3, 3, 4, 1]);
    expect(Array.from(byName.get('dw/depthwise_kernel')!.data)).toEqual(Array.from(Float32Array.from(values(36, 7))));
  });

  it('whose layers do not match the network are refused, naming them', async () => {
    const wrong = writeKerasFile('wrong', [
      smallLayers[0],
      smallLayers[1],
      [
        'fc1',
        [
          ['kernel', [4, 2], values(8, 9)],
          ['bias', [2], values(2, 9)],
        ],
      ],
      smallLayers[3],
    ]);
    const error = (() => {
      try {
        return mapKerasWeights(small, [], 'x');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportError);
    const refused = await readKerasWeightsFile(wrong).then((layers) => {
      try {
        mapKerasWeights(small, layers, 'wrong.h5');
      } catch (e) {
        return e as ImportError;
      }
    });
    expect(refused?.message).toBe(
      "The layers of wrong.h5 do not match the network: the file has weights for fc1, which the network lacks; the network's bn has no weights in the file. Use the weights file made for this network.",
    );
    expect(refused?.fr).toContain('bn du réseau n’a pas de poids dans le fichier');
    expect(refused?.problem).toMatchObject({ code: 'bases:layersBoth', params: { file: 'wrong.h5', extra: ['fc1'], missing: ['bn'] } });

    const shaped = writeKerasFile('shaped', [
      [
        'block1_conv1',
        [
          ['kernel', [3, 3, 1, 4], values(36, 1)],
          ['bias', [4], values(4, 2)],
        ],
      ],
      smallLayers[2],
      smallLayers[3],
    ]);
    await expect(readKerasWeightsFile(shaped).then((layers) => mapKerasWeights(small, layers, 'shaped.h5'))).rejects.toThrow(
      'The weight "block1_conv1/kernel:0" of layer "block1_conv1" in shaped.h5 has shape [3, 3, 1, 4], but the network\'s kernel needs [3, 3, 3, 4].',
    );
  });

  it('that are not Keras weights files, or not HDF5 at all, are refused', async () => {
    const text = join(dir, 'notes.h5');
    writeFileSync(text, 'not an HDF5 file');
    await expect(readKerasWeightsFile(text)).rejects.toThrow(/is not a readable HDF5 file/);
    const whole = readFileSync(writeKerasFile('cut', smallLayers));
    const cut = join(dir, 'cut-short.h5');
    writeFileSync(cut, whole.subarray(0, 1200));
    await expect(readKerasWeightsFile(cut)).rejects.toThrow(ImportError);
    const bare = join(dir, 'bare.h5');
    execFileSync(PYTHON, ['-c', 'import h5py, sys; h5py.File(sys.argv[1], "w").create_group("x")', bare]);
    await expect(readKerasWeightsFile(bare)).rejects.toThrow(/holds no Keras weights/);
  });
});

describe('the catalogue’s preprocessing and load-time folds', () => {
  const x = Float32Array.from({ length: 6 * 6 * 3 }, (_, i) => (Math.sin(i * 0.7) + 1) / 2);

  it('VGG16’s “caffe” preprocessing: RGB images in [0, 1] give what Keras gives its BGR, mean-subtracted 0–255 input', async () => {
    const vgg = pretrainedBase('vgg16')!;
    const tiny: PretrainedBaseEntry = { ...vgg, build: () => ({ nodes: small.nodes.slice(0, 2), edges: small.edges.slice(0, 1) }) };
    const file = writeKerasFile('caffe', smallLayers.slice(0, 2));
    const base = assembleBase(tiny, await readKerasWeightsFile(file), 6);
    expect(base.graph.nodes.map((n) => n.id)).toEqual(['input_1', 'preprocess_scale', 'preprocess_mean', 'block1_conv1']);
    expect(base.graph.edges).toEqual([
      { source: 'input_1', target: 'preprocess_scale' },
      { source: 'preprocess_scale', target: 'preprocess_mean' },
      { source: 'preprocess_mean', target: 'block1_conv1' },
    ]);
    const app = appPredict(
      tf,
      base.graph,
      base.weights.map((w) => ({ ...w, dtype: 'float32' })),
      x,
      [1, 6, 6, 3],
    );
    // Keras: x·255, RGB→BGR, minus ImageNet's BGR means, then the file's kernel and bias.
    const keras = tf.tidy(() => {
      const bgr = tf.reverse(tf.mul(tf.tensor4d(x, [1, 6, 6, 3]), 255), -1);
      const centred = tf.sub(bgr, tf.tensor1d([103.939, 116.779, 123.68]));
      const conv = tf.conv2d(centred as tf.Tensor4D, tf.tensor4d(values(108, 1), [3, 3, 3, 4]), 1, 'same');
      return tf.relu(tf.add(conv, tf.tensor1d(values(4, 2)))).dataSync();
    });
    expect(maxAbsDiff(app, keras)).toBeLessThan(1e-3);
    expect(Math.max(...Array.from(keras).map(Math.abs))).toBeGreaterThan(10);
  });

  it('EfficientNetB0’s Normalization: the file’s variance (ImageNet’s standard deviations, as Keras stores them) with Keras’s extra Rescaling folded in', async () => {
    const effnet = pretrainedBase('efficientnet_b0')!;
    const stem: Graph = {
      nodes: [
        { id: 'input_1', type: 'Input', params: { shape: [6, 6, 3] } },
        { id: 'rescaling', type: 'Rescaling', params: { scale: 1 / 255, offset: 0 } },
        { id: 'normalization', type: 'Normalization', params: {} },
      ],
      edges: [
        { source: 'input_1', target: 'rescaling' },
        { source: 'rescaling', target: 'normalization' },
      ],
    };
    const tiny: PretrainedBaseEntry = { ...effnet, build: () => stem };
    const file = writeKerasFile('effnet', [
      ['rescaling', []],
      [
        'normalization',
        [
          ['mean', [3], [0.485, 0.456, 0.406]],
          ['variance', [3], [0.229, 0.224, 0.225]],
          ['count', [], 0 as unknown as number[]],
        ],
      ],
    ]);
    const base = assembleBase(tiny, await readKerasWeightsFile(file), 6);
    const app = appPredict(
      tf,
      base.graph,
      base.weights.map((w) => ({ ...w, dtype: 'float32' })),
      x,
      [1, 6, 6, 3],
    );
    // ImageNet's normalisation of [0, 1] pixels: (x − mean) / std.
    const expected = Array.from(x, (v, i) => (v - [0.485, 0.456, 0.406][i % 3]) / [0.229, 0.224, 0.225][i % 3]);
    expect(maxAbsDiff(app, expected)).toBeLessThan(1e-4);
  });
});

describe('filling a project that holds a base’s layers (the course’s VGG16 example)', () => {
  it('puts the preprocessing after its Input and maps the file’s weights onto its VGG16 blocks, leaving its classifier alone', async () => {
    const { readFileSync: read } = await import('node:fs');
    const { fillBase, holdsBase } = await import('./fill');
    const { analyzeGraph } = await import('../model/analyze');
    const example = JSON.parse(read(new URL('../../projects/vgg16-transfer.json', import.meta.url), 'utf8')) as { graph: Graph };
    const vgg = pretrainedBase('vgg16')!;
    expect(holdsBase(example.graph, vgg)).toBe(true);
    expect(holdsBase(small, vgg)).toBe(false);
    // Keras's VGG16 file: every convolution (a smaller one would do, but the shapes must be VGG16's).
    const file = join(dir, 'vgg16.h5');
    const { writeBaseWeightsFile } = await import('./test-support');
    writeBaseWeightsFile(vgg, file);
    const filled = fillBase(example.graph, vgg, await readKerasWeightsFile(file));
    expect(filled.graph.nodes.slice(0, 4).map((n) => n.id)).toEqual(['input', 'preprocess_scale', 'preprocess_mean', 'block1_conv1']);
    expect(filled.weights.map((w) => w.name)).toHaveLength(3 + 26);
    expect(filled.weights.some((w) => w.name.startsWith('dense1/') || w.name.startsWith('output/'))).toBe(false);
    const analysis = analyzeGraph(filled.graph);
    expect(analysis.errors).toEqual([]);
    // The example's 14,920,598 parameters and the Normalization's 7 (ImageNet's means).
    expect(analysis.totalParams).toBe(14_920_605);
    expect(analysis.trainableParams).toBe(205_910);
    // Filling twice does not add the preprocessing twice.
    expect(fillBase(filled.graph, vgg, await readKerasWeightsFile(file)).graph.nodes).toHaveLength(filled.graph.nodes.length);
  });
});
