import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../block';
import type { AugmentationBehaviour } from './augmentation-layers';
import { ShapeError } from '../issues';
import { augmentationBlock } from './augmentation-block';

/**
 * Keras's inference form (smart resize): the largest centred window with the target's
 * proportions, resized to height × width.
 */
function centreCropResize(tf: Tf, images: tfjs.Tensor4D, options: Record<string, unknown>): tfjs.Tensor4D {
  const [, h, w] = images.shape;
  const th = options.height as number;
  const tw = options.width as number;
  if (h === th && w === tw) return images;
  const cropH = Math.min(h, Math.floor((w * th) / tw));
  const cropW = Math.min(w, Math.floor((h * tw) / th));
  const top = Math.floor((h - cropH) / 2);
  const left = Math.floor((w - cropW) / 2);
  const window = tf.slice(images, [0, top, left, 0], [-1, cropH, cropW, -1]);
  return cropH === th && cropW === tw ? window : tf.image.resizeBilinear(window, [th, tw], false, true);
}

export const randomCropBehaviour: AugmentationBehaviour = {
  type: 'RandomCrop',
  augment(tf, images, options, random) {
    const [, h, w] = images.shape;
    const th = options.height as number;
    const tw = options.width as number;
    const top = Math.floor(random() * (h - th + 1));
    const left = Math.floor(random() * (w - tw + 1));
    return tf.slice(images, [0, top, left, 0], [-1, th, tw, -1]);
  },
  infer: centreCropResize,
  outputShape: (shape, options) => [shape[0], options.height as number, options.width as number, shape[3]],
};

const sizeSpec = (en: string, fr: string) => ({ kind: 'int' as const, default: 24, min: 1, max: 4096, help: { en, fr } });

export const RandomCrop = augmentationBlock({
  behaviour: randomCropBehaviour,
  params: {
    height: sizeSpec('Height of the crop in pixels.', 'Hauteur du recadrage en pixels.'),
    width: sizeSpec('Width of the crop in pixels.', 'Largeur du recadrage en pixels.'),
  },
  outputShape(input, params) {
    for (const [param, size, axis] of [['height', input[0], 'height'], ['width', input[1], 'width']] as const)
      if ((params[param] as number) > size)
        throw new ShapeError(
          {
            en: `A ${params.height}×${params.width} crop does not fit in a ${input[0]}×${input[1]} image: set \`${param}\` to at most ${size}, the ${axis} of the image.`,
            fr: `Un recadrage ${params.height}×${params.width} ne tient pas dans une image ${input[0]}×${input[1]} : réglez \`${param}\` sur ${size} au plus, la ${axis === 'height' ? 'hauteur' : 'largeur'} de l’image.`,
          },
          param,
          'crop-too-large',
        );
    return [params.height as number, params.width as number, input[2]];
  },
  describe: (params) => `${params.height}×${params.width}`,
  doc: {
    en: {
      summary: 'Cuts a random height × width window out of each training batch; keeps the centre at inference.',
      details:
        'While training, the window is placed at random, so the network sees the object at different positions. At inference it takes the largest centred window with the same proportions and resizes it to height × width, so the output size is the same in both cases.',
      formula: 'output: height × width × channels',
      whenToUse: 'When the images are a little larger than the part that matters, e.g. 28×28 cropped to 24×24.',
    },
    fr: {
      summary: 'Découpe une fenêtre aléatoire de hauteur × largeur dans chaque lot d’entraînement ; garde le centre en inférence.',
      details:
        'Pendant l’entraînement, la fenêtre est placée au hasard, si bien que le réseau voit l’objet à différentes positions. En inférence, il prend la plus grande fenêtre centrée de mêmes proportions et la redimensionne en hauteur × largeur : la taille de sortie est la même dans les deux cas.',
      formula: 'sortie : hauteur × largeur × canaux',
      whenToUse: 'Quand les images sont un peu plus grandes que la partie utile, par ex. 28×28 recadrées en 24×24.',
    },
  },
});
