import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../block';
import { seededRandom } from '../random';
import { layerSeed } from './common';

type Tensor4D = tfjs.Tensor4D;
type Options = Record<string, unknown>;

/**
 * What an augmentation block does to a batch of images. The tf.js layer class around it is
 * made by `augmentationLayerClass`, so that block modules never import TensorFlow.js.
 */
export interface AugmentationBehaviour {
  /** The Keras class name, used to register the layer for saving and loading. */
  type: string;
  /** The random transform applied while training; `random()` is a seeded uniform draw in [0, 1). */
  augment(tf: Tf, images: Tensor4D, options: Options, random: () => number): Tensor4D;
  /** The inference form; the identity when absent. */
  infer?(tf: Tf, images: Tensor4D, options: Options): Tensor4D;
  outputShape?(inputShape: (number | null)[], options: Options): (number | null)[];
}

export const uniform = (random: () => number, low: number, high: number) => low + (high - low) * random();

type LayerClass = new (args: Options & { name?: string; trainable?: boolean; seed?: number }) => tfjs.layers.Layer;
const classes = new WeakMap<Tf, Map<string, LayerClass>>();

/**
 * The tf.js layer class of an augmentation block, defined once per TensorFlow.js instance and
 * registered for serialization. It applies the random transform only when called with
 * `training: true` (as `model.fit` does) and its inference form otherwise. It has no weights.
 */
export function augmentationLayerClass(tf: Tf, behaviour: AugmentationBehaviour): LayerClass {
  let perTf = classes.get(tf);
  if (!perTf) classes.set(tf, (perTf = new Map()));
  const known = perTf.get(behaviour.type);
  if (known) return known;

  class AugmentationLayer extends tf.layers.Layer {
    static className = behaviour.type;
    private readonly options: Options;
    private readonly seed: number;
    private readonly random: () => number;

    constructor(args: Options & { name?: string; trainable?: boolean; seed?: number }) {
      const { name, trainable, seed, ...options } = args;
      super({ name, trainable });
      this.options = options;
      this.seed = seed ?? Math.floor(Math.random() * 2_147_483_647);
      this.random = seededRandom(this.seed);
    }

    override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape | tfjs.Shape[] {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as (number | null)[];
      return behaviour.outputShape ? behaviour.outputShape(shape, this.options) : shape;
    }

    override call(inputs: tfjs.Tensor | tfjs.Tensor[], kwargs: Record<string, unknown>): tfjs.Tensor {
      const images = (Array.isArray(inputs) ? inputs[0] : inputs) as Tensor4D;
      if (kwargs.training === true) return tf.tidy(() => behaviour.augment(tf, images, this.options, this.random));
      return behaviour.infer ? tf.tidy(() => behaviour.infer!(tf, images, this.options)) : images;
    }

    override getConfig(): tfjs.serialization.ConfigDict {
      return { ...(this.options as tfjs.serialization.ConfigDict), seed: this.seed, ...super.getConfig() };
    }
  }

  tf.serialization.registerClass(AugmentationLayer);
  perTf.set(behaviour.type, AugmentationLayer);
  return AugmentationLayer;
}

/** Builds the layer of an augmentation block from its resolved parameters. */
export function buildAugmentation(
  behaviour: AugmentationBehaviour,
  ctx: { tf: Tf; params: Options; name: string; seed?: number },
): tfjs.layers.Layer {
  const { trainable, ...options } = ctx.params;
  const Layer = augmentationLayerClass(ctx.tf, behaviour);
  const seed = layerSeed(ctx.seed, ctx.name);
  return new Layer({ ...options, name: ctx.name, trainable: trainable as boolean, ...(seed === undefined ? {} : { seed }) });
}

/** A 3×3 affine matrix as the 8 numbers of tf.image.transform, inverted (tf.image.transform maps output points to input points). */
function invertAffine(m: number[]): number[] {
  const [a, b, c, d, e, f] = m;
  const det = a * e - b * d;
  return [e / det, -b / det, (b * f - c * e) / det, -d / det, a / det, (c * d - a * f) / det, 0, 0];
}

