import { bounds } from '../params';
import { perImage, uniform, type AugmentationBehaviour } from './augmentation-layers';
import { augmentationBlock, augmentationNote } from './augmentation-block';
import { formatFactor, valueRangeSpec } from './common';

/** Keras's contrast bounds: f means [1 − f, 1 + f]; [a, b] means [1 − a, 1 + b]. */
function contrastBounds(factor: unknown): [number, number] {
  const [a, b] = Array.isArray(factor) ? (factor as [number, number]) : [factor as number, factor as number];
  return [1 - a, 1 + b];
}

export const randomContrastBehaviour: AugmentationBehaviour = {
  type: 'RandomContrast',
  augment(tf, images, options, random) {
    const [low, high] = contrastBounds(options.factor);
    const [min, max] = bounds(options.valueRange);
    const factors = perImage(tf, images, () => uniform(random, low, high));
    const mean = tf.mean(images, [1, 2], true);
    return tf.clipByValue(tf.add(tf.mul(tf.sub(images, mean), factors), mean), min, max) as typeof images;
  },
};

export const RandomContrast = augmentationBlock({
  behaviour: randomContrastBehaviour,
  params: {
    factor: {
      kind: 'range',
      default: 0.2,
      min: 0,
      max: 1,
      help: {
        en: 'Contrast change: 0.2 multiplies the contrast by a factor between 0.8 and 1.2; [a, b] means between 1 − a and 1 + b.',
        fr: 'Changement de contraste : 0.2 multiplie le contraste par un facteur entre 0.8 et 1.2 ; [a, b] signifie entre 1 − a et 1 + b.',
      },
    },
    valueRange: valueRangeSpec,
  },
  keras: { positional: ['factor'], defaults: { seed: null, valueRange: [0, 255] } },
  conformance: [
    { params: { factor: 0.5 }, inputs: [[6, 6, 1]] },
    { params: { factor: [0.2, 0.6], valueRange: [0, 255] }, inputs: [[5, 5, 3]] },
  ],
  describe: (params, language) => formatFactor(params.factor, language),
  doc: {
    en: {
      summary: 'Changes the contrast of each training image by a random factor.',
      details: `For each image and channel, values move away from (or towards) their mean by a random factor; the result is clipped to \`valueRange\`. ${augmentationNote.en}`,
      formula: 'y = (x − mean) · c + mean, c ~ U(1 − lower, 1 + upper)',
      whenToUse: 'When the lighting or the ink of the images varies.',
    },
    fr: {
      summary: 'Modifie le contraste de chaque image d’entraînement d’un facteur aléatoire.',
      details: `Pour chaque image et chaque canal, les valeurs s’éloignent (ou se rapprochent) de leur moyenne d’un facteur aléatoire ; le résultat est borné à \`valueRange\`. ${augmentationNote.fr}`,
      formula: 'y = (x − moyenne) · c + moyenne, c ~ U(1 − borne inf., 1 + borne sup.)',
      whenToUse: 'Quand l’éclairage ou l’encre des images varie.',
    },
  },
});
