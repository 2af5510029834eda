/**
 * One harness every block passes, in the spirit of Keras's run_layer_test: for several parameter
 * sets per block, the shape and parameter counts core predicts are those of the compiled tf.js
 * model, the parameters survive a JSON round trip, freezing works, a training step runs with the
 * gradient flowing through the block, and augmentation blocks are random only while training.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { blockTypes, getBlock } from '../model/blocks/index';
import type { Graph, Shape } from '../model/graph';
import { resolveParams } from '../model/params';
import { compileGraph } from './compile';

interface Case {
  params: Record<string, unknown>;
  /** Input shapes, one per incoming edge. */
  inputs: Shape[];
}

const image = (h: number, w: number, c: number): Shape[] => [[h, w, c]];

const cases: Record<string, Case[]> = {
  Input: [
    { params: { shape: [5] }, inputs: [] },
    { params: { shape: [4, 3] }, inputs: [] },
    { params: { shape: [6, 6, 2] }, inputs: [] },
  ],
  Conv2D: [
    { params: { filters: 3, kernelSize: 3, activation: 'relu' }, inputs: image(8, 8, 1) },
    { params: { filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }, inputs: image(7, 9, 3) },
    { params: { filters: 4, kernelSize: 2, strides: [2, 1], useBias: false, kernelRegularizer: { l2: 0.01 } }, inputs: image(6, 5, 2) },
    { params: { filters: 2, kernelSize: 5, activation: 'gelu', kernelRegularizer: { l1: 0.01, l2: 0.01 } }, inputs: image(5, 5, 2) },
  ],
  MaxPooling2D: [
    { params: {}, inputs: image(8, 8, 2) },
    { params: { poolSize: 3, strides: 2 }, inputs: image(9, 7, 1) },
    { params: { poolSize: [2, 3], padding: 'same' }, inputs: image(5, 7, 2) },
  ],
  AveragePooling2D: [
    { params: {}, inputs: image(6, 6, 3) },
    { params: { poolSize: 3, strides: 1 }, inputs: image(5, 6, 1) },
    { params: { poolSize: 2, strides: 3, padding: 'same' }, inputs: image(7, 7, 2) },
  ],
  GlobalAveragePooling2D: [{ params: {}, inputs: image(4, 5, 3) }, { params: {}, inputs: image(1, 1, 2) }],
  GlobalMaxPooling2D: [{ params: {}, inputs: image(4, 5, 3) }, { params: {}, inputs: image(3, 2, 1) }],
  Flatten: [{ params: {}, inputs: image(3, 4, 2) }, { params: {}, inputs: [[3, 5]] }, { params: {}, inputs: [[6]] }],
  Dense: [
    { params: { units: 3, activation: 'softmax' }, inputs: [[5]] },
    { params: { units: 4, useBias: false, activation: 'swish', kernelRegularizer: { l2: 0.001 } }, inputs: [[6]] },
    { params: { units: 2, activation: 'selu' }, inputs: [[3, 4]] },
    { params: { units: 3 }, inputs: image(2, 3, 4) },
  ],
  Dropout: [{ params: { rate: 0.2 }, inputs: [[6]] }, { params: { rate: 0.5 }, inputs: image(4, 4, 2) }],
  BatchNormalization: [
    { params: {}, inputs: image(4, 4, 3) },
    { params: { momentum: 0.9, epsilon: 0.01 }, inputs: [[5]] },
    { params: { axis: 2 }, inputs: [[3, 4]] },
    { params: { axis: 3, epsilon: 0.1 }, inputs: image(3, 4, 2) },
  ],
  Activation: [
    { params: { activation: 'relu' }, inputs: [[5]] },
    { params: { activation: 'softmax' }, inputs: [[3, 4]] },
    { params: { activation: 'elu' }, inputs: image(3, 3, 2) },
    { params: { activation: 'softplus' }, inputs: [[4]] },
  ],
  Add: [
    { params: {}, inputs: [[5], [5]] },
    { params: {}, inputs: [[4, 4, 2], [4, 4, 2], [4, 4, 2]] },
    { params: {}, inputs: [[3, 4], [3, 4]] },
  ],
  Concatenate: [
    { params: {}, inputs: [[3], [5]] },
    { params: {}, inputs: [[4, 4, 2], [4, 4, 3]] },
    { params: { axis: 1 }, inputs: [[2, 3], [4, 3], [1, 3]] },
    { params: { axis: -2 }, inputs: [[3, 2, 2], [3, 5, 2]] },
  ],
  Rescaling: [{ params: {}, inputs: image(4, 4, 1) }, { params: { scale: 2, offset: -1 }, inputs: [[5]] }],
  RandomFlip: [
    { params: {}, inputs: image(6, 6, 1) },
    { params: { mode: 'horizontal' }, inputs: image(5, 7, 3) },
    { params: { mode: 'vertical' }, inputs: image(4, 4, 2) },
  ],
  RandomRotation: [
    { params: { factor: 0.1 }, inputs: image(8, 8, 1) },
    { params: { factor: [-0.2, 0.3], fillMode: 'constant', fillValue: 0.5, interpolation: 'nearest' }, inputs: image(6, 9, 2) },
  ],
  RandomZoom: [
    { params: { heightFactor: 0.2 }, inputs: image(8, 8, 1) },
    { params: { heightFactor: [-0.3, -0.1], widthFactor: [0.1, 0.2], fillMode: 'wrap' }, inputs: image(6, 7, 3) },
  ],
  RandomTranslation: [
    { params: { heightFactor: 0.2, widthFactor: 0.2 }, inputs: image(8, 8, 1) },
    { params: { heightFactor: [-0.3, 0.1], widthFactor: 0.25, fillMode: 'nearest' }, inputs: image(6, 5, 2) },
  ],
  RandomCrop: [
    { params: { height: 5, width: 5 }, inputs: image(8, 8, 1) },
    { params: { height: 4, width: 6 }, inputs: image(7, 9, 2) },
    { params: { height: 3, width: 2 }, inputs: image(4, 4, 2) },
  ],
  RandomContrast: [
    { params: { factor: 0.5 }, inputs: image(6, 6, 1) },
    { params: { factor: [0.2, 0.6], valueRange: [0, 255] }, inputs: image(5, 5, 3) },
  ],
  RandomBrightness: [
    { params: { factor: 0.3 }, inputs: image(6, 6, 1) },
    { params: { factor: [-0.5, 0.2], valueRange: [-1, 1] }, inputs: image(4, 5, 2) },
  ],
};

