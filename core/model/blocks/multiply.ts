import { problem } from '../../i18n/catalogue';
import { ShapeError } from '../issues';
import { mergeLayout, sameShapeMergeCases, layerBlock } from './common';

/** Multiply: the product of its inputs, value by value (a gate, or squeeze-and-excitation's channel weights). */
export const Multiply = layerBlock({
  type: 'Multiply',
  category: 'Merge',
  params: {},
  inputs: { min: 2, max: 32 },
  outputShape(inputs) {
    // Keras broadcasts a size of 1 against any size (squeeze-and-excitation's [1, 1, C] channel weights times a [H, W, C] image); other sizes must be equal.
    const rank = inputs[0].length;
    const fits =
      inputs.every((s) => s.length === rank) &&
      inputs[0].every((_, axis) => new Set(inputs.map((s) => s[axis]).filter((d) => d !== 1)).size <= 1);
    if (!fits) {
      throw new ShapeError(problem('shapes:multiplyShapes', { inputs }), undefined, 'merge-shapes');
    }
    return inputs[0].map((_, axis) => Math.max(...inputs.map((s) => s[axis])));
  },
  build: ({ tf, params, name }) => tf.layers.multiply({ name, trainable: params.trainable as boolean }),
  keras: { className: 'Multiply' },
  pytorch: (w) => w.args.join(' * '),
  onnx(w) {
    // ONNX's Mul takes two inputs: a chain of them, the last one named as the block's output.
    const layout = mergeLayout(w);
    const inputs = w.node.inputs.map((_, i) => w.input(i, layout));
    let product = inputs[0];
    inputs.slice(1).forEach((x, i) => {
      product = w.op('Mul', [product, x], i === inputs.length - 2 ? w.outputName(layout) : w.fresh('product'));
    });
    w.output(layout, product);
  },
  conformance: [
    ...sameShapeMergeCases,
    {
      params: {},
      inputs: [
        [4, 4, 3],
        [1, 1, 3],
      ],
    },
  ],
  describe: (_params, language) => (language === 'fr' ? 'produit' : 'product'),
  doc: {
    en: {
      summary: 'Multiplies its inputs value by value; they must have the same shape, or a size of 1 where the other has more.',
      details:
        'Merges two or more branches into one tensor of the same shape, each value the product of the values at the same place. It has no weights. With a branch of values between 0 and 1 (a sigmoid), it lets that branch turn parts of the other one down: a gate.',
      formula: 'y = x₁ · x₂ · …',
      whenToUse: 'For gates and attention, as in squeeze-and-excitation blocks of MobileNetV3 and EfficientNet.',
    },
    fr: {
      summary: 'Multiplie ses entrées valeur par valeur ; elles doivent avoir la même forme, ou une taille 1 là où l’autre en a plus.',
      details:
        'Fusionne deux branches ou plus en un tenseur de même forme, chaque valeur étant le produit des valeurs au même endroit. Aucun poids. Avec une branche de valeurs entre 0 et 1 (une sigmoïde), cette branche peut atténuer des parties de l’autre : une porte.',
      formula: 'y = x₁ · x₂ · …',
      whenToUse: 'Pour des portes et de l’attention, comme dans les blocs squeeze-and-excitation de MobileNetV3 et d’EfficientNet.',
    },
  },
});
