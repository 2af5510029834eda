import { isImage } from '../codegen/pytorch-text';
import { layerBlock } from './common';
import { product } from './shape-rules';

export const Flatten = layerBlock({
  type: 'Flatten',
  category: 'Core',
  params: {},
  outputShape: ([input]) => [product(input)],
  build({ tf, params, name, inputShapes: [input] }) {
    const trainable = params.trainable as boolean;
    // Keras leaves a vector as it is; tf.js's Flatten refuses one, so a vector gets the equivalent Reshape.
    if (input.length === 1) return tf.layers.reshape({ name, targetShape: [input[0]], trainable });
    return tf.layers.flatten({ name, trainable });
  },
  keras: { className: 'Flatten' },
  // Keras flattens in (height, width, channels) order; do the same so the trained Dense weights line up.
  pytorch: (w) => (isImage(w.node.inputShapes[0]) ? `${w.args[0]}.permute(0, 2, 3, 1).flatten(1)` : `${w.args[0]}.flatten(1)`),
  onnx: (w) => w.output('nhwc', w.op('Flatten', [w.input(0, 'nhwc')], w.node.id, [{ name: 'axis', type: 'int', value: 1 }])),
  inside: 'flatten',
  conformance: [
    { params: {}, inputs: [[3, 4, 2]] },
    { params: {}, inputs: [[3, 5]] },
    { params: {}, inputs: [[6]] },
  ],
  describe: (_params, language) => (language === 'fr' ? 'en vecteur' : 'to a vector'),
  doc: {
    en: {
      summary: 'Unrolls a tensor into one long vector: 5×5×16 becomes 400.',
      details:
        'Puts all the values one after the other, without changing them. It has no weights. Dense layers after it then see every value of the feature maps.',
      formula: 'out = h · w · c',
      whenToUse: 'Between the convolutional part of a network and its Dense layers, or on an image fed to an MLP.',
    },
    fr: {
      summary: 'Aplatit un tenseur en un long vecteur : 5×5×16 devient 400.',
      details:
        'Met toutes les valeurs les unes à la suite des autres, sans les modifier. Aucun poids. Les couches Dense qui suivent voient alors toutes les valeurs des cartes de caractéristiques.',
      formula: 'sortie = h · l · c',
      whenToUse: 'Entre la partie convolutive d’un réseau et ses couches Dense, ou sur une image donnée à un MLP.',
    },
  },
});
