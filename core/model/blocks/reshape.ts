import { problem } from '../../i18n/catalogue';
import { isImage } from '../codegen/pytorch-text';
import { formatShape, type Shape } from '../graph';
import { ShapeError } from '../issues';
import { layerBlock } from './common';
import { product } from './shape-rules';

/** Reshape: the same values in another shape, read and written in Keras's (row-major, channels-last) order. */
export const Reshape = layerBlock({
  type: 'Reshape',
  category: 'Core',
  params: {
    targetShape: {
      kind: 'shape',
      default: [7, 7, 16],
      minRank: 1,
      maxRank: 3,
      help: {
        en: 'The output shape without the batch, e.g. [784] or [7, 7, 16]; it must hold as many values as the input.',
        fr: 'La forme de sortie sans le lot, par ex. [784] ou [7, 7, 16] ; elle doit contenir autant de valeurs que l’entrée.',
      },
    },
  },
  outputShape([input], params) {
    const target = params.targetShape as Shape;
    if (product(target) !== product(input))
      throw new ShapeError(
        problem('shapes:reshapeSize', { target, input, targetSize: product(target), inputSize: product(input) }),
        'targetShape',
        'reshape-size',
      );
    return [...target];
  },
  build: ({ tf, params, name }) =>
    tf.layers.reshape({ name, targetShape: params.targetShape as number[], trainable: params.trainable as boolean }),
  keras: { className: 'Reshape', positional: ['targetShape'] },
  pytorch(w) {
    // The module holds images as NCHW: go back to Keras's NHWC order to reshape, and to NCHW again for an image output.
    const input = isImage(w.node.inputShapes[0]) ? `${w.args[0]}.permute(0, 2, 3, 1)` : w.args[0];
    const target = w.node.outputShape;
    const reshaped = `${input}.reshape(-1, ${target.join(', ')})`;
    return isImage(target) ? `${reshaped}.permute(0, 3, 1, 2)` : reshaped;
  },
  onnx(w) {
    const shape = w.ints(`${w.node.id}/shape`, [0, ...w.node.outputShape]);
    w.output('nhwc', w.op('Reshape', [w.input(0, 'nhwc'), shape], w.node.id));
  },
  conformance: [
    { params: { targetShape: [12] }, inputs: [[2, 3, 2]] },
    { params: { targetShape: [2, 2, 3] }, inputs: [[12]] },
    { params: { targetShape: [3, 4] }, inputs: [[2, 6]] },
    { params: { targetShape: [4, 3, 1] }, inputs: [[2, 3, 2]] },
  ],
  describe: (params) => `→ ${formatShape(params.targetShape as Shape)}`,
  doc: {
    en: {
      summary: 'Gives the values another shape, e.g. a vector of 784 back to a 28×28×1 image.',
      details:
        'The values are read in order — row by row, the channels of a pixel together, as Keras stores them — and written into the new shape in the same order. Nothing is computed and there are no weights; the number of values must stay the same.',
      formula: 'out = the same values, in targetShape',
      whenToUse: 'To turn a Dense layer’s output into an image (as in an autoencoder), or data given as a flat vector into its real shape.',
    },
    fr: {
      summary: 'Donne aux valeurs une autre forme, par ex. un vecteur de 784 redevient une image 28×28×1.',
      details:
        'Les valeurs sont lues dans l’ordre — ligne par ligne, les canaux d’un pixel ensemble, comme Keras les range — et écrites dans la nouvelle forme dans le même ordre. Rien n’est calculé et il n’y a aucun poids ; le nombre de valeurs doit rester le même.',
      formula: 'sortie = les mêmes valeurs, dans targetShape',
      whenToUse:
        'Pour transformer la sortie d’une couche Dense en image (comme dans un autoencodeur), ou des données données à plat dans leur vraie forme.',
    },
  },
});
