import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../block';
import { isImage } from '../codegen/pytorch-text';
import { layerBlock } from './common';

/** Keras's floor on the standard deviation (`backend.epsilon()`), so that a zero variance never divides by zero. */
export const NORMALIZATION_EPSILON = 1e-7;

const classes = new WeakMap<Tf, new (args: { name?: string; trainable?: boolean }) => tfjs.layers.Layer>();

/**
 * Keras's Normalization layer for TensorFlow.js (which has none): per channel (the last axis),
 * y = (x − mean) / max(√variance, 1e-7), with mean, variance and count as non-trainable weights.
 * Defined once per TensorFlow.js instance and registered for serialization.
 */
export function normalizationLayerClass(tf: Tf): new (args: { name?: string; trainable?: boolean }) => tfjs.layers.Layer {
  const known = classes.get(tf);
  if (known) return known;
  class NormalizationLayer extends tf.layers.Layer {
    static className = 'Normalization';
    private mean?: tfjs.LayerVariable;
    private variance?: tfjs.LayerVariable;

    override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
      const channels = shape[shape.length - 1] as number;
      this.mean = this.addWeight('mean', [channels], 'float32', tf.initializers.zeros(), undefined, false);
      this.variance = this.addWeight('variance', [channels], 'float32', tf.initializers.ones(), undefined, false);
      this.addWeight('count', [], 'float32', tf.initializers.zeros(), undefined, false);
      this.built = true;
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      return Array.isArray(inputShape[0]) ? inputShape[0] : inputShape;
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[]): tfjs.Tensor {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return tf.tidy(() => tf.div(tf.sub(x, this.mean!.read()), tf.maximum(tf.sqrt(this.variance!.read()), NORMALIZATION_EPSILON)));
    }
  }
  tf.serialization.registerClass(NormalizationLayer);
  classes.set(tf, NormalizationLayer);
  return NormalizationLayer;
}

const TORCH_NORMALIZATION = `class KerasNormalization(nn.Module):
    """Keras's Normalization at inference: (x - mean) / max(sqrt(variance), 1e-7) along dim."""

    def __init__(self, channels, dim):
        super().__init__()
        self.dim = dim
        self.register_buffer("mean", torch.zeros(channels))
        self.register_buffer("variance", torch.ones(channels))
        self.register_buffer("count", torch.zeros(()))

    def forward(self, x):
        shape = [1] * x.dim()
        shape[self.dim] = -1
        return (x - self.mean.view(shape)) / torch.sqrt(self.variance.view(shape)).clamp(min=${NORMALIZATION_EPSILON})`;

/** Normalization: each channel shifted by a mean and divided by a standard deviation, both kept as (non-trainable) weights. */
export const Normalization = layerBlock({
  type: 'Normalization',
  category: 'Core',
  params: {},
  outputShape: ([input]) => [...input],
  paramCount([input]) {
    // Keras: mean and variance per channel, and the count of samples they were computed on.
    return { trainable: 0, nonTrainable: 2 * input[input.length - 1] + 1 };
  },
  build({ tf, params, name }) {
    const Layer = normalizationLayerClass(tf);
    return new Layer({ name, trainable: params.trainable as boolean });
  },
  keras: { className: 'Normalization' },
  pytorch(w) {
    const { node, attr } = w;
    const inShape = node.inputShapes[0];
    const channels = inShape[inShape.length - 1];
    w.helper('KerasNormalization', TORCH_NORMALIZATION);
    w.init(`self.${attr} = KerasNormalization(${channels}, ${isImage(inShape) ? 1 : inShape.length})`);
    w.state('mean', 'mean');
    w.state('variance', 'variance');
    w.state('count', 'count');
    return `self.${attr}(${w.args[0]})`;
  },
  onnx(w) {
    const { node } = w;
    const mean = w.weight('mean');
    const variance = w.weight('variance');
    const scale = Float32Array.from(variance.data, (v) => 1 / Math.max(Math.sqrt(v), NORMALIZATION_EPSILON));
    // NHWC: the channels are the last axis, so [C] constants broadcast along it.
    const centred = w.op('Sub', [w.input(0, 'nhwc'), w.constant(`${node.id}/mean`, mean.shape, mean.data)], w.fresh('centred'));
    w.output('nhwc', w.op('Mul', [centred, w.constant(`${node.id}/scale`, [scale.length], scale)], w.outputName('nhwc')));
  },
  conformance: [
    { params: {}, inputs: [[4, 4, 3]], refusedBy: ['tfjs'] },
    { params: { trainable: false }, inputs: [[5]], refusedBy: ['tfjs'] },
    { params: {}, inputs: [[3, 4]], refusedBy: ['tfjs'] },
  ],
  describe: (_params, language) => (language === 'fr' ? '(x − moyenne) / écart type' : '(x − mean) / std'),
  doc: {
    en: {
      summary: 'Shifts each channel by a mean and divides it by a standard deviation, e.g. ImageNet’s, as a pretrained network expects.',
      details:
        'Keras’s Normalization layer. The mean and variance of each channel (the last axis) are weights that training never changes: they come with a pretrained network or an imported file (mean 0 and variance 1, so no change, until then). Keras counts them as 2·C + 1 non-trainable parameters: C means, C variances and the number of samples they were computed on.',
      formula: 'y = (x − mean) / √variance',
      whenToUse: 'In front of a pretrained network, to give it inputs scaled as during its training.',
    },
    fr: {
      summary:
        'Décale chaque canal d’une moyenne et le divise par un écart type, par ex. ceux d’ImageNet, comme l’attend un réseau pré-entraîné.',
      details:
        'La couche Normalization de Keras. La moyenne et la variance de chaque canal (le dernier axe) sont des poids que l’entraînement ne modifie jamais : ils viennent avec un réseau pré-entraîné ou un fichier importé (moyenne 0 et variance 1, donc aucun changement, d’ici là). Keras les compte comme 2·C + 1 paramètres non entraînables : C moyennes, C variances et le nombre d’exemples sur lequel elles ont été calculées.',
      formula: 'y = (x − moyenne) / √variance',
      whenToUse: 'Devant un réseau pré-entraîné, pour lui donner des entrées à l’échelle de son entraînement.',
    },
  },
});
