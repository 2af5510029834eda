import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../model/block';
import { getBlock } from '../model/blocks/index';
import { blockName, blockNameFr, ExportError, isIdentityAtInference, planGraph, type ModelPlan, type PlanNode } from '../model/codegen/plan';
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

/**
 * Half-pixel bilinear resampling of one axis as a matrix [size, target]: the rows of the window
 * [start, start + length) are resized to `target` values exactly as tf.image.resizeBilinear
 * (halfPixelCenters) does, so a Dense layer with this kernel reproduces it.
 */
export function resizeMatrix(size: number, start: number, length: number, target: number): Float32Array {
  const m = new Float32Array(size * target);
  const ratio = length / target;
  for (let o = 0; o < target; o++) {
    const source = ratio * (o + 0.5) - 0.5;
    const floor = Math.floor(source);
    const frac = source - floor;
    const lower = Math.max(0, floor);
    const upper = Math.min(length - 1, Math.ceil(source));
    m[(start + lower) * target + o] += 1 - frac;
    m[(start + upper) * target + o] += frac;
  }
  return m;
}

interface FixedWeights {
  layer: tfjs.layers.Layer;
  kernel: Float32Array;
  shape: [number, number];
}

/**
 * RandomCrop at inference (the largest centred window with the target's proportions, resized to
 * height × width) with stock layers only: resizing is linear along each axis, so it is two Dense
 * layers with fixed kernels, each applied to the axis moved last by a Permute.
 */
function centreCropResize(tf: Tf, node: PlanNode, x: tfjs.SymbolicTensor, fixed: FixedWeights[]): tfjs.SymbolicTensor {
  const [h, w] = node.inputShapes[0];
  const th = node.params.height as number;
  const tw = node.params.width as number;
  const cropH = Math.min(h, Math.floor((w * th) / tw));
  const cropW = Math.min(w, Math.floor((h * tw) / th));
  const top = Math.floor((h - cropH) / 2);
  const left = Math.floor((w - cropW) / 2);
  const dense = (suffix: string, size: number, start: number, length: number, target: number, input: tfjs.SymbolicTensor) => {
    const layer = tf.layers.dense({ name: `${node.id}_${suffix}`, units: target, useBias: false, trainable: false });
    const out = layer.apply(input) as tfjs.SymbolicTensor;
    fixed.push({ layer, kernel: resizeMatrix(size, start, length, target), shape: [size, target] });
    return out;
  };
  let y = tf.layers.permute({ name: `${node.id}_width_last`, dims: [1, 3, 2] }).apply(x) as tfjs.SymbolicTensor; // h × c × w
  y = dense('resize_width', w, left, cropW, tw, y); // h × c × tw
  y = tf.layers.permute({ name: `${node.id}_height_last`, dims: [3, 2, 1] }).apply(y) as tfjs.SymbolicTensor; // tw × c × h
  y = dense('resize_height', h, top, cropH, th, y); // tw × c × th
  return tf.layers.permute({ name: node.id, dims: [3, 1, 2] }).apply(y) as tfjs.SymbolicTensor; // th × tw × c
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
      if (isIdentityAtInference(node)) tensors.set(node.id, inputs[0]);
      else if (node.type === 'RandomCrop') tensors.set(node.id, centreCropResize(tf, node, inputs[0], fixed));
      else
        throw new ExportError(
          {
            en: `${blockName(node)} has no inference form that stock TensorFlow.js layers can express. Remove it to export to TensorFlow.js.`,
            fr: `${blockNameFr(node)} n’a pas de forme d’inférence que les couches standard de TensorFlow.js sachent exprimer. Retirez-le pour exporter vers TensorFlow.js.`,
          },
          node.id,
          node.type,
        );
      continue;
    }
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
      return { modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy, weightSpecs: specs, weightData: data.buffer as ArrayBuffer };
    },
  };
}
