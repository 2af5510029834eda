import { globalPoolingBlock } from './global-pooling';

export const GlobalAveragePooling2D = globalPoolingBlock(
  'GlobalAveragePooling2D',
  {
    en: {
      summary: 'Averages each feature map into one number: h×w×c becomes c.',
      details:
        'Replaces every channel by the mean of all its values. It has no weights and, unlike Flatten, the result does not depend on the image size.',
      formula: 'out[c] = mean over (i, j) of in[i, j, c]',
      whenToUse: 'At the end of a convolutional network, instead of Flatten, to get far fewer parameters in the following Dense layer.',
    },
    fr: {
      summary: 'Moyenne de chaque carte de caractéristiques : h×l×c devient c.',
      details:
        'Remplace chaque canal par la moyenne de toutes ses valeurs. Aucun poids et, contrairement à Flatten, le résultat ne dépend pas de la taille de l’image.',
      formula: 'sortie[c] = moyenne sur (i, j) de entrée[i, j, c]',
      whenToUse:
        'À la fin d’un réseau convolutif, à la place de Flatten, pour avoir beaucoup moins de paramètres dans la couche Dense suivante.',
    },
  },
  [
    { params: {}, inputs: [[4, 5, 3]] },
    { params: {}, inputs: [[1, 1, 2]] },
  ],
);
