import { bounds } from '../params';
import { perImage, uniform, type AugmentationBehaviour } from './augmentation-layers';
import { augmentationBlock, augmentationNote } from './augmentation-block';
import { formatFactor, valueRangeSpec } from './common';

export const randomBrightnessBehaviour: AugmentationBehaviour = {
  type: 'RandomBrightness',
  augment(tf, images, options, random) {
    const [low, high] = bounds(options.factor);
    const [min, max] = bounds(options.valueRange);
    const deltas = perImage(tf, images, () => uniform(random, low, high) * (max - min));
    return tf.clipByValue(tf.add(images, deltas), min, max) as typeof images;
  },
};

export const RandomBrightness = augmentationBlock({
  behaviour: randomBrightnessBehaviour,
  params: {
    factor: {
      kind: 'range',
      default: 0.2,
      min: -1,
      max: 1,
      help: {
        en: 'Brightness change as a fraction of `valueRange`: 0.2 adds between −20% and +20% of the range to every pixel.',
        fr: 'Changement de luminosité en fraction de `valueRange` : 0.2 ajoute entre −20 % et +20 % de la plage à chaque pixel.',
      },
    },
    valueRange: valueRangeSpec,
  },
  keras: { positional: ['factor'], defaults: { valueRange: [0, 255], seed: null } },
  conformance: [
    { params: { factor: 0.3 }, inputs: [[6, 6, 1]] },
    { params: { factor: [-0.5, 0.2], valueRange: [-1, 1] }, inputs: [[4, 5, 2]] },
  ],
  describe: (params, language) => formatFactor(params.factor, language),
  doc: {
    en: {
      summary: 'Makes each training image brighter or darker by a random amount.',
      details: `The same random amount is added to every pixel of an image, then the result is clipped to \`valueRange\` ([0, 1] by default, as Neuroblocks scales pixels to 0–1; [0, 255] for raw pixels). ${augmentationNote.en}`,
      formula: 'y = clip(x + δ · (max − min), min, max), δ ~ U(lower, upper)',
      whenToUse: 'When the images were taken under different lighting.',
    },
    fr: {
      summary: 'Rend chaque image d’entraînement plus claire ou plus sombre d’une quantité aléatoire.',
      details: `La même quantité aléatoire est ajoutée à tous les pixels d’une image, puis le résultat est borné à \`valueRange\` ([0, 1] par défaut, car Neuroblocks ramène les pixels entre 0 et 1 ; [0, 255] pour des pixels bruts). ${augmentationNote.fr}`,
      formula: 'y = borne(x + δ · (max − min), min, max), δ ~ U(borne inf., borne sup.)',
      whenToUse: 'Quand les images ont été prises sous des éclairages différents.',
    },
  },
});
