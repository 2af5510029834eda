import type { Tf } from '../model/block';
import { augmentationLayerClass } from '../model/blocks/augmentation-layers';
import { customActivations, tfActivation } from '../model/blocks/common';
import { blockTypes, getBlock } from '../model/blocks/index';
import { normalizationLayerClass } from '../model/blocks/normalization';

/** The augmentation behaviours of the catalogue's training-only blocks, each declared by its block module. */
export const augmentationBehaviours = blockTypes.flatMap((type) => {
  const behaviour = getBlock(type)!.augmentation;
  return behaviour ? [behaviour] : [];
});

/**
 * Registers the augmentation layer classes with tf.serialization, so that a model saved with
 * them (model.json) can be loaded with tf.loadLayersModel before any graph was compiled; and the
 * activations and layers TensorFlow.js lacks.
 */
export function registerCustomLayers(tf: Tf): void {
  for (const behaviour of augmentationBehaviours) augmentationLayerClass(tf, behaviour);
  for (const name of customActivations) tfActivation(tf, name);
  normalizationLayerClass(tf);
}
