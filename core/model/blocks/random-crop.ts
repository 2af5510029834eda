import { problem } from '../../i18n/catalogue';
import type * as tfjs from '@tensorflow/tfjs';
import type { StockInferenceContext, Tf } from '../block';
import type { PlanNode } from '../codegen/plan';
import type { AugmentationBehaviour } from './augmentation-layers';
import { ShapeError } from '../issues';
import { augmentationBlock } from './augmentation-block';

/**
 * Keras's inference form (smart resize): the largest centred window with the target's
 * proportions, resized to height × width.
 */
function centreCropResize(tf: Tf, images: tfjs.Tensor4D, options: Record<string, unknown>): tfjs.Tensor4D {
  const [, h, w] = images.shape;
  const th = options.height as number;
  const tw = options.width as number;
  if (h === th && w === tw) return images;
  const cropH = Math.min(h, Math.floor((w * th) / tw));
  const cropW = Math.min(w, Math.floor((h * tw) / th));
  const top = Math.floor((h - cropH) / 2);
  const left = Math.floor((w - cropW) / 2);
  const window = tf.slice(images, [0, top, left, 0], [-1, cropH, cropW, -1]);
  return cropH === th && cropW === tw ? window : tf.image.resizeBilinear(window, [th, tw], false, true);
}

/** The centred window of the inference form: its top, left, height and width in the input. */
function centreWindow(node: PlanNode) {
  const [h, w] = node.inputShapes[0];
  const th = node.params.height as number;
  const tw = node.params.width as number;
  const cropH = Math.min(h, Math.floor((w * th) / tw));
  const cropW = Math.min(w, Math.floor((h * tw) / th));
  return { h, w, th, tw, cropH, cropW, top: Math.floor((h - cropH) / 2), left: Math.floor((w - cropW) / 2) };
}

/**
 * Half-pixel bilinear resampling of one axis as a matrix [size, target]: the rows of the window
 * [start, start + length) are resized to `target` values exactly as tf.image.resizeBilinear
 * (halfPixelCenters) does, so a Dense layer with this kernel reproduces it.
 */
export function resizeMatrix(size: number, start: number, length: number, target: number): Float32Array {
  const m = new Float32Array(size * target);
  const ratio = length / target;
  for (let o = 0; o < target; o++) {
    const source = ratio * (o + 0.5) - 0.5;
    const floor = Math.floor(source);
    const frac = source - floor;
    const lower = Math.max(0, floor);
    const upper = Math.min(length - 1, Math.ceil(source));
    m[(start + lower) * target + o] += 1 - frac;
    m[(start + upper) * target + o] += frac;
  }
  return m;
}

/**
 * The inference form with stock TensorFlow.js layers only: resizing is linear along each axis, so
 * it is two Dense layers with fixed kernels, each applied to the axis moved last by a Permute.
 */
function stockCentreCropResize({ tf, node, input, fixedWeights }: StockInferenceContext): tfjs.SymbolicTensor {
  const { h, w, th, tw, cropH, cropW, top, left } = centreWindow(node);
  const dense = (suffix: string, size: number, start: number, length: number, target: number, x: tfjs.SymbolicTensor) => {
    const layer = tf.layers.dense({ name: `${node.id}_${suffix}`, units: target, useBias: false, trainable: false });
    const out = layer.apply(x) as tfjs.SymbolicTensor;
    fixedWeights(layer, resizeMatrix(size, start, length, target), [size, target]);
    return out;
  };
  let y = tf.layers.permute({ name: `${node.id}_width_last`, dims: [1, 3, 2] }).apply(input) as tfjs.SymbolicTensor; // h × c × w
  y = dense('resize_width', w, left, cropW, tw, y); // h × c × tw
  y = tf.layers.permute({ name: `${node.id}_height_last`, dims: [3, 2, 1] }).apply(y) as tfjs.SymbolicTensor; // tw × c × h
  y = dense('resize_height', h, top, cropH, th, y); // tw × c × th
  return tf.layers.permute({ name: node.id, dims: [3, 1, 2] }).apply(y) as tfjs.SymbolicTensor; // th × tw × c
}

export const randomCropBehaviour: AugmentationBehaviour = {
  type: 'RandomCrop',
  augment(tf, images, options, random) {
    const [, h, w] = images.shape;
    const th = options.height as number;
    const tw = options.width as number;
    const top = Math.floor(random() * (h - th + 1));
    const left = Math.floor(random() * (w - tw + 1));
    return tf.slice(images, [0, top, left, 0], [-1, th, tw, -1]);
  },
  infer: centreCropResize,
  outputShape: (shape, options) => [shape[0], options.height as number, options.width as number, shape[3]],
};

