import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { activations } from '../model/blocks/common';
import type { Graph } from '../model/graph';
import { parseProjectText } from '../model/project-io';
import { blockTypes, getBlock } from '../model/blocks/index';
import { compileGraph } from './compile';
import { augmentationBehaviours, registerCustomLayers } from './custom-layers';
import { GraphError } from './errors';
import { chain, graphOf } from '../model/test-graphs';

const example = (name: string) => parseProjectText(readFileSync(new URL(`../../projects/${name}.json`, import.meta.url), 'utf8'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('compileGraph', () => {
  it.each([
    ['mnist-cnn', 42_358, 42_358],
    ['mnist-mlp', 79_510, 79_510],
    ['spirals-mlp', 354, 354],
    ['residual-cnn', 20_970, 20_970],
    ['augmented-cnn', 38_282, 38_282],
    ['vgg16-transfer', 14_920_598, 205_910],
  ])('%s compiles to a tf.js model with %i parameters, %i trainable, as the analysis says', (name, total, trainable) => {
    const { graph } = example(name);
    const analysis = analyzeGraph(graph);
    const model = compileGraph(tf, graph, { seed: 1 });
    const sum = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);
    expect(model.countParams()).toBe(total);
    expect(sum(model.trainableWeights)).toBe(trainable);
    expect(analysis.totalParams).toBe(total);
    for (const id of analysis.order.filter((i) => analysis.nodes[i].type !== 'Input'))
      expect(model.getLayer(id).outputShape, id).toEqual([null, ...analysis.nodes[id].outputShape!]);
    model.dispose();
  });

  it('feeds merge blocks in the order of the edges, with several inputs and outputs', () => {
    const graph = (first: string, second: string): Graph =>
      graphOf(
        [
          ['a', 'Input', { shape: [2] }],
          ['b', 'Input', { shape: [3] }],
          ['join', 'Concatenate'],
          ['double', 'Rescaling', { scale: 2 }],
        ],
        [
          [first, 'join'],
          ['a', 'double'],
          [second, 'join'],
        ],
      );
    const a = tf.tensor2d([[1, 2]]);
    const b = tf.tensor2d([[3, 4, 5]]);
    const ab = compileGraph(tf, graph('a', 'b'));
    expect(ab.inputNames).toEqual(['a', 'b']);
    expect(ab.outputNames).toEqual(analyzeGraph(graph('a', 'b')).outputs);
    const output = (model: tf.LayersModel, name: string) =>
      (model.predict([a, b]) as tf.Tensor[])[model.outputNames.indexOf(name)].arraySync();
    expect(output(ab, 'join')).toEqual([[1, 2, 3, 4, 5]]);
    expect(output(ab, 'double')).toEqual([[2, 4]]);
    expect(output(compileGraph(tf, graph('b', 'a')), 'join')).toEqual([[3, 4, 5, 1, 2]]);
  });

  it('refuses an invalid graph with a GraphError listing every error', () => {
    const graph: Graph = chain(
      ['in', 'Input', { shape: [4, 4, 1] }],
      ['conv', 'Conv2D', { filters: 2, kernelSize: 5 }],
      ['out', 'Dense', { units: 0 }],
    );
    let error: unknown;
    try {
      compileGraph(tf, graph);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphError);
    const issues = (error as GraphError).issues;
    expect(issues.map((i) => [i.nodeId, i.param])).toEqual([
      ['conv', 'kernelSize'],
      ['out', 'units'],
    ]);
    expect((error as GraphError).message).toContain('fix these 2 problems');
    expect((error as GraphError).message).toContain('`kernelSize`');
    expect(() => compileGraph(tf, { nodes: [{ id: 'in', type: 'Input', params: { shape: [3] } }], edges: [] })).toThrow(/no output/);
  });

  it('the same seed gives the same initial weights; another seed does not', () => {
    const { graph } = example('spirals-mlp');
    const weights = (seed: number) =>
      compileGraph(tf, graph, { seed })
        .getWeights()
        .map((w) => Array.from(w.dataSync()));
    expect(weights(7)).toEqual(weights(7));
    expect(weights(7)).not.toEqual(weights(8));
  });

  it('builds every activation of the catalogue', () => {
    for (const activation of activations) {
      const model = compileGraph(tf, chain(['in', 'Input', { shape: [3] }], ['act', 'Activation', { activation }]));
      const out = tf.tidy(() => Array.from((model.predict(tf.tensor2d([[-1, 0, 2]])) as tf.Tensor).dataSync()));
      expect(out.every(Number.isFinite), activation).toBe(true);
    }
  });

  it('a compiled MLP really learns XOR', async () => {
    const graph: Graph = chain(
      ['in', 'Input', { shape: [2] }],
      ['hidden', 'Dense', { units: 8, activation: 'tanh' }],
      ['out', 'Dense', { units: 1, activation: 'sigmoid' }],
    );
    const model = compileGraph(tf, graph, { seed: 3 });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
    const xs = tf.tensor2d([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    const ys = tf.tensor2d([[0], [1], [1], [0]]);
    const history = await model.fit(xs, ys, { epochs: 150, batchSize: 4, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 4);
    const predictions = Array.from((model.predict(xs) as tf.Tensor).dataSync()).map((p) => Math.round(p));
    expect(predictions).toEqual([0, 1, 1, 0]);
  });

  it('saves and loads a model with augmentation layers, predictions unchanged', async () => {
    registerCustomLayers(tf);
    expect(augmentationBehaviours.map((b) => b.type).sort()).toEqual(blockTypes.filter((t) => getBlock(t)!.trainingOnly).sort());
    const model = compileGraph(tf, example('augmented-cnn').graph, { seed: 4 });
    let saved: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory(JSON.parse(JSON.stringify(saved!.modelTopology)), saved!.weightSpecs, saved!.weightData),
    );
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(model.layers.map((l) => l.getClassName()));
    const x = tf.randomUniform([2, 28, 28, 1], 0, 1, 'float32', 9);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });
});
