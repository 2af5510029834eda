import type { BlockDefinition } from '../block';
import { ShapeError } from '../issues';
import { formatNumber, trainableSpec } from './common';
import { resolveAxis } from './shape-rules';

export const BatchNormalization: BlockDefinition = {
  type: 'BatchNormalization',
  category: 'Regularisation',
  params: {
    axis: {
      kind: 'int',
      default: -1,
      min: -3,
      max: 3,
      help: {
        en: 'Axis of the features to normalise: -1, the last (the channels of an image); TensorFlow.js trains no other.',
        fr: 'Axe des caractéristiques à normaliser : -1, le dernier (les canaux d’une image) ; TensorFlow.js n’en entraîne pas d’autre.',
      },
    },
    momentum: {
      kind: 'float',
      default: 0.99,
      min: 0,
      max: 1,
      help: { en: 'How slowly the running mean and variance used at inference follow the batches.', fr: 'Lenteur avec laquelle la moyenne et la variance mobiles utilisées en inférence suivent les lots.' },
    },
    epsilon: {
      kind: 'float',
      default: 0.001,
      min: 0,
      max: 1,
      minExclusive: true,
      help: { en: 'Small number added to the variance to avoid dividing by zero.', fr: 'Petit nombre ajouté à la variance pour éviter une division par zéro.' },
    },
    trainable: trainableSpec,
  },
  inputs: { min: 1, max: 1 },
  outputShape([input], params) {
    const axis = resolveAxis(params.axis as number, input.length, 'BatchNormalization');
    if (axis !== input.length - 1)
      throw new ShapeError(
        {
          en: `TensorFlow.js can only train BatchNormalization over the last axis (here axis -1, the ${input[input.length - 1]} values of each position), not \`axis\` ${params.axis}. Set \`axis\` to -1.`,
          fr: `TensorFlow.js ne sait entraîner BatchNormalization que sur le dernier axe (ici l’axe -1, les ${input[input.length - 1]} valeurs de chaque position), pas sur \`axis\` ${params.axis}. Réglez \`axis\` sur -1.`,
        },
        'axis',
        'bad-axis',
      );
    return [...input];
  },
  paramCount([input], params) {
    const channels = input[resolveAxis(params.axis as number, input.length, 'BatchNormalization')];
    return { trainable: 2 * channels, nonTrainable: 2 * channels };
  },
  build: ({ tf, params, name }) =>
    tf.layers.batchNormalization({
      name,
      axis: params.axis as number,
      momentum: params.momentum as number,
      epsilon: params.epsilon as number,
      trainable: params.trainable as boolean,
    }),
  describe: (params) => `momentum ${formatNumber(params.momentum as number)}`,
  doc: {
    en: {
      summary: 'Normalises each feature to mean 0 and variance 1 over the batch, then rescales it with learned γ and β.',
      details:
        'While training it uses the mean and variance of the current batch and updates running averages of them; at inference it uses those running averages. Per feature: γ and β are trained, the running mean and variance are not (2·C trainable + 2·C non-trainable parameters).',
      formula: 'y = γ · (x − μ) / √(σ² + ε) + β',
      whenToUse: 'In deeper networks, after a convolution or Dense layer, to make training faster and more stable.',
    },
    fr: {
      summary: 'Normalise chaque caractéristique (moyenne 0, variance 1) sur le lot, puis la remet à l’échelle avec γ et β appris.',
      details:
        'Pendant l’entraînement, elle utilise la moyenne et la variance du lot courant et en met à jour des moyennes mobiles ; en inférence, elle utilise ces moyennes mobiles. Par caractéristique : γ et β sont entraînés, la moyenne et la variance mobiles ne le sont pas (2·C paramètres entraînables + 2·C non entraînables).',
      formula: 'y = γ · (x − μ) / √(σ² + ε) + β',
      whenToUse: 'Dans les réseaux profonds, après une convolution ou une couche Dense, pour un entraînement plus rapide et plus stable.',
    },
  },
};
