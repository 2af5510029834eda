// Turns a decoded image file into a model's input: fitted to the Input block's height × width as
// the run's training fitted its images (letter-boxed, centre-cropped or, for older projects,
// stretched; core/model/image-fit.ts, the same function), grey or RGB in [0, 1]. For MNIST-style models the
// digit is prepared as MNIST's were: light ink on dark (a dark-on-light image is inverted), its box
// fit in 20×20 pixels and centred by its centre of mass in 28×28 (see drawing.ts).
import { fitImage, type ImageFit } from '../../../core/model/image-fit';
import { toDigitImage } from './drawing';

/** Pixels as a canvas gives them: `width × height` RGBA bytes, row-major. */
export interface RgbaImage {
  data: ArrayLike<number>;
  width: number;
  height: number;
}

export interface ModelInput {
  values: number[];
  /** MNIST-style only: the image was dark on light and was inverted. */
  inverted?: boolean;
  /** MNIST-style only: no ink stands out from the background. */
  blank?: boolean;
}

/** An Input block shape this can fill: height × width × 1 (grey) or 3 (RGB). */
export function isImageShape(shape: readonly number[] | undefined): shape is [number, number, number] {
  return shape?.length === 3 && shape[0] > 0 && shape[1] > 0 && (shape[2] === 1 || shape[2] === 3);
}

/** 28×28 grey images get the drawing pad and MNIST's preparation. */
export function isMnistShape(shape: readonly number[] | undefined): boolean {
  return shape?.length === 3 && shape[0] === 28 && shape[1] === 28 && shape[2] === 1;
}

/**
 * Area-averaged resize to `width × height` RGB values in [0, 1] (the image stretched), as training
 * fits its images; transparent pixels are laid on white, as the image shows on a page.
 */
export function resizeToRgb(image: RgbaImage, width: number, height: number): Float32Array {
  return fitImage(image.data, image.width, image.height, width, height, 3, 'stretch');
}

/** Luma (ITU-R BT.601) of RGB values. */
export function toGrey(rgb: Float32Array): Float32Array {
  const grey = new Float32Array(rgb.length / 3);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * rgb[i * 3] + 0.587 * rgb[i * 3 + 1] + 0.114 * rgb[i * 3 + 2];
  return grey;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Largest side of the working copy a digit is looked for in. */
const WORK_SIDE = 280;

/** An MNIST-style digit from any image of one: 28×28 light-on-dark values in [0, 1]. */
export function toMnistDigit(image: RgbaImage): ModelInput {
  const scale = Math.min(1, WORK_SIDE / Math.max(image.width, image.height));
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const grey = toGrey(resizeToRgb(image, width, height));
  const border: number[] = [];
  for (let x = 0; x < width; x++) border.push(grey[x], grey[(height - 1) * width + x]);
  for (let y = 0; y < height; y++) border.push(grey[y * width], grey[y * width + width - 1]);
  // The background is what the border mostly is; MNIST digits are light on a dark one.
  const inverted = median(border) > 0.5;
  if (inverted) for (let i = 0; i < grey.length; i++) grey[i] = 1 - grey[i];
  const background = median(inverted ? border.map((v) => 1 - v) : border);
  let ink = 0;
  for (const v of grey) ink = Math.max(ink, v);
  const contrast = ink - background;
  if (contrast < 0.2) return { values: new Array<number>(28 * 28).fill(0), inverted, blank: true };
  // Stretched so that the background (paper, a photo's grey) becomes black and the ink white.
  const stretched = new Float32Array(grey.length);
  for (let i = 0; i < grey.length; i++) stretched[i] = Math.min(1, Math.max(0, ((grey[i] - background) / contrast - 0.15) / 0.7));
  return { values: Array.from(toDigitImage(stretched, width, height)), inverted };
}

/**
 * The model's input for an image: MNIST's preparation for 28×28×1 models, otherwise the image
 * fitted to the Input's shape as `fit` says (the run's data set's choice).
 */
export function toModelInput(image: RgbaImage, shape: readonly [number, number, number], fit: ImageFit = 'letterbox'): ModelInput {
  if (isMnistShape(shape)) return toMnistDigit(image);
  const [height, width, channels] = shape;
  const values = fitImage(image.data, image.width, image.height, width, height, channels, fit);
  return { values: Array.from(values, (v) => Math.round(v * 1e4) / 1e4) };
}