/** How a moved image is sampled and what fills the pixels from outside it: the blocks' `affineFillSpecs`. */
interface AffineFill {
  interpolation: 'bilinear' | 'nearest';
  fillMode: 'reflect' | 'wrap' | 'constant' | 'nearest';
  fillValue: number;
}

/**
 * tf.image.transform one image at a time: the CPU backend's Transform kernel of tf.js 4.22
 * returns after the first image of a batch and leaves the others at the fill value.
 */
function transformEach(tf: Tf, images: Tensor4D, transforms: number[][], fill: AffineFill): Tensor4D {
  const parts = tf.split(images, images.shape[0], 0) as Tensor4D[];
  return tf.concat(
    parts.map((image, i) =>
      tf.image.transform(image, tf.tensor2d([transforms[i]], [1, 8]), fill.interpolation, fill.fillMode, fill.fillValue),
    ),
    0,
  );
}

/**
 * Applies one affine transform per image (rows of 8 numbers, as tf.image.transform takes them).
 * tf.js has no gradient for the Transform kernel, so the gradient is the inverse transform of
 * the incoming gradient, as TensorFlow does for ImageProjectiveTransform; this lets the block sit
 * after trainable layers.
 */
export function affineTransform(tf: Tf, images: Tensor4D, transforms: number[][], fill: AffineFill): Tensor4D {
  const [, height, width] = images.shape;
  const { interpolation } = fill;
  const forward = (x: Tensor4D) => {
    if (fill.fillMode !== 'reflect') return transformEach(tf, x, transforms, fill);
    // The WASM backend's Transform kernel reflects coordinates just below 0 wrongly, so on every
    // backend the reflection is made by padding the image with its mirror image, one image size on
    // each side; the padded image is transformed as a whole and its centre kept.
    const padded = tf.mirrorPad(
      x,
      [
        [0, 0],
        [height, height],
        [width, width],
        [0, 0],
      ],
      'symmetric',
    );
    const shifted = transforms.map(([a0, a1, a2, b0, b1, b2]) => [
      a0,
      a1,
      a2 - a0 * width - a1 * height + width,
      b0,
      b1,
      b2 - b0 * width - b1 * height + height,
      0,
      0,
    ]);
    const moved = transformEach(tf, padded, shifted, { interpolation, fillMode: 'nearest', fillValue: 0 });
    return tf.slice(moved, [0, height, width, 0], [-1, height, width, -1]);
  };
  const op = tf.customGrad((x) => ({
    value: forward(x as Tensor4D),
    gradFunc: (dy: tfjs.Tensor) =>
      tf.tidy(() => transformEach(tf, dy as Tensor4D, transforms.map(invertAffine), { interpolation, fillMode: 'constant', fillValue: 0 })),
  }));
  return op(images) as Tensor4D;
}

/**
 * The behaviour of a block that moves each image by an affine transform: `matrix` draws one
 * image's (8 numbers, as tf.image.transform takes them), and the block's `affineFillSpecs` say
 * how the moved image is filled.
 */
export function affineBehaviour(
  type: string,
  matrix: (options: Options, height: number, width: number, random: () => number) => number[],
): AugmentationBehaviour {
  return {
    type,
    augment(tf, images, options, random) {
      const [n, height, width] = images.shape;
      const matrices = Array.from({ length: n }, () => matrix(options, height, width, random));
      return affineTransform(tf, images, matrices, options as unknown as AffineFill);
    },
  };
}

/** One value per image, drawn by `draw`, as a [n, 1, 1, 1] tensor that scales or shifts each image of `images` as a whole. */
export function perImage(tf: Tf, images: Tensor4D, draw: () => number): Tensor4D {
  const n = images.shape[0];
  return tf.tensor4d(Array.from({ length: n }, draw), [n, 1, 1, 1]);
}
