import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../model/block';
import { customActivations, customLayerTypes } from '../model/blocks/common';
import { getBlock } from '../model/blocks/index';
import { cannotExport } from '../model/codegen/export-error';
import { problem } from '../i18n/catalogue';
import { ExportError, isIdentityAtInference, planGraph, type ModelPlan } from '../model/codegen/plan';
import type { Graph } from '../model/graph';
import { setModelWeights, type NamedWeight } from './weights';

export const WEIGHTS_FILE = 'group1-shard1of1.bin';

/** model.json as TensorFlow.js writes it, with the weights in one file next to it. */
export interface TfjsModelJson {
  format: 'layers-model';
  generatedBy: string;
  convertedBy: null;
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tfjs.io.WeightsManifestEntry[] }[];
}

export interface TfjsArtifacts {
  modelJson: TfjsModelJson;
  weightData: Uint8Array;
}

/** A layer whose weights the exporter fixes (an inference form's resampling), not the run. */
interface FixedWeights {
  layer: tfjs.layers.Layer;
  kernel: Float32Array;
  shape: [number, number];
}

/**
 * The model at inference with stock TensorFlow.js layers only, so that `loadLayersModel` loads it
 * with no custom code: augmentation blocks that do nothing at inference are left out, RandomCrop
 * becomes its inference form, every other block is the layer the app trains.
 */
export function stockInferenceModel(tf: Tf, graph: Graph, weights: NamedWeight[], plan: ModelPlan = planGraph(graph)): tfjs.LayersModel {
  const tensors = new Map<string, tfjs.SymbolicTensor>();
  const fixed: FixedWeights[] = [];
  for (const node of plan.nodes) {
    if (node.type === 'Input') {
      tensors.set(node.id, tf.input({ shape: node.outputShape, name: node.id }));
      continue;
    }
    const inputs = node.inputs.map((id) => tensors.get(id)!);
    if (node.trainingOnly) {
      const inference = getBlock(node.type)!.stockInference;
      if (isIdentityAtInference(node)) tensors.set(node.id, inputs[0]);
      else if (inference)
        tensors.set(
          node.id,
          inference({ tf, node, input: inputs[0], fixedWeights: (layer, kernel, shape) => void fixed.push({ layer, kernel, shape }) }),
        );
      else throw new ExportError(problem('export:tfjsNoInference', { type: node.type, id: node.id }), node.id, node.type);
      continue;
    }
    const activation = getBlock(node.type)!.activation?.(node.params);
    if (activation && customActivations.includes(activation))
      throw cannotExport(node, 'TensorFlow.js', problem('export:tfjsNoActivation', { activation }));
    if (customLayerTypes.includes(node.type)) throw cannotExport(node, 'TensorFlow.js', problem('export:tfjsNoLayer', { type: node.type }));
    const layer = getBlock(node.type)!.build({ tf, params: node.params, name: node.id, inputShapes: node.inputShapes });
    tensors.set(node.id, layer.apply(inputs.length === 1 ? inputs[0] : inputs) as tfjs.SymbolicTensor);
  }
  const model = tf.model({ inputs: plan.inputs.map((id) => tensors.get(id)!), outputs: plan.outputs.map((id) => tensors.get(id)!) });
  try {
    for (const f of fixed) f.layer.setWeights([tf.tensor2d(f.kernel, f.shape)]);
    setModelWeights(tf, model, weights, new Set(fixed.map((f) => f.layer.name)));
  } catch (error) {
    model.dispose();
    throw error;
  }
  return model;
}

function joinBuffers(data: ArrayBuffer | ArrayBuffer[]): Uint8Array {
  const buffers = Array.isArray(data) ? data : [data];
  const out = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
  let offset = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out;
}

/** Saves a model in memory, as `model.save` would write it to disk. */
export async function saveToMemory(tf: Tf, model: tfjs.LayersModel): Promise<TfjsArtifacts> {
  let saved: tfjs.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.modelTopology || !saved.weightSpecs) throw new Error('TensorFlow.js saved no model topology.');
  return {
    modelJson: {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: saved.modelTopology as object,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: saved.weightSpecs }],
    },
    weightData: joinBuffers((saved.weightData ?? new ArrayBuffer(0)) as ArrayBuffer | ArrayBuffer[]),
  };
}

/** The inference model of a graph with the given weights, in TensorFlow.js's layers format. */
export async function tfjsArtifacts(tf: Tf, graph: Graph, weights: NamedWeight[]): Promise<TfjsArtifacts> {
  const model = stockInferenceModel(tf, graph, weights);
  try {
    return await saveToMemory(tf, model);
  } finally {
    model.dispose();
  }
}

export async function writeTfjs(dir: string, artifacts: TfjsArtifacts): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'model.json'), JSON.stringify(artifacts.modelJson));
  await writeFile(join(dir, WEIGHTS_FILE), artifacts.weightData);
  return ['model.json', WEIGHTS_FILE];
}

/** An IOHandler that reads model.json and its weight files from a folder (tf.js has no file loader in pure JS). */
export function folderLoader(dir: string): tfjs.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as TfjsModelJson;
      const specs = json.weightsManifest.flatMap((g) => g.weights);
      const parts = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p))));
      const data = joinBuffers(parts.map((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer));
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        weightSpecs: specs,
        weightData: data.buffer as ArrayBuffer,
      };
    },
  };
}
