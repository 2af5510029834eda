import type { Tf } from '../model/block';
import { augmentationLayerClass } from '../model/blocks/augmentation-layers';
import { randomBrightnessBehaviour } from '../model/blocks/random-brightness';
import { randomContrastBehaviour } from '../model/blocks/random-contrast';
import { randomCropBehaviour } from '../model/blocks/random-crop';
import { randomFlipBehaviour } from '../model/blocks/random-flip';
import { randomRotationBehaviour } from '../model/blocks/random-rotation';
import { randomTranslationBehaviour } from '../model/blocks/random-translation';
import { randomZoomBehaviour } from '../model/blocks/random-zoom';

export const augmentationBehaviours = [
  randomFlipBehaviour,
  randomRotationBehaviour,
  randomZoomBehaviour,
  randomTranslationBehaviour,
  randomCropBehaviour,
  randomContrastBehaviour,
  randomBrightnessBehaviour,
];

/**
 * Registers the augmentation layer classes with tf.serialization, so that a model saved with
 * them (model.json) can be loaded with tf.loadLayersModel before any graph was compiled.
 */
export function registerCustomLayers(tf: Tf): void {
  for (const behaviour of augmentationBehaviours) augmentationLayerClass(tf, behaviour);
}
