import { bounds } from '../params';
import { affineBehaviour, uniform } from './augmentation-layers';
import { augmentationBlock, augmentationNote } from './augmentation-block';
import { affineFillSpecs, formatFactor } from './common';

export const randomTranslationBehaviour = affineBehaviour('RandomTranslation', (options, height, width, random) => {
  const [hLow, hHigh] = bounds(options.heightFactor);
  const [wLow, wHigh] = bounds(options.widthFactor);
  const dy = uniform(random, hLow, hHigh) * height;
  const dx = uniform(random, wLow, wHigh) * width;
  return [1, 0, -dx, 0, 1, -dy, 0, 0];
});

export const RandomTranslation = augmentationBlock({
  behaviour: randomTranslationBehaviour,
  params: {
    heightFactor: {
      kind: 'range',
      default: 0.1,
      min: -1,
      max: 1,
      help: {
        en: 'Vertical shift as a fraction of the height: 0.1 moves the image up or down by up to 10%.',
        fr: 'Décalage vertical en fraction de la hauteur : 0.1 déplace l’image vers le haut ou le bas jusqu’à 10 %.',
      },
    },
    widthFactor: {
      kind: 'range',
      default: 0.1,
      min: -1,
      max: 1,
      help: {
        en: 'Horizontal shift as a fraction of the width: 0.1 moves the image left or right by up to 10%.',
        fr: 'Décalage horizontal en fraction de la largeur : 0.1 déplace l’image vers la gauche ou la droite jusqu’à 10 %.',
      },
    },
    ...affineFillSpecs,
  },
  keras: {
    positional: ['heightFactor', 'widthFactor'],
    defaults: { fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, seed: null },
  },
  conformance: [
    { params: { heightFactor: 0.2, widthFactor: 0.2 }, inputs: [[8, 8, 1]] },
    { params: { heightFactor: [-0.3, 0.1], widthFactor: 0.25, fillMode: 'nearest' }, inputs: [[6, 5, 2]] },
  ],
  describe: (params, language) => `${formatFactor(params.heightFactor, language)} × ${formatFactor(params.widthFactor, language)}`,
  doc: {
    en: {
      summary: 'Shifts each training image up/down and left/right by a random amount.',
      details: `The shift is drawn from each factor range, as a fraction of the image size; the uncovered border is filled as \`fillMode\` says. ${augmentationNote.en}`,
      formula: 'dy ~ U(lower, upper) · height, dx ~ U(lower, upper) · width',
      whenToUse: 'When the objects are not always centred.',
    },
    fr: {
      summary: 'Décale chaque image d’entraînement vers le haut/bas et la gauche/droite d’une quantité aléatoire.',
      details: `Le décalage est tiré dans chaque plage, en fraction de la taille de l’image ; le bord découvert est rempli selon \`fillMode\`. ${augmentationNote.fr}`,
      formula: 'dy ~ U(borne inf., borne sup.) · hauteur, dx ~ U(borne inf., borne sup.) · largeur',
      whenToUse: 'Quand les objets ne sont pas toujours centrés.',
    },
  },
});