const sizeSpec = (en: string, fr: string) => ({ kind: 'int' as const, default: 24, min: 1, max: 4096, help: { en, fr } });

export const RandomCrop = augmentationBlock({
  behaviour: randomCropBehaviour,
  params: {
    height: sizeSpec('Height of the crop in pixels.', 'Hauteur du recadrage en pixels.'),
    width: sizeSpec('Width of the crop in pixels.', 'Largeur du recadrage en pixels.'),
  },
  outputShape(input, params) {
    for (const [param, size] of [
      ['height', input[0]],
      ['width', input[1]],
    ] as const)
      if ((params[param] as number) > size)
        throw new ShapeError(
          problem(param === 'height' ? 'shapes:cropTooHigh' : 'shapes:cropTooWide', {
            height: params.height as number,
            width: params.width as number,
            imageHeight: input[0],
            imageWidth: input[1],
          }),
          param,
          'crop-too-large',
        );
    return [params.height as number, params.width as number, input[2]];
  },
  keras: { positional: ['height', 'width'], defaults: { seed: null } },
  conformance: [
    { params: { height: 5, width: 5 }, inputs: [[8, 8, 1]] },
    { params: { height: 4, width: 6 }, inputs: [[7, 9, 2]] },
    { params: { height: 3, width: 2 }, inputs: [[4, 4, 2]] },
  ],
  // At inference: the largest centred window with the target's proportions, resized (bilinear, half-pixel) to height × width.
  inference: {
    pytorch(w) {
      const { h, w: width, th, tw, cropH, cropW, top, left } = centreWindow(w.node);
      const input = w.args[0];
      if (h === th && width === tw) return input;
      const window = cropH === h && cropW === width ? input : `${input}[:, :, ${top}:${top + cropH}, ${left}:${left + cropW}]`;
      if (cropH === th && cropW === tw) return window;
      return `F.interpolate(${window}, size=(${th}, ${tw}), mode="bilinear", align_corners=False)`;
    },
    pytorchNote: (node) =>
      `# ${node.id}: RandomCrop at inference keeps the centre, resized to ${node.params.height}×${node.params.width}, as Keras does.`,
    onnx(w) {
      const { node } = w;
      const { h, w: width, th, tw, cropH, cropW, top, left } = centreWindow(node);
      let x = w.input(0, 'nchw');
      if (cropH !== h || cropW !== width)
        x = w.op(
          'Slice',
          [
            x,
            w.ints(`${node.id}/starts`, [top, left]),
            w.ints(`${node.id}/ends`, [top + cropH, left + cropW]),
            w.ints(`${node.id}/axes`, [2, 3]),
          ],
          w.fresh('window'),
        );
      if (cropH !== th || cropW !== tw) {
        const batchChannels = w.op('Shape', [x], w.fresh('batchChannels'), [
          { name: 'start', type: 'int', value: 0 },
          { name: 'end', type: 'int', value: 2 },
        ]);
        const sizes = w.op('Concat', [batchChannels, w.ints(`${node.id}/size`, [th, tw])], w.fresh('sizes'), [
          { name: 'axis', type: 'int', value: 0 },
        ]);
        x = w.op('Resize', [x, '', '', sizes], w.outputName('nchw'), [
          { name: 'mode', type: 'string', value: 'linear' },
          { name: 'coordinate_transformation_mode', type: 'string', value: 'half_pixel' },
        ]);
      }
      w.output('nchw', x);
    },
    stockInference: stockCentreCropResize,
  },
  describe: (params) => `${params.height}×${params.width}`,
  doc: {
    en: {
      summary: 'Cuts a random height × width window out of each training batch; keeps the centre at inference.',
      details:
        'While training, the window is placed at random, so the network sees the object at different positions. At inference it takes the largest centred window with the same proportions and resizes it to height × width, so the output size is the same in both cases.',
      formula: 'output: height × width × channels',
      whenToUse: 'When the images are a little larger than the part that matters, e.g. 28×28 cropped to 24×24.',
    },
    fr: {
      summary: 'Découpe une fenêtre aléatoire de hauteur × largeur dans chaque lot d’entraînement ; garde le centre en inférence.',
      details:
        'Pendant l’entraînement, la fenêtre est placée au hasard, si bien que le réseau voit l’objet à différentes positions. En inférence, il prend la plus grande fenêtre centrée de mêmes proportions et la redimensionne en hauteur × largeur : la taille de sortie est la même dans les deux cas.',
      formula: 'sortie : hauteur × largeur × canaux',
      whenToUse: 'Quand les images sont un peu plus grandes que la partie utile, par ex. 28×28 recadrées en 24×24.',
    },
  },
});