/** Inputs `in0`, `in1`, … feeding the block under test, `b`, in edge order. */
function graphFor(type: string, c: Case): Graph {
  // An Input alone is not a model: a linear Activation after it makes one that outputs the Input unchanged.
  if (type === 'Input')
    return { nodes: [{ id: 'b', type, params: c.params }, { id: 'probe', type: 'Activation', params: { activation: 'linear' } }], edges: [{ source: 'b', target: 'probe' }] };
  const inputs = c.inputs.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape } }));
  return { nodes: [...inputs, { id: 'b', type, params: c.params }], edges: inputs.map((n) => ({ source: n.id, target: 'b' })) };
}

/** The same block between a shape-keeping trainable layer and a Dense head, so that a training step must send gradients through it. */
function trainingGraphFor(type: string, c: Case): Graph {
  const inputs = c.inputs.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape } }));
  const pre = c.inputs.map((shape, i) => ({ id: `pre${i}`, type: 'Dense', params: { units: shape[shape.length - 1], activation: 'sigmoid' } }));
  return {
    nodes: [...inputs, ...pre, { id: 'b', type, params: c.params }, { id: 'flat', type: 'Flatten', params: {} }, { id: 'head', type: 'Dense', params: { units: 1 } }],
    edges: [
      ...inputs.map((n, i) => ({ source: n.id, target: pre[i].id })),
      ...pre.map((n) => ({ source: n.id, target: 'b' })),
      { source: 'b', target: 'flat' },
      { source: 'flat', target: 'head' },
    ],
  };
}

