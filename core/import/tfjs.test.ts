/**
 * TensorFlow.js layers models import into the app's blocks. Every conformance case of every block
 * (driven from the block registry, so a new block is covered when it is added) is written to a
 * model.json twice — by the TensorFlow.js export (the model at inference, stock layers) and as the
 * app's own training model (augmentation and Dropout layers included) — and each imports back to
 * the same blocks and predicts what the original predicts; the imported network exported again
 * predicts the same. Files that lie or are truncated get errors that say what is wrong.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { appPredict, maxAbsDiff, varyBatchNorm } from '../export/test-support';
import { folderLoader, saveToMemory, tfjsArtifacts, writeTfjs, type TfjsModelJson } from '../export/tfjs';
import { setModelWeights, weightsOfModel } from '../export/weights';
import { analyzeGraph } from '../model/analyze';
import { blockTypes, getBlock } from '../model/blocks/index';
import type { Graph } from '../model/graph';
import { chain, conformanceGraph } from '../model/test-graphs';
import { ImportError, importerFor } from './index';
import { aliasClasses, blockForClass } from './keras-layers';
import { named, refusal } from './test-support';
import { loadTfjsModel } from './tfjs';

const work = mkdtempSync(join(tmpdir(), 'nb-import-tfjs-'));
beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));
let folders = 0;
const folder = () => {
  const dir = join(work, `m${folders++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The Keras classes of a saved model that no block of the app expresses. */
function inexpressible(json: TfjsModelJson): string[] {
  const layers = (json.modelTopology as { config: { layers: { class_name: string }[] } }).config.layers;
  return layers.map((l) => l.class_name).filter((c) => !blockForClass(c) && !aliasClasses[c]);
}

function inputsOf(graph: Graph): { data: Float32Array[]; shapes: number[][] } {
  const analysis = analyzeGraph(graph);
  const shapes = analysis.inputs.map((id) => [2, ...analysis.nodes[id].outputShape!]);
  const data = shapes.map((s, k) =>
    Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 1.7 + k * 0.9 + 0.3) * 1.5),
  );
  return { data, shapes };
}

/**
 * The blocks of a graph, with what TensorFlow.js writes in another form made the same: pooling's
 * strides default to the pool size, an axis counted from the end is the same axis counted from the
 * start, and a Flatten of a vector is built as a Reshape to that vector.
 */
function comparable(graph: Graph) {
  const analysis = analyzeGraph(graph);
  return Object.fromEntries(
    Object.values(analysis.nodes).map((n) => {
      const params = { ...n.params };
      if ('poolSize' in params && params.strides === null) params.strides = params.poolSize;
      if (typeof params.axis === 'number' && params.axis < 0) params.axis = n.inputShapes[0].length + 1 + params.axis;
      if (n.type === 'Flatten' && n.inputShapes[0].length === 1)
        return [n.id, { type: 'Reshape', params: { targetShape: n.inputShapes[0], trainable: params.trainable } }];
      return [n.id, { type: n.type, params }];
    }),
  );
}

const cases = blockTypes.flatMap((type) => getBlock(type)!.conformance.map((c, i) => ({ type, c, label: `${type} #${i + 1}` })));

