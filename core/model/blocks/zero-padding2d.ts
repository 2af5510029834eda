import { sidesOf } from '../params';
import { layerBlock } from './common';
import { requireImage } from './shape-rules';

/** ZeroPadding2D: a border of zeros around every image; no weights. */
export const ZeroPadding2D = layerBlock({
  type: 'ZeroPadding2D',
  category: 'Convolution',
  params: {
    padding: {
      kind: 'size2',
      default: 1,
      min: 0,
      max: 1024,
      sides: true,
      help: {
        en: 'Rows of zeros added above and below, and columns added left and right: 1 for one pixel on every side, [1, 2] for 1 row and 2 columns, [[0, 1], [0, 1]] (top, bottom, left, right: "0, 1, 0, 1" in the field) for one row below and one column on the right only.',
        fr: 'Lignes de zéros ajoutées en haut et en bas, et colonnes ajoutées à gauche et à droite : 1 pour un pixel de chaque côté, [1, 2] pour 1 ligne et 2 colonnes, [[0, 1], [0, 1]] (haut, bas, gauche, droite : « 0, 1, 0, 1 » dans le champ) pour une ligne en bas et une colonne à droite seulement.',
      },
    },
  },
  outputShape([input], params) {
    const [h, w, c] = requireImage('ZeroPadding2D', input);
    const [[top, bottom], [left, right]] = sidesOf(params.padding);
    return [h + top + bottom, w + left + right, c];
  },
  build({ tf, params, name }) {
    return tf.layers.zeroPadding2d({ name, padding: sidesOf(params.padding), trainable: params.trainable as boolean });
  },
  keras: { className: 'ZeroPadding2D', positional: ['padding'], defaults: { padding: [1, 1] } },
  pytorch(w) {
    const [[top, bottom], [left, right]] = sidesOf(w.node.params.padding);
    return `F.pad(${w.args[0]}, (${left}, ${right}, ${top}, ${bottom}))`;
  },
  onnx(w) {
    const [[top, bottom], [left, right]] = sidesOf(w.node.params.padding);
    const layout = w.anyLayout(0);
    const pads = layout === 'nchw' ? [0, 0, top, left, 0, 0, bottom, right] : [0, top, left, 0, 0, bottom, right, 0];
    w.output(layout, w.op('Pad', [w.input(0, layout), w.ints(`${w.node.id}/pads`, pads)], w.outputName(layout)));
  },
  inside: 'pooling',
  conformance: [
    { params: {}, inputs: [[4, 4, 1]] },
    { params: { padding: [2, 1] }, inputs: [[3, 5, 2]] },
    { params: { padding: 0 }, inputs: [[2, 2, 3]] },
    // Uneven, as Keras's MobileNetV2 pads before its stride-2 convolutions, and every side different.
    {
      params: {
        padding: [
          [0, 1],
          [0, 1],
        ],
      },
      inputs: [[4, 5, 2]],
    },
    {
      params: {
        padding: [
          [2, 0],
          [1, 3],
        ],
      },
      inputs: [[3, 3, 1]],
    },
  ],
  describe(params) {
    const [[top, bottom], [left, right]] = sidesOf(params.padding);
    if (top !== bottom || left !== right) return `+${top}/${bottom}×${left}/${right}`;
    return top === left ? `+${top}` : `+${top}×${left}`;
  },
  doc: {
    en: {
      summary: 'Adds a border of zeros around each image, so that the next convolution keeps its edges.',
      details:
        'Adds `padding` rows of zeros above and below the image and `padding` columns left and right (or the two numbers of [rows, columns], or each side apart with [[top, bottom], [left, right]]), on every channel. It has no weights. A "valid" convolution after it then sees the pixels at the edge as often as the others.',
      formula: 'out = (h + top + bottom) × (w + left + right) × c',
      whenToUse:
        'Before a convolution with "valid" padding or a strided one, as in MobileNet and ResNet, to control the output size exactly.',
    },
    fr: {
      summary: 'Ajoute une bordure de zéros autour de chaque image, pour que la convolution suivante garde ses bords.',
      details:
        'Ajoute `padding` lignes de zéros en haut et en bas de l’image et `padding` colonnes à gauche et à droite (ou les deux nombres de [lignes, colonnes], ou chaque côté à part avec [[haut, bas], [gauche, droite]]), sur chaque canal. Aucun poids. Une convolution « valid » placée après voit alors les pixels du bord aussi souvent que les autres.',
      formula: 'sortie = (h + haut + bas) × (l + gauche + droite) × c',
      whenToUse:
        'Avant une convolution « valid » ou à pas de 2, comme dans MobileNet et ResNet, pour régler exactement la taille de sortie.',
    },
  },
});
