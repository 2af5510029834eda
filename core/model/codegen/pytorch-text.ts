// Small pieces of PyTorch code that block modules share. Browser-safe string building.
import type { Pads } from '../block';
import type { Shape } from '../graph';

/** Where a tensor's channels are: images are NCHW inside the module; vectors and sequences keep their order. */
export function isImage(shape: Shape): boolean {
  return shape.length === 3;
}

/** Keras axis (batch = 0, negatives from the end) of an NHWC tensor → the same axis of the module's tensor. */
export function torchAxis(axis: number, shape: Shape): number {
  const rank = shape.length + 1;
  const kerasAxis = axis < 0 ? rank + axis : axis;
  if (!isImage(shape)) return kerasAxis;
  return [0, 2, 3, 1][kerasAxis];
}

/** `F.pad`'s padding of the last two axes: (left, right, top, bottom). */
export function padCode(pads: Pads): string {
  return `(${pads.left}, ${pads.right}, ${pads.top}, ${pads.bottom})`;
}

/** `3` for a square size, `(3, 2)` otherwise. */
export function sizeArg(value: [number, number]): string {
  return value[0] === value[1] ? String(value[0]) : `(${value[0]}, ${value[1]})`;
}

/** `stride=…` unless the strides are 1. */
export function strideOption(strides: [number, number]): string[] {
  return strides[0] !== 1 || strides[1] !== 1 ? [`stride=${sizeArg(strides)}`] : [];
}

export function noPads(pads: Pads): boolean {
  return !pads.top && !pads.bottom && !pads.left && !pads.right;
}

export function symmetricPads(pads: Pads): boolean {
  return pads.top === pads.bottom && pads.left === pads.right;
}

/**
 * How a convolution of PyTorch gets Keras's padding: as its `padding` option when PyTorch can say
 * it (symmetric), otherwise as an explicit `F.pad` of its input (Keras puts the extra pixel of
 * "same" after). Returns the options to add and the input expression to convolve.
 */
export function convPadding(pads: Pads, padding: unknown, strides: [number, number], input: string): { options: string[]; input: string } {
  if (!symmetricPads(pads)) return { options: [], input: `F.pad(${input}, ${padCode(pads)})` };
  if (padding === 'same' && strides[0] === 1 && strides[1] === 1) return { options: ['padding="same"'], input };
  if (pads.top || pads.left) return { options: [`padding=${sizeArg([pads.top, pads.left])}`], input };
  return { options: [], input };
}
