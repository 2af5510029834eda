import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../model/block';
import { ExportError } from '../model/codegen/plan';
import type { NamedWeight, WeightDtype, WeightTensor } from '../model/weight-layout';

export type { NamedWeight, WeightTensor };

/** Weights grouped by block id, then by the weight's own name (kernel, bias, gamma, …). */
export type BlockWeights = Map<string, Map<string, WeightTensor>>;

/** `conv1/kernel` → [`conv1`, `kernel`]; a block id may itself contain slashes. */
function splitName(name: string): [string, string] {
  const cut = name.lastIndexOf('/');
  if (cut <= 0)
    throw new ExportError({
      en: `The weight "${name}" does not name its block (expected "block/weight", e.g. "conv1/kernel").`,
      fr: `Le poids « ${name} » ne nomme pas son bloc (forme attendue : "bloc/poids", par exemple "conv1/kernel").`,
    });
  return [name.slice(0, cut), name.slice(cut + 1)];
}

export function groupWeights(weights: NamedWeight[]): BlockWeights {
  const groups: BlockWeights = new Map();
  for (const w of weights) {
    const [block, weight] = splitName(w.name);
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (w.data.length !== size)
      throw new ExportError(
        {
          en: `The weight "${w.name}" has ${w.data.length} values but its shape ${w.shape.join('×')} needs ${size}.`,
          fr: `Le poids « ${w.name} » a ${w.data.length} valeurs, mais sa forme ${w.shape.join('×')} en demande ${size}.`,
        },
        block,
      );
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
      if (!w)
        throw new ExportError(
          {
            en: `The weights have no "${v.originalName}" for block "${layer.name}": they come from a different model. Export from a run of this graph.`,
            fr: `Les poids n’ont pas de « ${v.originalName} » pour le bloc « ${layer.name} » : ils viennent d’un autre modèle. Exportez depuis un entraînement de ce graphe.`,
          },
          layer.name,
        );
      if (w.shape.join('×') !== v.shape.join('×'))
        throw new ExportError(
          {
            en: `The weight "${v.originalName}" has shape ${w.shape.join('×')} but block "${layer.name}" needs ${v.shape.join('×')}: the graph changed since the run. Export from a run of the current graph, or without weights.`,
            fr: `Le poids « ${v.originalName} » a la forme ${w.shape.join('×')}, mais le bloc « ${layer.name} » demande ${v.shape.join('×')} : le graphe a changé depuis cet entraînement. Exportez depuis un entraînement du graphe actuel, ou sans les poids.`,
          },
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
  if (!w)
    throw new ExportError(
      {
        en: `The weights have no "${nodeId}/${name}": they do not match this graph. Export from a run of the current graph.`,
        fr: `Les poids n’ont pas de « ${nodeId}/${name} » : ils ne correspondent pas à ce graphe. Exportez depuis un entraînement du graphe actuel.`,
      },
      nodeId,
    );
  return w;
}
