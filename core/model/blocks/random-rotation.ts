import { bounds } from '../params';
import { affineBehaviour, uniform } from './augmentation-layers';
import { augmentationBlock, augmentationNote } from './augmentation-block';
import { affineFillSpecs, formatNumber } from './common';

/** Keras's rotation matrix about the image centre, as tf.image.transform takes it. */
function rotationMatrix(angle: number, height: number, width: number): number[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const xOffset = (width - 1 - (cos * (width - 1) - sin * (height - 1))) / 2;
  const yOffset = (height - 1 - (sin * (width - 1) + cos * (height - 1))) / 2;
  return [cos, -sin, xOffset, sin, cos, yOffset, 0, 0];
}

export const randomRotationBehaviour = affineBehaviour('RandomRotation', (options, height, width, random) => {
  const [low, high] = bounds(options.factor);
  return rotationMatrix(uniform(random, low, high) * 2 * Math.PI, height, width);
});

export const RandomRotation = augmentationBlock({
  behaviour: randomRotationBehaviour,
  params: {
    factor: {
      kind: 'range',
      default: 0.1,
      min: -1,
      max: 1,
      help: {
        en: 'Largest rotation as a fraction of a full turn: 0.1 rotates by up to ±36°; [a, b] picks an angle between a and b turns.',
        fr: 'Rotation maximale en fraction de tour complet : 0.1 tourne jusqu’à ±36° ; [a, b] tire un angle entre a et b tours.',
      },
    },
    ...affineFillSpecs,
  },
  keras: { positional: ['factor'], defaults: { fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, seed: null } },
  conformance: [
    { params: { factor: 0.1 }, inputs: [[8, 8, 1]] },
    { params: { factor: [-0.2, 0.3], fillMode: 'constant', fillValue: 0.5, interpolation: 'nearest' }, inputs: [[6, 9, 2]] },
  ],
  describe(params, language) {
    const [low, high] = bounds(params.factor);
    return low === -high
      ? `±${formatNumber(high * 360, language)}°`
      : `${formatNumber(low * 360, language)}°…${formatNumber(high * 360, language)}°`;
  },
  doc: {
    en: {
      summary: 'Rotates each training image by a random angle.',
      details: `The angle is drawn between the bounds of \`factor\`, a fraction of a full turn (2π). ${augmentationNote.en}`,
      formula: 'angle ~ U(lower, upper) · 2π',
      whenToUse:
        'When the objects may appear slightly tilted (handwriting, photos); keep it small for digits, where 6 and 9 differ by a half turn.',
    },
    fr: {
      summary: 'Fait tourner chaque image d’entraînement d’un angle aléatoire.',
      details: `L’angle est tiré entre les bornes de \`factor\`, une fraction de tour complet (2π). ${augmentationNote.fr}`,
      formula: 'angle ~ U(borne inf., borne sup.) · 2π',
      whenToUse:
        'Quand les objets peuvent apparaître un peu penchés (écriture, photos) ; rester faible pour des chiffres, où 6 et 9 diffèrent d’un demi-tour.',
    },
  },
});
