import { poolingBlock, poolingFormula } from './pooling';

export const AveragePooling2D = poolingBlock(
  'AveragePooling2D',
  {
    en: {
      summary: 'Replaces each window by its average: shrinks the image smoothly.',
      details:
        'Each channel is cut into poolSize × poolSize windows and each window is replaced by the mean of its values. It has no weights.',
      formula: poolingFormula.en,
      whenToUse: 'To downsample while keeping the overall intensity of a region rather than its peak.',
    },
    fr: {
      summary: 'Remplace chaque fenêtre par sa moyenne : réduit l’image en douceur.',
      details: 'Chaque canal est découpé en fenêtres poolSize × poolSize, chacune remplacée par la moyenne de ses valeurs. Aucun poids.',
      formula: poolingFormula.fr,
      whenToUse: 'Pour sous-échantillonner en gardant l’intensité moyenne d’une région plutôt que son pic.',
    },
  },
  [
    { params: {}, inputs: [[6, 6, 3]] },
    { params: { poolSize: 3, strides: 1 }, inputs: [[5, 6, 1]] },
    { params: { poolSize: 2, strides: 3, padding: 'same' }, inputs: [[7, 7, 2]] },
  ],
);
