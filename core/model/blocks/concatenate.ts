import { problem } from '../../i18n/catalogue';
import { ShapeError } from '../issues';
import { torchAxis } from '../codegen/pytorch-text';
import { axisSpec, mergeLayout, layerBlock } from './common';
import { resolveAxis } from './shape-rules';

export const Concatenate = layerBlock({
  type: 'Concatenate',
  category: 'Merge',
  params: {
    axis: axisSpec({
      en: 'Axis along which the inputs are joined, -1 for the last (the channels of an image).',
      fr: 'Axe selon lequel les entrées sont mises bout à bout, -1 pour le dernier (les canaux d’une image).',
    }),
  },
  inputs: { min: 2, max: 32 },
  outputShape(inputs, params) {
    const rank = inputs[0].length;
    if (inputs.some((s) => s.length !== rank))
      throw new ShapeError(problem('shapes:concatenateRanks', { inputs }), undefined, 'merge-shapes');
    const axis = resolveAxis(params.axis as number, rank, 'Concatenate');
    const mismatch = inputs.some((s) => s.some((d, i) => i !== axis && d !== inputs[0][i]));
    if (mismatch) throw new ShapeError(problem('shapes:concatenateAxis', { inputs, axis: params.axis as number }), 'axis', 'merge-shapes');
    const out = [...inputs[0]];
    out[axis] = inputs.reduce((sum, s) => sum + s[axis], 0);
    return out;
  },
  build: ({ tf, params, name, inputShapes }) =>
    // tf.js resolves negative axes without counting the batch axis, so it is given the positive one.
    tf.layers.concatenate({
      name,
      axis: resolveAxis(params.axis as number, inputShapes[0].length, 'Concatenate') + 1,
      trainable: params.trainable as boolean,
    }),
  keras: { className: 'Concatenate', defaults: { axis: -1 } },
  pytorch: (w) => `torch.cat([${w.args.join(', ')}], dim=${torchAxis(w.node.params.axis as number, w.node.inputShapes[0])})`,
  onnx(w) {
    const layout = mergeLayout(w);
    const rank = w.node.outputShape.length + 1;
    const kerasAxis = (w.node.params.axis as number) < 0 ? rank + (w.node.params.axis as number) : (w.node.params.axis as number);
    const axis = layout === 'nchw' ? [0, 2, 3, 1][kerasAxis] : kerasAxis;
    const inputs = w.node.inputs.map((_, i) => w.input(i, layout));
    w.output(layout, w.op('Concat', inputs, w.outputName(layout), [{ name: 'axis', type: 'int', value: axis }]));
  },
  conformance: [
    { params: {}, inputs: [[3], [5]] },
    {
      params: {},
      inputs: [
        [4, 4, 2],
        [4, 4, 3],
      ],
    },
    {
      params: { axis: 1 },
      inputs: [
        [2, 3],
        [4, 3],
        [1, 3],
      ],
    },
    {
      params: { axis: -2 },
      inputs: [
        [3, 2, 2],
        [3, 5, 2],
      ],
    },
  ],
  describe: (params, language) => `${language === 'fr' ? 'axe' : 'axis'} ${params.axis}`,
  doc: {
    en: {
      summary: 'Joins its inputs end to end along one axis (the channels by default).',
      details:
        'The inputs must have the same size on every other axis. It has no weights. Two 8×8×16 feature maps give 8×8×32; two vectors of 10 and 5 give 15.',
      formula: 'out[axis] = in₁[axis] + in₂[axis] + …',
      whenToUse: 'To combine branches that looked at the data differently (Inception-style) or to join several inputs.',
    },
    fr: {
      summary: 'Met ses entrées bout à bout selon un axe (les canaux par défaut).',
      details:
        'Les entrées doivent avoir la même taille sur tous les autres axes. Aucun poids. Deux cartes 8×8×16 donnent 8×8×32 ; deux vecteurs de 10 et 5 en donnent 15.',
      formula: 'sortie[axe] = entrée₁[axe] + entrée₂[axe] + …',
      whenToUse: 'Pour combiner des branches qui ont traité les données différemment (style Inception) ou pour réunir plusieurs entrées.',
    },
  },
});
