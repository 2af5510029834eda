import type { BlockDefinition } from '../block';
import { pair } from '../params';
import { trainableSpec } from './common';
import { requireImage } from './shape-rules';

/** ZeroPadding2D: a border of zeros around every image; no weights. */
export const ZeroPadding2D: BlockDefinition = {
  type: 'ZeroPadding2D',
  category: 'Convolution',
  params: {
    padding: {
      kind: 'size2',
      default: 1,
      min: 0,
      max: 1024,
      help: {
        en: 'Rows of zeros added above and below, and columns added left and right: 1 for one pixel on every side, [1, 2] for 1 row and 2 columns.',
        fr: 'Lignes de zéros ajoutées en haut et en bas, et colonnes ajoutées à gauche et à droite : 1 pour un pixel de chaque côté, [1, 2] pour 1 ligne et 2 colonnes.',
      },
    },
    trainable: trainableSpec,
  },
  inputs: { min: 1, max: 1 },
  outputShape([input], params) {
    const [h, w, c] = requireImage('ZeroPadding2D', input);
    const [ph, pw] = pair(params.padding);
    return [h + 2 * ph, w + 2 * pw, c];
  },
  build({ tf, params, name }) {
    const [ph, pw] = pair(params.padding);
    return tf.layers.zeroPadding2d({ name, padding: [[ph, ph], [pw, pw]], trainable: params.trainable as boolean });
  },
  keras: { className: 'ZeroPadding2D', positional: ['padding'], defaults: { padding: [1, 1] } },
  pytorch(w) {
    const [ph, pw] = pair(w.node.params.padding);
    return `F.pad(${w.args[0]}, (${pw}, ${pw}, ${ph}, ${ph}))`;
  },
  onnx(w) {
    const [ph, pw] = pair(w.node.params.padding);
    const layout = w.anyLayout(0);
    const pads = layout === 'nchw' ? [0, 0, ph, pw, 0, 0, ph, pw] : [0, ph, pw, 0, 0, ph, pw, 0];
    w.output(layout, w.op('Pad', [w.input(0, layout), w.ints(`${w.node.id}/pads`, pads)], w.outputName(layout)));
  },
  inside: 'pooling',
  conformance: [
    { params: {}, inputs: [[4, 4, 1]] },
    { params: { padding: [2, 1] }, inputs: [[3, 5, 2]] },
    { params: { padding: 0 }, inputs: [[2, 2, 3]] },
  ],
  describe(params) {
    const [ph, pw] = pair(params.padding);
    return ph === pw ? `+${ph}` : `+${ph}×${pw}`;
  },
  doc: {
    en: {
      summary: 'Adds a border of zeros around each image, so that the next convolution keeps its edges.',
      details:
        'Adds `padding` rows of zeros above and below the image and `padding` columns left and right (or the two numbers of [rows, columns]), on every channel. It has no weights. A "valid" convolution after it then sees the pixels at the edge as often as the others.',
      formula: 'out = (h + 2·rows) × (w + 2·columns) × c',
      whenToUse: 'Before a convolution with "valid" padding or a strided one, as in MobileNet and ResNet, to control the output size exactly.',
    },
    fr: {
      summary: 'Ajoute une bordure de zéros autour de chaque image, pour que la convolution suivante garde ses bords.',
      details:
        'Ajoute `padding` lignes de zéros en haut et en bas de l’image et `padding` colonnes à gauche et à droite (ou les deux nombres de [lignes, colonnes]), sur chaque canal. Aucun poids. Une convolution « valid » placée après voit alors les pixels du bord aussi souvent que les autres.',
      formula: 'sortie = (h + 2·lignes) × (l + 2·colonnes) × c',
      whenToUse: 'Avant une convolution « valid » ou à pas de 2, comme dans MobileNet et ResNet, pour régler exactement la taille de sortie.',
    },
  },
};
