import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { Tf } from '../model/block';
import { blockName, ExportError, isIdentityAtInference, planGraph, type ModelPlan } from '../model/codegen/plan';
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
 * The graph at inference, for formats that load with no custom code: augmentation blocks that do
 * nothing at inference are removed and their consumers rewired. A block whose inference form stock
 * layers cannot reproduce is refused, naming it.
 */
export function stockInferenceGraph(graph: Graph, plan: ModelPlan = planGraph(graph)): Graph {
  const removed = new Map<string, string>();
  for (const node of plan.nodes) {
    if (!node.trainingOnly) continue;
    if (isIdentityAtInference(node)) {
      removed.set(node.id, node.inputs[0]);
      continue;
    }
    const [h, w] = node.inputShapes[0];
    throw new ExportError(
      `${blockName(node)} cannot be exported to TensorFlow.js: at inference it resizes the ${h}×${w} image to ${node.params.height}×${node.params.width} with half-pixel bilinear sampling, which no stock TensorFlow.js layer reproduces exactly (its Resizing layer samples differently), so the exported model would predict differently. Set its height and width to the input size (${h}×${w}) or remove it, or export to ONNX or PyTorch, which can express it.`,
      node.id,
      node.type,
    );
  }
  const resolve = (id: string) => {
    let current = id;
    while (removed.has(current)) current = removed.get(current)!;
    return current;
  };
  const edges = graph.edges.filter((e) => !removed.has(e.target)).map((e) => ({ source: resolve(e.source), target: e.target }));
  return { nodes: graph.nodes.filter((n) => !removed.has(n.id)), edges };
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
  const model = compileGraph(tf, stockInferenceGraph(graph));
  try {
    setModelWeights(tf, model, weights);
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
