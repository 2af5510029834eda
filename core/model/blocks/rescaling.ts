import { pyNumber } from '../codegen/python';
import { formatNumber, layerBlock } from './common';

export const Rescaling = layerBlock({
  type: 'Rescaling',
  category: 'Core',
  params: {
    scale: {
      kind: 'float',
      default: 1 / 255,
      min: -1_000_000,
      max: 1_000_000,
      help: {
        en: 'Every value is multiplied by this, e.g. 1/255 ≈ 0.00392 to bring pixels to 0–1.',
        fr: 'Chaque valeur est multipliée par ce nombre, par ex. 1/255 ≈ 0.00392 pour ramener les pixels entre 0 et 1.',
      },
    },
    offset: {
      kind: 'float',
      default: 0,
      min: -1_000_000,
      max: 1_000_000,
      help: {
        en: 'Added after the multiplication, e.g. −1 with scale 1/127.5 to get −1…1.',
        fr: 'Ajouté après la multiplication, par ex. −1 avec scale 1/127.5 pour obtenir −1…1.',
      },
    },
  },
  outputShape: ([input]) => [...input],
  build: ({ tf, params, name }) =>
    tf.layers.rescaling({ name, scale: params.scale as number, offset: params.offset as number, trainable: params.trainable as boolean }),
  keras: { className: 'Rescaling', positional: ['scale'], defaults: { offset: 0 } },
  pytorch(w) {
    const p = w.node.params;
    const scaled = p.scale === 1 ? w.args[0] : `${w.args[0]} * ${pyNumber(p.scale as number)}`;
    return p.offset ? `${scaled} + ${pyNumber(p.offset as number)}` : scaled;
  },
  onnx(w) {
    const { node } = w;
    const p = node.params;
    const layout = w.anyLayout(0);
    const name = w.outputName(layout);
    const scaled = w.op(
      'Mul',
      [w.input(0, layout), w.constant(`${node.id}/scale`, [], [p.scale as number])],
      p.offset ? w.fresh('scaled') : name,
    );
    w.output(layout, p.offset ? w.op('Add', [scaled, w.constant(`${node.id}/offset`, [], [p.offset as number])], name) : scaled);
  },
  conformance: [
    { params: {}, inputs: [[4, 4, 1]] },
    { params: { scale: 2, offset: -1 }, inputs: [[5]] },
  ],
  describe: (params, language) =>
    `× ${formatNumber(params.scale as number, language)}${params.offset ? ` + ${formatNumber(params.offset as number, language)}` : ''}`,
  doc: {
    en: {
      summary: 'Multiplies every value by `scale` and adds `offset`, e.g. pixels 0–255 to 0–1.',
      details: 'A fixed linear change of the values, part of the model so that it also applies at inference. It has no weights.',
      formula: 'y = x · scale + offset',
      whenToUse: 'Right after the Input, when the images arrive as 0–255 pixel values.',
    },
    fr: {
      summary: 'Multiplie chaque valeur par `scale` et ajoute `offset`, par ex. des pixels 0–255 vers 0–1.',
      details: 'Un changement linéaire fixe des valeurs, intégré au modèle pour s’appliquer aussi en inférence. Aucun poids.',
      formula: 'y = x · scale + offset',
      whenToUse: 'Juste après l’Input, quand les images arrivent avec des pixels de 0 à 255.',
    },
  },
});
