import type { AugmentationBehaviour } from './augmentation-layers';
import { augmentationBlock, augmentationNote } from './augmentation-block';

export const randomFlipBehaviour: AugmentationBehaviour = {
  type: 'RandomFlip',
  augment(tf, images, options, random) {
    const n = images.shape[0];
    const mode = options.mode as string;
    let out = images;
    const flipHalf = (axis: number) => {
      const mask = tf.tensor4d(
        Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0)),
        [n, 1, 1, 1],
      );
      out = tf.add(tf.mul(mask, tf.reverse(out, axis)), tf.mul(tf.sub(1, mask), out));
    };
    if (mode.includes('horizontal')) flipHalf(2);
    if (mode.includes('vertical')) flipHalf(1);
    return out;
  },
};

export const RandomFlip = augmentationBlock({
  behaviour: randomFlipBehaviour,
  params: {
    mode: {
      kind: 'enum',
      default: 'horizontal_and_vertical',
      values: ['horizontal', 'vertical', 'horizontal_and_vertical'],
      help: {
        en: 'Which flips may happen: left–right, up–down, or both.',
        fr: 'Quels retournements peuvent avoir lieu : gauche–droite, haut–bas, ou les deux.',
      },
    },
  },
  keras: { positional: ['mode'], defaults: { mode: 'horizontal_and_vertical', seed: null } },
  conformance: [
    { params: {}, inputs: [[6, 6, 1]] },
    { params: { mode: 'horizontal' }, inputs: [[5, 7, 3]] },
    { params: { mode: 'vertical' }, inputs: [[4, 4, 2]] },
  ],
  describe: (params) => (params.mode as string).replace('_and_', ' + '),
  doc: {
    en: {
      summary: 'Flips each training image left–right and/or up–down with probability ½.',
      details: `Mirrors images at random. ${augmentationNote.en} Use only flips that keep the meaning: a horizontally flipped cat is still a cat, a flipped digit may not be.`,
      whenToUse: 'On photos where the mirror image is as plausible as the original, to get more varied training data.',
    },
    fr: {
      summary: 'Retourne chaque image d’entraînement gauche–droite et/ou haut–bas avec une probabilité ½.',
      details: `Applique un miroir au hasard. ${augmentationNote.fr} N’utiliser que les retournements qui gardent le sens : un chat retourné reste un chat, un chiffre retourné peut changer.`,
      whenToUse: 'Sur des photos dont l’image miroir est aussi plausible que l’originale, pour varier les données d’entraînement.',
    },
  },
});
