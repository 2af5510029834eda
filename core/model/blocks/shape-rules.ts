import { problem } from '../../i18n/catalogue';
import type { Shape } from '../graph';
import { ShapeError } from '../issues';
import { pair } from '../params';

/** Checks that the input is an image (height × width × channels) and says what to do when it is not. */
export function requireImage(type: string, input: Shape): [number, number, number] {
  if (input.length === 3) return input as [number, number, number];
  if (input.length === 2)
    throw new ShapeError(problem('shapes:needsChannels', { type, input, height: input[0], width: input[1] }), undefined, 'needs-image');
  throw new ShapeError(problem('shapes:needsImage', { type, input }), undefined, 'needs-image');
}

/** Output size of a sliding window along one axis, with Keras's formulas. */
export function windowOutput(size: number, window: number, stride: number, padding: string): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/**
 * Output height and width of a convolution or pooling window.
 * `what` names the window ("kernel", "pool"), `param` the parameter at fault.
 */
export function slideWindow(
  input: [number, number, number],
  windowValue: unknown,
  stridesValue: unknown,
  padding: string,
  what: 'kernel' | 'pool',
  param: string,
): [number, number] {
  const [h, w] = input;
  const [kh, kw] = pair(windowValue);
  const [sh, sw] = pair(stridesValue);
  if (padding === 'valid' && (kh > h || kw > w))
    throw new ShapeError(
      problem(what === 'kernel' ? 'shapes:kernelTooLarge' : 'shapes:poolTooLarge', { kh, kw, h, w, param }),
      param,
      `${what}-too-large`,
    );
  return [windowOutput(h, kh, sh, padding), windowOutput(w, kw, sw, padding)];
}

/** Keras axis (counting the batch axis as 0, negatives from the end) → index into a shape without batch. */
export function resolveAxis(axis: number, rank: number, type: string): number {
  const index = axis < 0 ? rank + axis : axis - 1;
  if (axis === 0) throw new ShapeError(problem('shapes:batchAxis', { type }), 'axis', 'bad-axis');
  if (index < 0 || index >= rank) throw new ShapeError(problem('shapes:missingAxis', { axis, rank }), 'axis', 'bad-axis');
  return index;
}

export const product = (shape: Shape) => shape.reduce((a, b) => a * b, 1);

/** Keras's padding of one axis for "same": [before, after], with the extra pixel after, as TensorFlow does. */
export function samePadding(size: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + window - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}
