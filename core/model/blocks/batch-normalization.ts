import type * as tfjs from '@tensorflow/tfjs';
import { problem } from '../../i18n/catalogue';
import { ExportError } from '../codegen/export-error';
import { isImage, torchAxis } from '../codegen/pytorch-text';
import { pyNumber } from '../codegen/python';
import { ShapeError } from '../issues';
import { axisSpec, formatNumber, layerBlock } from './common';
import { resolveAxis } from './shape-rules';

export const BatchNormalization = layerBlock({
  type: 'BatchNormalization',
  category: 'Regularisation',
  params: {
    axis: axisSpec({
      en: 'Axis of the features to normalise: -1, the last (the channels of an image); TensorFlow.js trains no other.',
      fr: 'Axe des caractéristiques à normaliser : -1, le dernier (les canaux d’une image) ; TensorFlow.js n’en entraîne pas d’autre.',
    }),
    momentum: {
      kind: 'float',
      default: 0.99,
      min: 0,
      max: 1,
      help: {
        en: 'How slowly the running mean and variance used at inference follow the batches.',
        fr: 'Lenteur avec laquelle la moyenne et la variance mobiles utilisées en inférence suivent les lots.',
      },
    },
    epsilon: {
      kind: 'float',
      default: 0.001,
      min: 0,
      max: 1,
      minExclusive: true,
      help: {
        en: 'Small number added to the variance to avoid dividing by zero.',
        fr: 'Petit nombre ajouté à la variance pour éviter une division par zéro.',
      },
    },
    center: {
      kind: 'bool',
      default: true,
      help: {
        en: 'Adds a learned offset β after normalising. Off, there is no β (e.g. when the next layer has its own bias).',
        fr: 'Ajoute un décalage appris β après la normalisation. Désactivé, il n’y a pas de β (par ex. quand la couche suivante a son propre biais).',
      },
    },
    scale: {
      kind: 'bool',
      default: true,
      help: {
        en: 'Multiplies by a learned factor γ after normalising. Off, there is no γ (as in InceptionV3, or when a ReLU follows, since the next layer can do the scaling).',
        fr: 'Multiplie par un facteur appris γ après la normalisation. Désactivé, il n’y a pas de γ (comme dans InceptionV3, ou quand un ReLU suit, puisque la couche suivante peut faire la mise à l’échelle).',
      },
    },
  },
  outputShape([input], params) {
    const axis = resolveAxis(params.axis as number, input.length, 'BatchNormalization');
    if (axis !== input.length - 1)
      throw new ShapeError(
        problem('shapes:batchNormAxis', { channels: input[input.length - 1], axis: params.axis as number }),
        'axis',
        'bad-axis',
      );
    return [...input];
  },
  paramCount([input], params) {
    const channels = input[resolveAxis(params.axis as number, input.length, 'BatchNormalization')];
    // γ (scale) and β (center) are learned when present; the moving mean and variance never are.
    return { trainable: ((params.scale === false ? 0 : 1) + (params.center === false ? 0 : 1)) * channels, nonTrainable: 2 * channels };
  },
  build: ({ tf, params, name }) => {
    const layer = tf.layers.batchNormalization({
      name,
      axis: params.axis as number,
      momentum: params.momentum as number,
      epsilon: params.epsilon as number,
      center: params.center !== false,
      scale: params.scale !== false,
      trainable: params.trainable as boolean,
    });
    // Keras (TensorFlow 2): a frozen BatchNormalization runs in inference mode even while the model
    // trains, normalising with its moving statistics and leaving them as they are. TensorFlow.js
    // would use the batch's statistics and update the moving ones.
    const call = layer.call.bind(layer);
    // TensorFlow.js's training step reads γ and β even when the layer has none (scale or center off),
    // and its gradients fail on a batch normalisation without them: while the layer runs, the missing
    // one reads as 1 (γ) or 0 (β), which is what having none computes.
    type Variable = { read(): tfjs.Tensor; shape: number[] };
    const own = layer as unknown as {
      gamma: Variable | null;
      beta: Variable | null;
      movingMean: Variable;
      scale: boolean;
      center: boolean;
    };
    layer.call = (inputs, kwargs) => {
      const args = layer.trainable ? kwargs : { ...kwargs, training: false };
      if (own.gamma && own.beta) return call(inputs, args);
      const saved = { gamma: own.gamma, beta: own.beta, scale: own.scale, center: own.center };
      const shape = own.movingMean.shape;
      own.gamma ??= { read: () => tf.ones(shape), shape };
      own.beta ??= { read: () => tf.zeros(shape), shape };
      own.scale = own.center = true;
      try {
        return call(inputs, args);
      } finally {
        Object.assign(own, saved);
      }
    };
    return layer;
  },
  keras: { className: 'BatchNormalization', defaults: { axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true } },
  pytorch(w) {
    const { node, attr } = w;
    const p = node.params;
    const inShape = node.inputShapes[0];
    const dim = torchAxis(p.axis as number, inShape);
    const channels = inShape[(p.axis as number) < 0 ? inShape.length + (p.axis as number) : (p.axis as number) - 1];
    const channelAxis = isImage(inShape) ? 1 : inShape.length;
    if (dim !== channelAxis)
      throw new ExportError(
        problem('project:torchBatchNormAxis', { type: node.type, id: node.id, axis: p.axis as number }),
        node.id,
        node.type,
      );
    const cls = isImage(inShape) ? 'BatchNorm2d' : 'BatchNorm1d';
    const scale = p.scale !== false;
    const center = p.center !== false;
    const affine = scale && center ? '' : ', affine=False';
    w.init(
      `self.${attr} = nn.${cls}(${channels}, eps=${pyNumber(p.epsilon as number)}, momentum=${pyNumber(Number((1 - (p.momentum as number)).toPrecision(12)))}${affine})`,
    );
    // Keras's scale=False (no γ) or center=False (no β): PyTorch's BatchNorm has both or neither, so the one learned is given to it alone.
    if (affine && scale) w.init(`self.${attr}.weight = nn.Parameter(torch.ones(${channels}))  # γ only: Keras's center=False`);
    if (affine && center) w.init(`self.${attr}.bias = nn.Parameter(torch.zeros(${channels}))  # β only: Keras's scale=False`);
    if (!scale && !center && p.trainable === false)
      w.init(`self.${attr}.frozen = True  # no γ or β to freeze: normalises with its moving statistics while training too, as Keras does`);
    if (scale) w.state('weight', 'gamma');
    if (center) w.state('bias', 'beta');
    w.state('running_mean', 'moving_mean');
    w.state('running_var', 'moving_variance');
    w.counter('num_batches_tracked');
    // BatchNorm1d wants the features on axis 1; a [batch, steps, features] sequence has them last.
    return inShape.length === 2 ? `self.${attr}(${w.args[0]}.transpose(1, 2)).transpose(1, 2)` : `self.${attr}(${w.args[0]})`;
  },
  onnx(w) {
    const { node } = w;
    const p = node.params;
    const mean = w.weight('moving_mean');
    const variance = w.weight('moving_variance');
    // Without γ (scale=False) or β (center=False), the normalised value is multiplied by 1 or shifted by 0.
    const gamma = p.scale === false ? { shape: mean.shape, data: new Float32Array(mean.data.length).fill(1) } : w.weight('gamma');
    const beta = p.center === false ? { shape: mean.shape, data: new Float32Array(mean.data.length) } : w.weight('beta');
    const inRank = node.inputShapes[0].length + 1;
    const axis = (p.axis as number) < 0 ? inRank + (p.axis as number) : (p.axis as number);
    const eps = p.epsilon as number;
    if (inRank === 4 && axis === 3) {
      const inputs = [
        w.input(0, 'nchw'),
        w.constant(`${node.id}/gamma`, gamma.shape, gamma.data),
        w.constant(`${node.id}/beta`, beta.shape, beta.data),
        w.constant(`${node.id}/moving_mean`, mean.shape, mean.data),
        w.constant(`${node.id}/moving_variance`, variance.shape, variance.data),
      ];
      w.output('nchw', w.op('BatchNormalization', inputs, w.outputName('nchw'), [{ name: 'epsilon', type: 'float', value: eps }]));
      return;
    }
    // Any other axis: y = x · scale + shift with the inference statistics, broadcast along that axis.
    const channels = gamma.data.length;
    const scale = new Float32Array(channels);
    const shift = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      scale[c] = gamma.data[c] / Math.sqrt(variance.data[c] + eps);
      shift[c] = beta.data[c] - mean.data[c] * scale[c];
    }
    const dims = [channels, ...Array<number>(inRank - 1 - axis).fill(1)];
    const scaled = w.op('Mul', [w.input(0, 'nhwc'), w.constant(`${node.id}/scale`, dims, scale)], w.fresh('scaled'));
    w.output('nhwc', w.op('Add', [scaled, w.constant(`${node.id}/shift`, dims, shift)], node.id));
  },
  conformance: [
    { params: {}, inputs: [[4, 4, 3]] },
    { params: { momentum: 0.9, epsilon: 0.01 }, inputs: [[5]] },
    { params: { axis: 2 }, inputs: [[3, 4]] },
    { params: { axis: 3, epsilon: 0.1 }, inputs: [[3, 4, 2]] },
    { params: { scale: false }, inputs: [[4, 4, 3]] },
    { params: { center: false, momentum: 0.9 }, inputs: [[5]] },
    { params: { scale: false, center: false }, inputs: [[3, 4, 2]] },
    { params: { scale: false, axis: 2 }, inputs: [[3, 4]] },
    { params: { scale: false, center: false, trainable: false }, inputs: [[4, 4, 2]] },
  ],
  describe: (params, language) => `momentum ${formatNumber(params.momentum as number, language)}`,
  doc: {
    en: {
      summary: 'Normalises each feature to mean 0 and variance 1 over the batch, then rescales it with learned γ and β.',
      details:
        'While training it uses the mean and variance of the current batch and updates running averages of them; at inference it uses those running averages. Frozen (`trainable` off), it uses them while training too and leaves them unchanged, as Keras does. Per feature: γ and β are trained, the running mean and variance are not (2·C trainable + 2·C non-trainable parameters); with `scale` off there is no γ, with `center` off no β (as Keras counts them).',
      formula: 'y = γ · (x − μ) / √(σ² + ε) + β',
      whenToUse: 'In deeper networks, after a convolution or Dense layer, to make training faster and more stable.',
    },
    fr: {
      summary: 'Normalise chaque caractéristique (moyenne 0, variance 1) sur le lot, puis la remet à l’échelle avec γ et β appris.',
      details:
        'Pendant l’entraînement, elle utilise la moyenne et la variance du lot courant et en met à jour des moyennes mobiles ; en inférence, elle utilise ces moyennes mobiles. Gelée (`trainable` désactivé), elle les utilise aussi pendant l’entraînement et ne les modifie pas, comme dans Keras. Par caractéristique : γ et β sont entraînés, la moyenne et la variance mobiles ne le sont pas (2·C paramètres entraînables + 2·C non entraînables) ; sans `scale` il n’y a pas de γ, sans `center` pas de β (comme Keras les compte).',
      formula: 'y = γ · (x − μ) / √(σ² + ε) + β',
      whenToUse: 'Dans les réseaux profonds, après une convolution ou une couche Dense, pour un entraînement plus rapide et plus stable.',
    },
  },
});
