/**
 * Keras files import into the app's blocks: HDF5 models and weight files in the layout Keras
 * publishes, and Keras 3 `.keras` archives, all written by h5py (keras-test-files.py) with numpy's
 * forward pass as the reference. Files that lie or are truncated get errors saying what is wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { untrainedWeights } from '../export/index';
import { appPredict, maxAbsDiff } from '../export/test-support';
import { analyzeGraph } from '../model/analyze';
import { insertBase } from '../model/base-group';
import { importerFor, type ImportedModel } from './index';
import { loadKerasH5, loadKerasZip, readKerasWeights } from './keras';
import { filesWrittenBy, named, refusal, weightMap, type Tensor } from './test-support';
import { blocksInLine, chain, chainEdges } from '../model/test-graphs';
import { projectOf, shortTraining } from '../model/project-fixtures';

interface Expected {
  functional: { input: number[]; shape: number[]; output: number[] };
  keras3: { input: number[]; shape: number[]; output: number[] };
  unevenPadding: { input: number[]; shape: number[]; output: number[] };
  functionalWeights: Record<string, Tensor>;
  sequentialWeights: Record<string, Tensor>;
  keras3Weights: Record<string, Tensor[]>;
}
let expected: Expected;
const file = filesWrittenBy('./keras-test-files.py', 'nb-import-keras-', (e: Expected) => (expected = e));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const asFloat32 = (t: Tensor) => ({ shape: t.shape, data: Array.from(Float32Array.from(t.data)) });
const blocks = (m: ImportedModel) => {
  const analysis = analyzeGraph(m.graph);
  return m.graph.nodes.map((n) => ({ id: n.id, type: n.type, params: analysis.nodes[n.id].params }));
};

describe('Keras HDF5 import', () => {
  it('is the importer for .h5 and .keras files', () => {
    expect(importerFor('resnet.H5')?.format).toBe('keras-h5');
    expect(importerFor('net.keras')?.format).toBe('keras');
  });

  it('imports a functional tf.keras model: its graph, its weights, and numpy’s predictions', async () => {
    const model = await loadKerasH5(file('functional.h5'));
    expect(model).toMatchObject({ format: 'keras-h5', name: 'residual_cnn' });
    expect(blocksInLine(model.graph)).toBe(
      'input_1:Input conv:Conv2D bn:BatchNormalization relu:Activation dw:DepthwiseConv2D add:Add gap:GlobalAveragePooling2D dense:Dense',
    );
    expect(model.graph.edges.filter((e) => e.target === 'add').map((e) => e.source)).toEqual(['relu', 'dw']);
    const byId = Object.fromEntries(blocks(model).map((n) => [n.id, n.params]));
    expect(byId.input_1.shape).toEqual([8, 8, 3]);
    expect(byId.conv).toMatchObject({ filters: 4, kernelSize: 3, padding: 'same', strides: 1, activation: 'linear', useBias: true });
    expect(byId.bn).toMatchObject({ axis: -1, epsilon: 0.001, momentum: 0.99 });
    expect(byId.relu.activation).toBe('relu6');
    expect(byId.dw).toMatchObject({ kernelSize: 3, padding: 'same', depthMultiplier: 1, useBias: false });
    expect(byId.dense).toMatchObject({ units: 3, activation: 'softmax', kernelRegularizer: { l2: 0.01 } });
    expect(weightMap(model)).toEqual(Object.fromEntries(Object.entries(expected.functionalWeights).map(([k, v]) => [k, asFloat32(v)])));

    const { input, shape, output } = expected.functional;
    const predicted = appPredict(tf, model.graph, named(model), Float32Array.from(input), shape);
    expect(maxAbsDiff(predicted, output)).toBeLessThan(1e-4);
  });

  it('imports a Sequential model without InputLayer, taking the input shape from its first layer, with its weights exactly', async () => {
    const model = await loadKerasH5(file('sequential.h5'));
    const nodes = blocks(model);
    expect(blocksInLine(model.graph)).toBe('input:Input c1:Conv2D pool:MaxPooling2D flat:Flatten drop:Dropout out:Dense');
    expect(model.graph.edges).toEqual(chainEdges('input', 'c1', 'pool', 'flat', 'drop', 'out'));
    expect(nodes[0].params.shape).toEqual([6, 6, 1]);
    expect(nodes[2].params).toMatchObject({ poolSize: 2, strides: 2 });
    expect(nodes[4].params.rate).toBe(0.25);
    expect(nodes[5].params).toMatchObject({ units: 2, activation: 'sigmoid', trainable: false });
    expect(weightMap(model)).toEqual(Object.fromEntries(Object.entries(expected.sequentialWeights).map(([k, v]) => [k, asFloat32(v)])));
  });

  it('reads a weights-only file in the published layout (the Keras Applications weights)', async () => {
    const weights = await readKerasWeights(file('weights-only.h5'));
    expect(weights.layout).toBe('keras2');
    expect(weights.kerasVersion).toBe('2.15.0');
    expect([...weights.layers.keys()]).toEqual(['input_1', 'conv', 'bn', 'relu', 'dw', 'add', 'gap', 'dense']);
    expect(weights.layers.get('bn')!.map((w) => w.label)).toEqual([
      '"bn/bn/gamma:0"',
      '"bn/bn/beta:0"',
      '"bn/bn/moving_mean:0"',
      '"bn/bn/moving_variance:0"',
    ]);
    const conv = weights.layers.get('conv')!;
    expect({ shape: conv[0].shape, data: Array.from(conv[0].data) }).toEqual(asFloat32(expected.functionalWeights['conv/kernel']));
  });

  it('reads a layer list Keras split into pieces (layer_names0, layer_names1, …)', async () => {
    const weights = await readKerasWeights(file('weights-chunked.h5'));
    expect([...weights.layers.keys()]).toEqual(['input_1', 'conv', 'bn', 'relu', 'dw', 'add', 'gap', 'dense']);
  });

  it('reads half-precision weights as the float32 values they hold, integers a float32 holds exactly, and refuses larger integers', async () => {
    const half = await readKerasWeights(file('weights-f16.h5'));
    const kernel = half.layers.get('conv')![0];
    const reference = expected.functionalWeights['conv/kernel'].data;
    expect(kernel.shape).toEqual([3, 3, 3, 4]);
    expect(maxAbsDiff(kernel.data, reference)).toBeGreaterThan(0);
    expect(maxAbsDiff(kernel.data, reference)).toBeLessThan(1e-3);
    const count = (await readKerasWeights(file('weights-count.h5'))).layers.get('normalization')![0];
    expect(count.shape).toEqual([]);
    expect(Array.from(count.data)).toEqual([50000]);
    const error = await refusal(readKerasWeights(file('weights-int.h5')));
    expect(error.message).toContain('"weights-int.h5": the weight "conv/conv/kernel:0" holds integers too large to be kept exactly');
  });

  it('refuses a weights-only file as a model, saying it has no description of the network', async () => {
    const error = await refusal(loadKerasH5(file('weights-only.h5')));
    expect(error.message).toContain('"weights-only.h5" has no model_config attribute: it holds weights only');
  });

  it('refuses a truncated file', async () => {
    const bytes = readFileSync(file('functional.h5'));
    writeFileSync(file('truncated.h5'), bytes.subarray(0, Math.floor(bytes.length / 3)));
    const error = await refusal(loadKerasH5(file('truncated.h5')));
    expect(error.message).toMatch(/"truncated.h5"(:| is not a readable HDF5 file).*(damaged|truncated)/s);
  });

  it('refuses a file that is not HDF5 at all', async () => {
    writeFileSync(file('text.h5'), 'this is not a Keras file\n');
    expect((await refusal(loadKerasH5(file('text.h5')))).message).toContain('"text.h5" is not a readable HDF5 file');
  });

  it('refuses a weight whose shape does not fit its layer, naming the weight, the layer and both shapes', async () => {
    const error = await refusal(loadKerasH5(file('bad-shape.h5')));
    expect(error.message).toContain(
      'the weight "conv/conv/kernel:0" of Layer "conv" (Conv2D) has shape 3×3×3×5, but its kernel must be 3×3×3×4',
    );
    expect(error.at).toBe('conv');
  });

  it('refuses a file that lists a layer without its weights', async () => {
    const error = await refusal(loadKerasH5(file('missing-group.h5')));
    expect(error.message).toContain('lists the layer "dense" in layer_names but has no group of weights for it');
  });

  it('refuses a layer class the app has no block for, naming it and the layer', async () => {
    const error = await refusal(loadKerasH5(file('op-lambda.h5')));
    expect(error.message).toContain('Layer "gap" (TFOpLambda): the app has no block for the Keras class TFOpLambda');
    expect(error.at).toBe('gap');
  });
});

describe('Keras 3 .keras import', () => {
  it('imports config.json and model.weights.h5 (weights by the paths Keras 3 gives layers) and predicts what numpy does', async () => {
    const model = await loadKerasZip(file('net.keras'));
    expect(model).toMatchObject({ format: 'keras', name: 'keras3_net' });
    const nodes = blocks(model);
    expect(blocksInLine(model.graph)).toBe(
      'pixels:Input stem:Conv2D stem_bn:BatchNormalization act:Activation sep:SeparableConv2D proj:Conv2D cat:Concatenate pool:GlobalAveragePooling2D head:Dense',
    );
    expect(nodes[3].params.activation).toBe('swish');
    expect(nodes[1].params).toMatchObject({ strides: 2, padding: 'same' });
    expect(model.graph.edges.filter((e) => e.target === 'cat').map((e) => e.source)).toEqual(['act', 'proj']);
    const w = weightMap(model);
    const k3 = expected.keras3Weights;
    expect(w['stem/kernel']).toEqual(asFloat32(k3.conv2d[0]));
    expect(w['proj/kernel']).toEqual(asFloat32(k3.conv2d_1[0]));
    expect(w['sep/pointwise_kernel']).toEqual(asFloat32(k3.separable_conv2d[1]));
    expect(w['stem_bn/moving_variance']).toEqual(asFloat32(k3.batch_normalization[3]));
    expect(Object.keys(w)).toHaveLength(13);

    const { input, shape, output } = expected.keras3;
    expect(maxAbsDiff(appPredict(tf, model.graph, named(model), Float32Array.from(input), shape), output)).toBeLessThan(1e-4);
  });

  it('reads a Keras 3 weight file by layer path', async () => {
    const weights = await readKerasWeights(file('keras3.weights.h5'));
    expect(weights.layout).toBe('keras3');
    expect([...weights.layers.keys()].sort()).toEqual(['batch_normalization', 'conv2d', 'conv2d_1', 'dense', 'separable_conv2d']);
    expect(weights.layers.get('dense')!.map((t) => t.shape)).toEqual([[8, 5], [5]]);
  });

  it('refuses an archive without its weights and a truncated archive', async () => {
    expect((await refusal(loadKerasZip(file('no-weights.keras')))).message).toContain(
      '"no-weights.keras" has no model.weights.h5; a .keras file holds config.json and model.weights.h5',
    );
    const bytes = readFileSync(file('net.keras'));
    writeFileSync(file('cut.keras'), bytes.subarray(0, bytes.length - 200));
    expect((await refusal(loadKerasZip(file('cut.keras')))).message).toMatch(/"cut.keras" is not a readable .keras file \(a zip archive\)/);
  });

  it('imports MobileNetV2’s uneven ZeroPadding2D ((0, 1), (0, 1)) before a strided "valid" convolution, predicting what numpy does', async () => {
    const model = await loadKerasH5(file('uneven-padding.h5'));
    const nodes = blocks(model);
    expect(blocksInLine(model.graph)).toBe('pixels:Input pad:ZeroPadding2D conv:Conv2D gap:GlobalAveragePooling2D dense:Dense');
    expect(nodes[1].params.padding).toEqual([
      [0, 1],
      [0, 1],
    ]);
    const analysis = analyzeGraph(model.graph);
    expect(analysis.errors).toEqual([]);
    expect(analysis.nodes.pad.outputShape).toEqual([9, 8, 3]);
    expect(analysis.nodes.conv.outputShape).toEqual([4, 3, 4]);
    const { input, shape, output } = expected.unevenPadding;
    expect(maxAbsDiff(appPredict(tf, model.graph, named(model), Float32Array.from(input), shape), output)).toBeLessThan(1e-5);
  });
});

describe('an imported Keras network as a pretrained base', () => {
  it('goes into a project as a frozen base group, and the project’s model starts from its weights', async () => {
    const imported = await loadKerasZip(file('net.keras'));
    const project = projectOf(
      'On a Keras base',
      chain(['in', 'Input', { shape: [8, 8, 3] }], ['classes', 'Dense', { units: 2, activation: 'softmax' }]),
      { dataset: { kind: 'builtin', name: 'mnist' }, training: shortTraining() },
    );
    const inserted = insertBase(
      project,
      { name: imported.name, source: 'net.keras', graph: imported.graph, weights: imported.weights },
      { upTo: 'pool' },
    );
    const base = inserted.project.graph.nodes.filter((n) => n.group === inserted.group.id);
    expect(base.map((n) => n.type)).toEqual([
      'Conv2D',
      'BatchNormalization',
      'Activation',
      'SeparableConv2D',
      'Conv2D',
      'Concatenate',
      'GlobalAveragePooling2D',
    ]);
    expect(base.filter((n) => n.params.trainable !== false)).toEqual([]);
    expect(inserted.weights).toHaveLength(11);

    const weights = new Map(untrainedWeights(tf, inserted.project, inserted.weights).map((w) => [w.name, Array.from(w.data)]));
    for (const w of inserted.weights) expect(weights.get(w.name)).toEqual(Array.from(w.data));
    const stem = inserted.weights.find((w) => w.name.endsWith('stem/kernel'))!;
    expect(Array.from(stem.data)).toEqual(asFloat32(expected.keras3Weights.conv2d[0]).data);
  });
});
