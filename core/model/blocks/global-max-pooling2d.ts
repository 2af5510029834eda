import { globalPoolingBlock } from './global-pooling';

export const GlobalMaxPooling2D = globalPoolingBlock(
  'GlobalMaxPooling2D',
  {
    en: {
      summary: 'Keeps the largest value of each feature map: h×w×c becomes c.',
      details:
        'Replaces every channel by its maximum, i.e. by how strongly its pattern was found anywhere in the image. It has no weights.',
      formula: 'out[c] = max over (i, j) of in[i, j, c]',
      whenToUse: 'At the end of a convolutional network when what matters is whether a pattern is present, not where.',
    },
    fr: {
      summary: 'Garde la plus grande valeur de chaque carte de caractéristiques : h×l×c devient c.',
      details:
        'Remplace chaque canal par son maximum, c’est-à-dire par la force avec laquelle son motif a été trouvé quelque part dans l’image. Aucun poids.',
      formula: 'sortie[c] = max sur (i, j) de entrée[i, j, c]',
      whenToUse: 'À la fin d’un réseau convolutif quand seule compte la présence d’un motif, pas sa position.',
    },
  },
  [
    { params: {}, inputs: [[4, 5, 3]] },
    { params: {}, inputs: [[3, 2, 1]] },
  ],
);
