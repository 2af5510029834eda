import type { BlockDefinition } from '../block';
import { mergeLayout, sameShapeMerge, trainableSpec } from './common';

/** Multiply: the product of its inputs, value by value (a gate, or squeeze-and-excitation's channel weights). */
export const Multiply: BlockDefinition = {
  type: 'Multiply',
  category: 'Merge',
  params: { trainable: trainableSpec },
  inputs: { min: 2, max: 32 },
  outputShape: (inputs) =>
    sameShapeMerge(inputs, (shapes) => ({
      en: `Multiply multiplies its inputs value by value, so they must have the same shape, but it receives ${shapes.en}. Make the branches produce the same shape (a Dense with as many units as the other branch has channels, then a Reshape to [1, 1, channels], does not match an image: give both branches the image's shape).`,
      fr: `Multiply multiplie ses entrées valeur par valeur : elles doivent donc avoir la même forme, mais il reçoit ${shapes.fr}. Faites produire la même forme aux branches (une Dense avec autant d’unités que l’autre branche a de canaux, suivie d’un Reshape en [1, 1, canaux], ne correspond pas à une image : donnez aux deux branches la forme de l’image).`,
    })),
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
    { params: {}, inputs: [[5], [5]] },
    { params: {}, inputs: [[4, 4, 2], [4, 4, 2], [4, 4, 2]] },
    { params: {}, inputs: [[3, 4], [3, 4]] },
  ],
  describe: (_params, language) => (language === 'fr' ? 'produit' : 'product'),
  doc: {
    en: {
      summary: 'Multiplies its inputs value by value; they must have the same shape.',
      details:
        'Merges two or more branches into one tensor of the same shape, each value the product of the values at the same place. It has no weights. With a branch of values between 0 and 1 (a sigmoid), it lets that branch turn parts of the other one down: a gate.',
      formula: 'y = x₁ · x₂ · …',
      whenToUse: 'For gates and attention, as in squeeze-and-excitation blocks of MobileNetV3 and EfficientNet.',
    },
    fr: {
      summary: 'Multiplie ses entrées valeur par valeur ; elles doivent avoir la même forme.',
      details:
        'Fusionne deux branches ou plus en un tenseur de même forme, chaque valeur étant le produit des valeurs au même endroit. Aucun poids. Avec une branche de valeurs entre 0 et 1 (une sigmoïde), cette branche peut atténuer des parties de l’autre : une porte.',
      formula: 'y = x₁ · x₂ · …',
      whenToUse: 'Pour des portes et de l’attention, comme dans les blocs squeeze-and-excitation de MobileNetV3 et d’EfficientNet.',
    },
  },
};
