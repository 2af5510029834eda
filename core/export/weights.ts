import type * as tfjs from '@tensorflow/tfjs';
import { problem } from '../i18n/catalogue';
import type { Tf } from '../model/block';
import { ExportError } from '../model/codegen/plan';
import type { NamedWeight, WeightDtype, WeightTensor } from '../model/weight-layout';

export type { NamedWeight, WeightTensor };

/** Weights grouped by block id, then by the weight's own name (kernel, bias, gamma, …). */
export type BlockWeights = Map<string, Map<string, WeightTensor>>;

/** `conv1/kernel` → [`conv1`, `kernel`]; a block id may itself contain slashes. */
function splitName(name: string): [string, string] {
  const cut = name.lastIndexOf('/');
  if (cut <= 0) throw new ExportError(problem('export:weightWithoutBlock', { name }));
  return [name.slice(0, cut), name.slice(cut + 1)];
}

export function groupWeights(weights: NamedWeight[]): BlockWeights {
  const groups: BlockWeights = new Map();
  for (const w of weights) {
    const [block, weight] = splitName(w.name);
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (w.data.length !== size)
      throw new ExportError(problem('export:weightSize', { name: w.name, values: w.data.length, shape: w.shape.join('×'), size }), block);
    if (!groups.has(block)) groups.set(block, new Map());
    groups.get(block)!.set(weight, { shape: [...w.shape], data: Float32Array.from(w.data) });
  }
  return groups;
}

/** The weights of a tf.js model with their stable names (`layer/weight`, as a trained run names them). */
export function weightsOfModel(model: tfjs.LayersModel): NamedWeight[] {
  // A layer's weights are numbers (float32, int32) or booleans, never strings or complex values.
  return model.weights.map((v) => ({
    name: v.originalName,
    shape: v.shape as number[],
    dtype: v.dtype as WeightDtype,
    data: v.read().dataSync() as NamedWeight['data'],
  }));
}

/**
 * Sets a model's weights from named weights, by name, checking every weight of the model is given
 * with the right shape: a partial or mismatched set is an error, never a silently half-trained model.
 */
export function setModelWeights(
  tf: Tf,
  model: tfjs.LayersModel,
  weights: NamedWeight[],
  skipLayers: ReadonlySet<string> = new Set(),
): void {
  const byName = new Map(weights.map((w) => [w.name, w]));
  for (const layer of model.layers) {
    if (!layer.weights.length || skipLayers.has(layer.name)) continue;
    const values = layer.weights.map((v) => {
      const w = byName.get(v.originalName);
      if (!w) throw new ExportError(problem('export:weightMissingForBlock', { name: v.originalName, block: layer.name }), layer.name);
      if (w.shape.join('×') !== v.shape.join('×'))
        throw new ExportError(
          problem('export:weightShape', { name: v.originalName, shape: w.shape.join('×'), block: layer.name, needed: v.shape.join('×') }),
          layer.name,
        );
      return tf.tensor(Float32Array.from(w.data), w.shape, 'float32');
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** A required weight of a block, with a clear message when it is missing. */
export function blockWeight(weights: BlockWeights, nodeId: string, name: string): WeightTensor {
  const w = weights.get(nodeId)?.get(name);
  if (!w) throw new ExportError(problem('export:weightMissing', { name: `${nodeId}/${name}` }), nodeId);
  return w;
}
