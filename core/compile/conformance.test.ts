/**
 * One harness every block passes, in the spirit of Keras's run_layer_test: for several parameter
 * sets per block, the shape and parameter counts core predicts are those of the compiled tf.js
 * model, the parameters survive a JSON round trip, freezing works, a training step runs with the
 * gradient flowing through the block, and augmentation blocks are random only while training.
 * The parameter sets are the block modules' own `conformance` cases; core/export/conformance.test.ts
 * runs the same cases through every exporter.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { blockTypes, getBlock } from '../model/blocks/index';
import type { ConformanceCase } from '../model/block';
import type { Graph, Shape } from '../model/graph';
import { resolveParams } from '../model/params';
import { denseBefore } from '../model/test-graphs';
import { conformanceGraph } from '../model/test-graphs';
import { compileGraph } from './compile';

type Case = ConformanceCase;

/** Every block's own parameter sets, from its module. */
const cases: Record<string, Case[]> = Object.fromEntries(blockTypes.map((type) => [type, getBlock(type)!.conformance]));

/** The same block between a shape-keeping trainable layer and a Dense head, so that a training step must send gradients through it. */
function trainingGraphFor(type: string, c: Case): Graph {
  const inputs = c.inputs.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape } }));
  const pre = denseBefore(c.inputs);
  return {
    nodes: [
      ...inputs,
      ...pre,
      { id: 'b', type, params: c.params },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'head', type: 'Dense', params: { units: 1 } },
    ],
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
    expect(blockTypes.length).toBeGreaterThan(0);
    for (const type of blockTypes)
      expect(cases[type].length, type).toBeGreaterThanOrEqual(
        type.startsWith('Global') || type === 'Dropout' || type === 'Add' || type === 'Rescaling' || type.startsWith('Random') ? 2 : 3,
      );
  });

  for (const [type, list] of Object.entries(cases)) {
    describe(type, () => {
      list.forEach((c, index) => {
        const label = `#${index + 1} ${JSON.stringify(c.params)} on ${c.inputs.map((s) => s.join('×')).join(' + ') || 'nothing'}`;

        it(`${label}: shape and parameter counts match tf.js, params survive JSON`, () => {
          const graph = conformanceGraph(type, c);
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
          const graph = conformanceGraph(type, { ...c, params: { ...c.params, trainable: false } });
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
          const graph = conformanceGraph(type, c);
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
          if (type === 'RandomCrop')
            expect(inference.arraySync()).toEqual(centreCrop(x, c.params.height as number, c.params.width as number).arraySync());
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
