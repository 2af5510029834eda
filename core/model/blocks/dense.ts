import type { BlockDefinition } from '../block';
import { activationSpec, buildRegularizer, kernelRegularizerSpec, seededKernelInitializer, trainableSpec, useBiasSpec } from './common';

export const Dense: BlockDefinition = {
  type: 'Dense',
  category: 'Core',
  params: {
    units: {
      kind: 'int',
      default: 10,
      min: 1,
      max: 100_000,
      help: { en: 'Number of neurons, i.e. of output values (the number of classes at the output).', fr: 'Nombre de neurones, c’est-à-dire de valeurs en sortie (le nombre de classes en sortie du réseau).' },
    },
    activation: activationSpec('linear'),
    useBias: useBiasSpec,
    kernelRegularizer: kernelRegularizerSpec,
    trainable: trainableSpec,
  },
  inputs: { min: 1, max: 1 },
  outputShape: ([input], params) => [...input.slice(0, -1), params.units as number],
  paramCount([input], params) {
    const units = params.units as number;
    return { trainable: input[input.length - 1] * units + (params.useBias ? units : 0), nonTrainable: 0 };
  },
  activation: (params) => params.activation as string,
  build: ({ tf, params, name, seed }) =>
    tf.layers.dense({
      name,
      units: params.units as number,
      activation: params.activation as 'relu',
      useBias: params.useBias as boolean,
      kernelRegularizer: buildRegularizer(tf, params.kernelRegularizer),
      kernelInitializer: seededKernelInitializer(tf, seed, name),
      trainable: params.trainable as boolean,
    }),
  describe: (params) => (params.activation === 'linear' ? String(params.units) : `${params.units}, ${params.activation}`),
  doc: {
    en: {
      summary: 'Fully connected layer: every output is a weighted sum of all the inputs, plus a bias.',
      details:
        'Each of the `units` neurons has one weight per input value and a bias, then applies the activation. On a tensor with several axes it acts on the last axis only, separately at each position. Parameters: in·units + units.',
      formula: 'y = activation(W·x + b)',
      whenToUse: 'For tabular data, after Flatten in a CNN, and as the output layer (softmax for classes, linear for numbers).',
    },
    fr: {
      summary: 'Couche entièrement connectée : chaque sortie est une somme pondérée de toutes les entrées, plus un biais.',
      details:
        'Chacun des `units` neurones a un poids par valeur d’entrée et un biais, puis applique l’activation. Sur un tenseur à plusieurs axes, elle n’agit que sur le dernier axe, séparément à chaque position. Paramètres : entrées·units + units.',
      formula: 'y = activation(W·x + b)',
      whenToUse: 'Pour des données tabulaires, après Flatten dans un CNN, et comme couche de sortie (softmax pour des classes, linear pour des valeurs).',
    },
  },
};