describe('TensorFlow.js layers model import', () => {
  it('is the importer for model.json files', () => {
    expect(importerFor('/some/where/model.json')?.format).toBe('tfjs');
  });

  it.each(cases)('$label: the TensorFlow.js export imports back and predicts the same, and so does its export', async ({ type, c }) => {
    // A linear Activation after the block keeps a layer in the export when the block does nothing at inference.
    const graph = conformanceGraph(type, c, true);
    const model = compileGraph(tf, graph, { seed: 3 });
    const weights = varyBatchNorm(weightsOfModel(model));
    model.dispose();
    const { data, shapes } = inputsOf(graph);
    const expected = appPredict(tf, graph, weights, data, shapes);
    if (c.refusedBy?.includes('tfjs')) return;

    const dir = folder();
    const artifacts = await tfjsArtifacts(tf, graph, weights);
    await writeTfjs(dir, artifacts);
    const foreign = inexpressible(artifacts.modelJson);
    if (foreign.length) {
      // The inference form of some training-only blocks (RandomCrop's centre crop and resize) is made of stock layers the app has no block for: refused, naming them.
      expect(getBlock(type)!.trainingOnly).toBe(true);
      await expect(loadTfjsModel(join(dir, 'model.json'))).rejects.toThrow(
        new RegExp(`\\(${foreign[0]}\\): the app has no block for the Keras class ${foreign[0]}`),
      );
      return;
    }
    const imported = await loadTfjsModel(join(dir, 'model.json'));
    expect(imported.format).toBe('tfjs');
    expect(maxAbsDiff(appPredict(tf, imported.graph, named(imported), data, shapes), expected)).toBeLessThan(1e-5);

    const again = folder();
    await writeTfjs(again, await tfjsArtifacts(tf, imported.graph, named(imported)));
    const loaded = await tf.loadLayersModel(folderLoader(again));
    const y = tf.tidy(() =>
      (
        loaded.predict(data.length === 1 ? tf.tensor(data[0], shapes[0]) : data.map((d, i) => tf.tensor(d, shapes[i]))) as tf.Tensor
      ).dataSync(),
    );
    loaded.dispose();
    expect(maxAbsDiff(y, expected)).toBeLessThan(1e-5);
  });

  it.each(cases)(
    '$label: the app’s own model, saved by TensorFlow.js, imports back to the same blocks and weights',
    async ({ type, c }) => {
      const graph = conformanceGraph(type, c);
      const model = compileGraph(tf, graph, { seed: 3 });
      const weights = varyBatchNorm(weightsOfModel(model));
      setModelWeights(tf, model, weights);
      const dir = folder();
      try {
        await writeTfjs(dir, await saveToMemory(tf, model));
      } finally {
        model.dispose();
      }
      const imported = await loadTfjsModel(join(dir, 'model.json'));
      expect(comparable(imported.graph)).toEqual(comparable(graph));
      expect(imported.graph.edges).toEqual(graph.edges);
      expect(imported.weights.map((w) => [w.name, w.shape, Array.from(w.data)])).toEqual(
        weights.map((w) => [w.name, w.shape, Array.from(w.data)]),
      );
      const { data, shapes } = inputsOf(graph);
      expect(
        maxAbsDiff(appPredict(tf, imported.graph, named(imported), data, shapes), appPredict(tf, graph, weights, data, shapes)),
      ).toBeLessThan(1e-6);
    },
  );
});

describe('TensorFlow.js quantized weights', () => {
  it('reads weights stored as uint8, uint16 or float16 (tensorflowjs_converter --quantize_*) as the float32 values they stand for', async () => {
    const graph: Graph = chain(
      ['x', 'Input', { shape: [3] }],
      ['a', 'Dense', { units: 2 }],
      ['b', 'Dense', { units: 2 }],
      ['c', 'Dense', { units: 1, useBias: false }],
    );
    const model = compileGraph(tf, graph, { seed: 1 });
    const artifacts = await tfjsArtifacts(tf, graph, weightsOfModel(model));
    model.dispose();
    // Each weight stored as the converter would: a's as uint8, b's as uint16 (scale and min), c's as float16.
    const q: Record<string, number[]> = {
      'a/kernel': [7, 0, 255, 128, 3, 9],
      'a/bias': [1, 2],
      'b/kernel': [0, 65535, 300, 4000],
      'b/bias': [5, 6],
      'c/kernel': [0x3c00, 0xc000],
    };
    const chunks: Uint8Array[] = [];
    for (const entry of artifacts.modelJson.weightsManifest[0].weights) {
      const values = q[entry.name];
      if (entry.name.startsWith('a/')) {
        entry.quantization = { dtype: 'uint8', scale: 0.5, min: -1 };
        chunks.push(Uint8Array.from(values));
      } else if (entry.name.startsWith('b/')) {
        entry.quantization = { dtype: 'uint16', scale: 0.25, min: 2 };
        chunks.push(new Uint8Array(Uint16Array.from(values).buffer));
      } else {
        entry.quantization = { dtype: 'float16' };
        chunks.push(new Uint8Array(Uint16Array.from(values).buffer));
      }
    }
    const data = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    chunks.reduce((offset, c) => (data.set(c, offset), offset + c.length), 0);
    const dir = folder();
    await writeTfjs(dir, { modelJson: artifacts.modelJson, weightData: data });
    const imported = await loadTfjsModel(join(dir, 'model.json'));
    const values = Object.fromEntries(imported.weights.map((w) => [w.name, Array.from(w.data)]));
    expect(values['a/kernel']).toEqual([7, 0, 255, 128, 3, 9].map((v) => v * 0.5 - 1));
    expect(values['b/kernel']).toEqual([0, 65535, 300, 4000].map((v) => v * 0.25 + 2));
    expect(values['c/kernel']).toEqual([1, -2]);
  });
});

