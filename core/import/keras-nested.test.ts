/**
 * A Keras model inside the model (transfer learning: `Sequential([VGG16(…), Flatten(), Dense(…)])`
 * or a functional model calling a base) imports as the inner model's blocks, inlined and gathered
 * in a collapsed group named after it, frozen when it was, with every weight exactly where Keras
 * keeps it (HDF5, Keras 3 `.keras`, TensorFlow.js model.json). Files written by h5py
 * (keras-nested-test-files.py), numpy's forward pass as the reference.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { recordingIo } from '../cli/test-io';
import { appPredict, maxAbsDiff } from '../export/test-support';
import { analyzeGraph } from '../model/analyze';
import { kerasModelCode } from '../model/codegen/keras';
import { ProjectStore } from '../store/project-store';
import { type ImportedModel } from './index';
import { loadKerasH5, loadKerasZip } from './keras';
import { filesWrittenBy, named, refusal, weightMap, type Tensor } from './test-support';
import { loadTfjsModel } from './tfjs';

interface Case {
  input: number[];
  shape: number[];
  output: number[];
}
let expected: {
  transfer: Case;
  classifier: Case;
  bnOptions: Case;
  augmented: Case;
  transferWeights: Record<string, Tensor>;
  classifierWeights: Record<string, Tensor>;
  bnOptionsWeights: Record<string, Tensor>;
};

const file = filesWrittenBy('./keras-nested-test-files.py', 'nb-import-nested-', (e: typeof expected) => (expected = e));
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const asFloat32 = (weights: Record<string, Tensor>) =>
  Object.fromEntries(Object.entries(weights).map(([k, t]) => [k, { shape: t.shape, data: Array.from(Float32Array.from(t.data)) }]));
const predict = (m: ImportedModel, c: Case) => appPredict(tf, m.graph, named(m), Float32Array.from(c.input), c.shape);

/** The transfer model `Sequential([base, Flatten, Dense])`, base frozen, however it was saved. */
function expectTransfer(model: ImportedModel, source: string) {
  expect(model.name).toBe('transfer');
  expect(model.graph.nodes.map((n) => [n.id, n.type, n.group])).toEqual([
    [model.graph.nodes[0].id, 'Input', undefined],
    ['conv', 'Conv2D', 'base'],
    ['bn', 'BatchNormalization', 'base'],
    ['pool', 'MaxPooling2D', 'base'],
    ['flatten', 'Flatten', undefined],
    ['dense', 'Dense', undefined],
  ]);
  const input = model.graph.nodes[0].id;
  expect(model.graph.edges).toEqual([
    { source: input, target: 'conv' },
    { source: 'conv', target: 'bn' },
    { source: 'bn', target: 'pool' },
    { source: 'pool', target: 'flatten' },
    { source: 'flatten', target: 'dense' },
  ]);
  expect(model.graph.groups).toEqual([{ id: 'base', name: 'base', source, collapsed: true }]);
  // The inner model is frozen (trainable: false on the model, not on its layers): so is each of its blocks, as in Keras.
  const byId = Object.fromEntries(model.graph.nodes.map((n) => [n.id, n.params]));
  expect([byId.conv.trainable, byId.bn.trainable, byId.pool.trainable]).toEqual([false, false, false]);
  expect(byId.dense.trainable).toBeUndefined();
  const analysis = analyzeGraph(model.graph);
  expect(analysis.valid).toBe(true);
  // Keras's model.summary(): 112 (conv) + 16 (bn) + 195 (dense) parameters, only the head's trainable.
  expect([analysis.totalParams, analysis.trainableParams]).toEqual([323, 195]);
  expect(weightMap(model)).toEqual(asFloat32(expected.transferWeights));
  expect(maxAbsDiff(predict(model, expected.transfer), expected.transfer.output)).toBeLessThan(1e-5);
}