const weightCount = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);
const randomBatch = (shapes: Shape[], batch: number) => shapes.map((s) => tf.randomUniform([batch, ...s], 0, 1, 'float32', 3));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('block conformance', () => {
  it('has parameter sets for every block of the catalogue', () => {
    expect([...blockTypes].sort()).toEqual(Object.keys(cases).sort());
    for (const type of blockTypes) expect(cases[type].length, type).toBeGreaterThanOrEqual(type.startsWith('Global') || type === 'Dropout' || type === 'Add' || type === 'Rescaling' || type.startsWith('Random') ? 2 : 3);
  });

  for (const [type, list] of Object.entries(cases)) {
    describe(type, () => {
      list.forEach((c, index) => {
        const label = `#${index + 1} ${JSON.stringify(c.params)} on ${c.inputs.map((s) => s.join('×')).join(' + ') || 'nothing'}`;

        it(`${label}: shape and parameter counts match tf.js, params survive JSON`, () => {
          const graph = graphFor(type, c);
          const analysis = analyzeGraph(graph);
          expect(analysis.errors).toEqual([]);
          const node = analysis.nodes.b;
          const predicted = node.outputShape!;

          const model = compileGraph(tf, graph, { seed: 1 });
          if (type === 'Input') expect(model.inputs[0].shape).toEqual([null, ...predicted]);
          expect(model.outputs[0].shape).toEqual([null, ...predicted]);
          const output = tf.tidy(() => (model.predict(randomBatch(c.inputs.length ? c.inputs : [predicted], 2)) as tf.Tensor).shape);
          expect(output).toEqual([2, ...predicted]);

          expect(model.countParams()).toBe(node.paramCount.trainable + node.paramCount.nonTrainable);
          expect(weightCount(model.trainableWeights)).toBe(node.paramCount.trainable);
          expect(weightCount(model.nonTrainableWeights)).toBe(node.paramCount.nonTrainable);

          const block = getBlock(type)!;
          const roundTrip = resolveParams(block.params, JSON.parse(JSON.stringify(node.params)));
          expect(roundTrip.problems).toEqual([]);
          expect(roundTrip.values).toEqual(node.params);
          expect(typeof block.describe(node.params)).toBe('string');

          const restored = tf.models.modelFromJSON(JSON.parse(JSON.stringify(model.toJSON(null, false))));
          return restored.then((m) => {
            expect(m.countParams()).toBe(model.countParams());
            expect(m.outputs[0].shape).toEqual(model.outputs[0].shape);
            model.dispose();
            m.dispose();
          });
        });

        if (type === 'Input') return;

        it(`${label}: trainable false moves every weight to non-trainable`, () => {
          const graph = graphFor(type, { ...c, params: { ...c.params, trainable: false } });
          const analysis = analyzeGraph(graph);
          const model = compileGraph(tf, graph);
          expect(analysis.trainableParams).toBe(0);
          expect(weightCount(model.trainableWeights)).toBe(0);
          expect(weightCount(model.nonTrainableWeights)).toBe(analysis.nonTrainableParams);
          expect(model.countParams()).toBe(analysis.totalParams);
          model.dispose();
        });

        it(`${label}: a training step runs and sends gradients through the block`, async () => {
          const model = compileGraph(tf, trainingGraphFor(type, c), { seed: 2 });
          model.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
          const before = model.getLayer('pre0').getWeights()[0].arraySync();
          const xs = randomBatch(c.inputs, 4);
          const ys = tf.randomUniform([4, 1], 0, 1, 'float32', 5);
          const history = await model.fit(xs, ys, { epochs: 1, batchSize: 4, verbose: 0 });
          expect(Number.isFinite(history.history.loss[0] as number)).toBe(true);
          expect(model.getLayer('pre0').getWeights()[0].arraySync()).not.toEqual(before);
          tf.dispose([...xs, ys]);
          model.dispose();
        });

        if (!getBlock(type)!.trainingOnly) return;

        it(`${label}: random while training, its inference form otherwise, and seeded`, () => {
          const graph = graphFor(type, c);
          const predicted = analyzeGraph(graph).nodes.b.outputShape!;
          const layer = compileGraph(tf, graph, { seed: 3 }).getLayer('b');
          const twin = compileGraph(tf, graph, { seed: 3 }).getLayer('b');
          const [x] = randomBatch(c.inputs, 4);
          const inference = layer.apply(x) as tf.Tensor;
          const training = layer.apply(x, { training: true }) as tf.Tensor;
          const replay = twin.apply(x, { training: true }) as tf.Tensor;
          expect(training.shape).toEqual([4, ...predicted]);
          expect(inference.shape).toEqual([4, ...predicted]);
          expect(replay.arraySync()).toEqual(training.arraySync());
          expect(training.arraySync()).not.toEqual(inference.arraySync());
          // Every image gets its own draw (a flip may leave an image as it is, and a crop is one window per batch).
          if (type !== 'RandomFlip' && type !== 'RandomCrop') {
            const trained = training.arraySync() as number[][][][];
            (x.arraySync() as number[][][][]).forEach((img, i) => expect(trained[i], `image ${i}`).not.toEqual(img));
          }
          if (type === 'RandomCrop') expect(inference.arraySync()).toEqual(centreCrop(x, c.params.height as number, c.params.width as number).arraySync());
          else expect(inference.arraySync()).toEqual(x.arraySync());
        });
      });
    });
  }
});

/** Keras's inference form of RandomCrop, computed independently: largest centred window with the target proportions, resized. */
function centreCrop(x: tf.Tensor, height: number, width: number): tf.Tensor {
  const [, h, w] = x.shape;
  const cropH = Math.min(h, Math.floor((w * height) / width));
  const cropW = Math.min(w, Math.floor((h * width) / height));
  const top = Math.floor((h - cropH) / 2);
  const left = Math.floor((w - cropW) / 2);
  const window = tf.slice(x, [0, top, left, 0], [-1, cropH, cropW, -1]);
  return cropH === height && cropW === width ? window : tf.image.resizeBilinear(window as tf.Tensor4D, [height, width], false, true);
}