describe('a TensorFlow.js model.json that lies or is truncated', () => {
  /** A small CNN written by the TensorFlow.js export, for the broken copies below. */
  async function written(): Promise<{ dir: string; json: TfjsModelJson }> {
    const graph: Graph = chain(
      ['img', 'Input', { shape: [6, 6, 2] }],
      ['conv', 'Conv2D', { filters: 3, kernelSize: 3, activation: 'relu' }],
      ['flat', 'Flatten'],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    );
    const model = compileGraph(tf, graph, { seed: 1 });
    const artifacts = await tfjsArtifacts(tf, graph, weightsOfModel(model));
    model.dispose();
    const dir = folder();
    await writeTfjs(dir, artifacts);
    return { dir, json: JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as TfjsModelJson };
  }

  const refused = (dir: string): Promise<ImportError> => refusal(loadTfjsModel(join(dir, 'model.json')));

  it('refuses a weight shard shorter than the manifest says', async () => {
    const { dir, json } = await written();
    const shard = join(dir, json.weightsManifest[0].paths[0]);
    const bytes = readFileSync(shard);
    writeFileSync(shard, bytes.subarray(0, bytes.length - 8));
    const error = await refused(dir);
    expect(error.message).toMatch(/need \d+ bytes.*hold \d+: they are truncated/);
    expect(error.fr).toMatch(/tronqués/);
  });

  it('refuses a missing shard, naming it', async () => {
    const { dir, json } = await written();
    rmSync(join(dir, json.weightsManifest[0].paths[0]));
    expect((await refused(dir)).message).toContain(`lists the weight file "${json.weightsManifest[0].paths[0]}", but it cannot be read`);
  });

  it('refuses a model.json that is not JSON (cut in the middle)', async () => {
    const { dir } = await written();
    const text = readFileSync(join(dir, 'model.json'), 'utf8');
    writeFileSync(join(dir, 'model.json'), text.slice(0, text.length / 2));
    expect((await refused(dir)).message).toMatch(/is not valid JSON .*Is it truncated\?/);
  });

  it('refuses a weight whose shape does not fit its layer, naming both', async () => {
    const { dir, json } = await written();
    const kernel = json.weightsManifest[0].weights.find((w) => w.name === 'conv/kernel')!;
    kernel.shape = [3, 3, 1, 6];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const error = await refused(dir);
    expect(error.message).toContain('the weight "conv/kernel" of Layer "conv" (Conv2D) has shape 3×3×1×6, but its kernel must be 3×3×2×3');
    expect(error.at).toBe('conv');
  });

  it('refuses a manifest that leaves out a weight of a layer', async () => {
    const { dir, json } = await written();
    const group = json.weightsManifest[0];
    // The last weight, out/bias (2 values), left out of both the manifest and the shard.
    expect(group.weights[group.weights.length - 1].name).toBe('out/bias');
    group.weights.pop();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const shard = join(dir, group.paths[0]);
    const bytes = readFileSync(shard);
    writeFileSync(shard, bytes.subarray(0, bytes.length - 8));
    expect((await refused(dir)).message).toContain(
      'layer "out" (Dense) needs the weight "out/bias", which the weights manifest does not list',
    );
  });

  it('refuses a layer class, an argument or an activation the app cannot express, naming it and the layer', async () => {
    const edit = async (change: (layers: { class_name: string; config: Record<string, unknown> }[]) => void) => {
      const { dir, json } = await written();
      const topology = json.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } };
      change(topology.config.layers);
      writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
      return refused(dir);
    };
    const conv = (layers: { class_name: string; config: Record<string, unknown> }[]) => layers.find((l) => l.config.name === 'conv')!;
    let error = await edit((layers) => void (conv(layers).class_name = 'Conv3D'));
    expect(error.message).toContain('Layer "conv" (Conv3D): the app has no block for the Keras class Conv3D');
    expect(error.at).toBe('conv');
    error = await edit((layers) => void (conv(layers).config.dilation_rate = [2, 2]));
    expect(error.message).toContain(
      'Layer "conv" (Conv2D): its argument `dilation_rate` is [2,2]; the app’s block only computes `dilation_rate`=1',
    );
    error = await edit((layers) => void (conv(layers).config.activation = 'mish'));
    expect(error.message).toContain('Layer "conv" (Conv2D): the activation "mish" has no equivalent block in the app');
    expect(error.fr).toContain('La couche « conv » (Conv2D) : l’activation « mish » n’a pas d’équivalent');
    error = await edit((layers) => void (conv(layers).config.made_up = 1));
    expect(error.message).toContain('its argument `made_up` (1) has no equivalent parameter in the app’s Conv2D block');
  });

  it('refuses an input of unfixed size, saying how to fix it', async () => {
    const { dir, json } = await written();
    const layers = (json.modelTopology as { config: { layers: { class_name: string; config: Record<string, unknown> }[] } }).config.layers;
    layers.find((l) => l.class_name === 'InputLayer')!.config.batch_input_shape = [null, null, null, 2];
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    expect((await refused(dir)).message).toContain(
      'Layer "img" (InputLayer): its input size is not fixed ([null,null,2]); the app’s Input has a fixed shape.',
    );
  });

  it('refuses a graph model, saying how to get a layers model', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }));
    expect((await refused(dir)).message).toContain('is a TensorFlow.js graph model');
  });
});
