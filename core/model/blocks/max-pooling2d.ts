import { poolingBlock, poolingFormula } from './pooling';

export const MaxPooling2D = poolingBlock(
  'MaxPooling2D',
  {
    en: {
      summary: 'Keeps the largest value of each window: shrinks the image, keeps the strongest detections.',
      details:
        'Each channel is cut into poolSize × poolSize windows and each window is replaced by its maximum. It has no weights. A 2×2 pool halves height and width.',
      formula: poolingFormula.en,
      whenToUse: 'After one or two convolutions, to reduce the size and make the features less sensitive to small shifts.',
    },
    fr: {
      summary: 'Garde la plus grande valeur de chaque fenêtre : réduit l’image en conservant les détections les plus fortes.',
      details:
        'Chaque canal est découpé en fenêtres poolSize × poolSize, chacune remplacée par son maximum. Aucun poids. Un pooling 2×2 divise hauteur et largeur par deux.',
      formula: poolingFormula.fr,
      whenToUse:
        'Après une ou deux convolutions, pour réduire la taille et rendre les caractéristiques moins sensibles aux petits décalages.',
    },
  },
  [
    { params: {}, inputs: [[8, 8, 2]] },
    { params: { poolSize: 3, strides: 2 }, inputs: [[9, 7, 1]] },
    { params: { poolSize: [2, 3], padding: 'same' }, inputs: [[5, 7, 2]] },
  ],
);