describe('a Keras model inside the model', () => {
  it('imports Sequential([frozen base, Flatten, Dense]) from HDF5 as the base’s blocks in one collapsed frozen group, weights exact, predicting what numpy does', async () => {
    const model = await loadKerasH5(file('transfer.h5'));
    expect(model.graph.nodes[0].id).toBe('base_input');
    expectTransfer(model, 'transfer.h5');
  });

  it('imports the same model saved without the Sequential’s InputLayer: the base’s input is the network’s', async () => {
    const model = await loadKerasH5(file('transfer-no-input.h5'));
    expect(model.graph.nodes[0].id).toBe('input_1');
    expectTransfer(model, 'transfer-no-input.h5');
  });

  it('imports a functional model calling a Sequential of augmentation layers (no InputLayer of its own), wired to what feeds it', async () => {
    const model = await loadKerasH5(file('augmented.h5'));
    expect(model.graph.nodes.map((n) => [n.id, n.type, n.group])).toEqual([
      ['image', 'Input', undefined],
      ['flip', 'RandomFlip', 'augment'],
      ['gap', 'GlobalAveragePooling2D', undefined],
      ['dense', 'Dense', undefined],
    ]);
    expect(model.graph.edges).toEqual([
      { source: 'image', target: 'flip' },
      { source: 'flip', target: 'gap' },
      { source: 'gap', target: 'dense' },
    ]);
    expect(model.graph.groups).toEqual([{ id: 'augment', name: 'augment', source: 'augmented.h5', collapsed: true }]);
    expect(maxAbsDiff(predict(model, expected.augmented), expected.augmented.output)).toBeLessThan(1e-5);
  });

  it('imports the same model from Keras 3 (.keras), its base’s weights under layers/functional/layers/…', async () => {
    expectTransfer(await loadKerasZip(file('transfer.keras')), 'transfer.keras');
  });

  it('imports the same model from a TensorFlow.js model.json whose manifest names the base’s weights under it', async () => {
    expectTransfer(await loadTfjsModel(file('tfjs/model.json')), 'model.json');
  });

  it('imports a functional model calling a trainable base: the base wired to what feeds it, a clashing name made unique, weights shared out by name', async () => {
    const model = await loadKerasH5(file('classifier.h5'));
    expect(model.name).toBe('classifier');
    expect(model.graph.nodes.map((n) => [n.id, n.type, n.group])).toEqual([
      ['image', 'Input', undefined],
      ['conv', 'Conv2D', 'feature_base'],
      ['bn', 'BatchNormalization', 'feature_base'],
      ['conv2', 'Conv2D', 'feature_base'],
      ['bn2', 'BatchNormalization', 'feature_base'],
      // The base's "pool" meets the model's own "pool": it takes the group's name before it.
      ['feature_base_pool', 'MaxPooling2D', 'feature_base'],
      ['pool', 'GlobalAveragePooling2D', undefined],
      ['dense', 'Dense', undefined],
    ]);
    expect(model.graph.edges).toContainEqual({ source: 'image', target: 'conv' });
    expect(model.graph.edges).toContainEqual({ source: 'feature_base_pool', target: 'pool' });
    expect(model.graph.groups).toEqual([{ id: 'feature_base', name: 'feature_base', source: 'classifier.h5', collapsed: true }]);
    expect(model.graph.nodes.filter((n) => n.params.trainable === false)).toEqual([]);
    // The file lists the base's trainable weights first and the moving statistics after them: each still reaches its own block.
    expect(weightMap(model)).toEqual(asFloat32(expected.classifierWeights));
    expect(maxAbsDiff(predict(model, expected.classifier), expected.classifier.output)).toBeLessThan(1e-5);
  });

  it('refuses an inner model called twice, or one of several outputs, naming it', async () => {
    const shared = await refusal(loadKerasH5(file('shared-base.h5')));
    expect(shared.message).toContain('Layer "feature_base" (Functional): this model inside the model is called 2 times');
    expect(shared.fr).toContain('La couche « feature_base » (Functional) : ce modèle dans le modèle est appelé 2 fois');
    expect(shared.at).toBe('feature_base');
    const outputs = await refusal(loadKerasH5(file('two-outputs.h5')));
    expect(outputs.message).toContain(
      'Layer "feature_base" (Functional): this model inside the model has 1 inputs (input_2) and 2 outputs (pool, bn)',
    );
    expect(outputs.at).toBe('feature_base');
  });

  it('neuroblocks import-model makes a project file of it: the group, the frozen base, the weights, the same predictions', async () => {
    const project = file('transfer.nbproj');
    const io = recordingIo();
    expect(await main(['import-model', file('transfer.h5'), '--out', project], io), io.text()).toBe(0);
    expect(io.text()).toMatch(/^Imported transfer\.h5 into .*transfer\.nbproj: 6 blocks, 323 parameters \(195 trainable\)/);
    const store = ProjectStore.open(project, { readOnly: true });
    try {
      const graph = store.project().graph;
      expect(graph.groups).toEqual([{ id: 'base', name: 'base', source: 'transfer.h5', collapsed: true }]);
      expect(graph.nodes.filter((n) => n.group === 'base').map((n) => [n.id, n.params.trainable])).toEqual([
        ['conv', false],
        ['bn', false],
        ['pool', false],
      ]);
      const pretrained = store.pretrained();
      expect(Object.fromEntries(pretrained.map((w) => [w.name, { shape: w.shape, data: Array.from(w.data) }]))).toEqual(
        asFloat32(expected.transferWeights),
      );
      const { input, shape, output } = expected.transfer;
      expect(maxAbsDiff(appPredict(tf, graph, pretrained, Float32Array.from(input), shape), output)).toBeLessThan(1e-5);
    } finally {
      store.close();
    }
  });
});

describe('Keras BatchNormalization without γ or β', () => {
  it('imports scale=False (as InceptionV3 has), center=False and both, counting and keeping only the weights Keras has, predicting what numpy does', async () => {
    const model = await loadKerasH5(file('bn-options.h5'));
    const params = Object.fromEntries(model.graph.nodes.map((n) => [n.id, n.params]));
    expect(params.bn_no_scale).toMatchObject({ scale: false, center: true });
    expect(params.bn_no_center).toMatchObject({ scale: true, center: false });
    expect(params.bn_neither).toMatchObject({ scale: false, center: false });
    const analysis = analyzeGraph(model.graph);
    expect(analysis.valid).toBe(true);
    // Keras's model.summary(): γ and β are counted only when present (3 channels each), the moving statistics always.
    expect([analysis.nodes.bn_no_scale.paramCount, analysis.nodes.bn_no_center.paramCount, analysis.nodes.bn_neither.paramCount]).toEqual([
      { trainable: 3, nonTrainable: 6 },
      { trainable: 3, nonTrainable: 6 },
      { trainable: 0, nonTrainable: 6 },
    ]);
    expect([analysis.totalParams, analysis.trainableParams]).toEqual([89, 71]);
    expect(weightMap(model)).toEqual(asFloat32(expected.bnOptionsWeights));
    expect(maxAbsDiff(predict(model, expected.bnOptions), expected.bnOptions.output)).toBeLessThan(1e-5);
    // The model's Keras code says the same.
    const code = kerasModelCode(model.graph);
    expect(code).toMatch(/layers\.BatchNormalization\([^)]*scale=False[^)]*name="bn_no_scale"\)/);
    expect(code).toMatch(/layers\.BatchNormalization\([^)]*center=False[^)]*name="bn_no_center"\)/);
  });
});
