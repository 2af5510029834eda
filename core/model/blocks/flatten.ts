import type { BlockDefinition } from '../block';
import { trainableSpec } from './common';
import { product } from './shape-rules';

export const Flatten: BlockDefinition = {
  type: 'Flatten',
  category: 'Core',
  params: { trainable: trainableSpec },
  inputs: { min: 1, max: 1 },
  outputShape: ([input]) => [product(input)],
  build({ tf, params, name, inputShapes: [input] }) {
    const trainable = params.trainable as boolean;
    // Keras leaves a vector as it is; tf.js's Flatten refuses one, so a vector gets the equivalent Reshape.
    if (input.length === 1) return tf.layers.reshape({ name, targetShape: [input[0]], trainable });
    return tf.layers.flatten({ name, trainable });
  },
  describe: (_params, language) => (language === 'fr' ? 'en vecteur' : 'to a vector'),
  doc: {
    en: {
      summary: 'Unrolls a tensor into one long vector: 5×5×16 becomes 400.',
      details: 'Puts all the values one after the other, without changing them. It has no weights. Dense layers after it then see every value of the feature maps.',
      formula: 'out = h · w · c',
      whenToUse: 'Between the convolutional part of a network and its Dense layers, or on an image fed to an MLP.',
    },
    fr: {
      summary: 'Aplatit un tenseur en un long vecteur : 5×5×16 devient 400.',
      details: 'Met toutes les valeurs les unes à la suite des autres, sans les modifier. Aucun poids. Les couches Dense qui suivent voient alors toutes les valeurs des cartes de caractéristiques.',
      formula: 'sortie = h · l · c',
      whenToUse: 'Entre la partie convolutive d’un réseau et ses couches Dense, ou sur une image donnée à un MLP.',
    },
  },
};
