import { isImage } from '../codegen/pytorch-text';
import { denseKernelLayout } from '../weight-layout';
import {
  activationSpec,
  buildRegularizer,
  kernelRegularizerSpec,
  seededKernelInitializer,
  tfActivation,
  layerBlock,
  useBiasSpec,
  activationParam,
} from './common';

export const Dense = layerBlock({
  type: 'Dense',
  category: 'Core',
  params: {
    units: {
      kind: 'int',
      default: 10,
      min: 1,
      max: 100_000,
      help: {
        en: 'Number of neurons, i.e. of output values (the number of classes at the output).',
        fr: 'Nombre de neurones, c’est-à-dire de valeurs en sortie (le nombre de classes en sortie du réseau).',
      },
    },
    activation: activationSpec('linear'),
    useBias: useBiasSpec,
    kernelRegularizer: kernelRegularizerSpec,
  },
  outputShape: ([input], params) => [...input.slice(0, -1), params.units as number],
  paramCount([input], params) {
    const units = params.units as number;
    return { trainable: input[input.length - 1] * units + (params.useBias ? units : 0), nonTrainable: 0 };
  },
  activation: activationParam,
  build: ({ tf, params, name, seed }) =>
    tf.layers.dense({
      name,
      units: params.units as number,
      activation: tfActivation(tf, params.activation),
      useBias: params.useBias as boolean,
      kernelRegularizer: buildRegularizer(tf, params.kernelRegularizer),
      kernelInitializer: seededKernelInitializer(tf, seed, name),
      trainable: params.trainable as boolean,
    }),
  keras: { className: 'Dense', positional: ['units'], defaults: { activation: 'linear', useBias: true, kernelRegularizer: null } },
  pytorch(w) {
    const { node, attr } = w;
    const p = node.params;
    const inShape = node.inputShapes[0];
    w.init(`self.${attr} = nn.Linear(${inShape[inShape.length - 1]}, ${p.units}${p.useBias ? '' : ', bias=False'})`);
    w.state('weight', 'kernel', denseKernelLayout);
    if (p.useBias) w.state('bias', 'bias');
    // Dense acts on the last axis, which is the channel axis of an NHWC image: move it there and back.
    const input = w.args[0];
    const call = isImage(inShape) ? `self.${attr}(${input}.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)` : `self.${attr}(${input})`;
    return w.activation(p.activation as string, call);
  },
  onnx(w) {
    const { node } = w;
    const p = node.params;
    const kernel = w.weight('kernel');
    let y = w.op(
      'MatMul',
      [w.input(0, 'nhwc'), w.constant(`${node.id}/kernel`, kernel.shape, kernel.data)],
      p.useBias || p.activation !== 'linear' ? w.fresh('matmul') : node.id,
    );
    if (p.useBias) {
      const bias = w.weight('bias');
      y = w.op('Add', [y, w.constant(`${node.id}/bias`, bias.shape, bias.data)], p.activation !== 'linear' ? w.fresh('biased') : node.id);
    }
    w.output('nhwc', w.activation(y, 'nhwc', p.activation as string, node.id));
  },
  inside: 'dense',
  conformance: [
    { params: { units: 3, activation: 'softmax' }, inputs: [[5]] },
    { params: { units: 4, useBias: false, activation: 'swish', kernelRegularizer: { l2: 0.001 } }, inputs: [[6]] },
    { params: { units: 2, activation: 'selu' }, inputs: [[3, 4]] },
    { params: { units: 3 }, inputs: [[2, 3, 4]] },
  ],
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
      whenToUse:
        'Pour des données tabulaires, après Flatten dans un CNN, et comme couche de sortie (softmax pour des classes, linear pour des valeurs).',
    },
  },
});
