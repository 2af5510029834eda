import { bounds } from '../params';
import { affineBehaviour, uniform } from './augmentation-layers';
import { augmentationBlock, augmentationNote } from './augmentation-block';
import { affineFillSpecs, formatFactor } from './common';

export const randomZoomBehaviour = affineBehaviour('RandomZoom', (options, height, width, random) => {
  const [hLow, hHigh] = bounds(options.heightFactor);
  const widthBounds = options.widthFactor === null ? null : bounds(options.widthFactor);
  const zy = 1 + uniform(random, hLow, hHigh);
  const zx = widthBounds ? 1 + uniform(random, widthBounds[0], widthBounds[1]) : zy;
  return [zx, 0, ((width - 1) / 2) * (1 - zx), 0, zy, ((height - 1) / 2) * (1 - zy), 0, 0];
});

const factorHelp = (axis: { en: string; fr: string }) => ({
  en: `Zoom range on the ${axis.en}: 0.1 zooms in or out by up to 10%; [a, b] with negative values zooms in, positive values zoom out.`,
  fr: `Plage de zoom sur la ${axis.fr} : 0.1 zoome en avant ou en arrière jusqu’à 10 % ; [a, b] avec des valeurs négatives zoome en avant, positives en arrière.`,
});

export const RandomZoom = augmentationBlock({
  behaviour: randomZoomBehaviour,
  params: {
    heightFactor: { kind: 'range', default: 0.1, min: -0.95, max: 0.95, help: factorHelp({ en: 'height', fr: 'hauteur' }) },
    widthFactor: {
      kind: 'range',
      default: null,
      nullable: true,
      min: -0.95,
      max: 0.95,
      help: {
        en: 'Zoom range on the width; empty keeps the proportions (same zoom as the height).',
        fr: 'Plage de zoom sur la largeur ; vide garde les proportions (même zoom que la hauteur).',
      },
    },
    ...affineFillSpecs,
  },
  keras: {
    positional: ['heightFactor'],
    defaults: { widthFactor: null, fillMode: 'reflect', interpolation: 'bilinear', fillValue: 0, seed: null },
  },
  conformance: [
    { params: { heightFactor: 0.2 }, inputs: [[8, 8, 1]] },
    { params: { heightFactor: [-0.3, -0.1], widthFactor: [0.1, 0.2], fillMode: 'wrap' }, inputs: [[6, 7, 3]] },
  ],
  describe: (params, language) =>
    params.widthFactor === null
      ? formatFactor(params.heightFactor, language)
      : `${formatFactor(params.heightFactor, language)} × ${formatFactor(params.widthFactor, language)}`,
  doc: {
    en: {
      summary: 'Zooms each training image in or out by a random amount.',
      details: `Each side is scaled by 1 + a value drawn from its factor range: negative values zoom in, positive values zoom out. ${augmentationNote.en}`,
      formula: 'zoom ~ 1 + U(lower, upper)',
      whenToUse: 'When the objects may appear at slightly different sizes.',
    },
    fr: {
      summary: 'Zoome chaque image d’entraînement en avant ou en arrière d’une quantité aléatoire.',
      details: `Chaque côté est mis à l’échelle par 1 + une valeur tirée dans sa plage : négatif, on zoome en avant ; positif, en arrière. ${augmentationNote.fr}`,
      formula: 'zoom ~ 1 + U(borne inf., borne sup.)',
      whenToUse: 'Quand les objets peuvent apparaître à des tailles un peu différentes.',
    },
  },
});
