import { formatShape, type Shape } from '../graph';
import { ShapeError } from '../issues';
import { pair } from '../params';

/** Checks that the input is an image (height × width × channels) and says what to do when it is not. */
export function requireImage(type: string, input: Shape): [number, number, number] {
  if (input.length === 3) return input as [number, number, number];
  if (input.length === 2)
    throw new ShapeError(
      `${type} works on images (height × width × channels), but receives ${formatShape(input)}, which has no channel axis. Give the Input a shape like [${input[0]}, ${input[1]}, 1].`,
      undefined,
      'needs-image',
    );
  throw new ShapeError(
    `${type} works on images (height × width × channels), but receives a flat vector of ${formatShape(input)} values. Place it before Flatten or Dense, or give the Input an image shape such as [28, 28, 1].`,
    undefined,
    'needs-image',
  );
}

/** Output size of a sliding window along one axis, with Keras's formulas. */
export function windowOutput(size: number, window: number, stride: number, padding: string): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/**
 * Output height and width of a convolution or pooling window.
 * `what` names the window in messages ("kernel", "pool window"), `param` the parameter at fault.
 */
export function slideWindow(
  input: [number, number, number],
  windowValue: unknown,
  stridesValue: unknown,
  padding: string,
  what: string,
  param: string,
): [number, number] {
  const [h, w] = input;
  const [kh, kw] = pair(windowValue);
  const [sh, sw] = pair(stridesValue);
  if (padding === 'valid' && (kh > h || kw > w))
    throw new ShapeError(
      `The ${kh}×${kw} ${what} is larger than its ${h}×${w} input: use a smaller \`${param}\`, \`padding: "same"\`, or remove a pooling block before it.`,
      param,
      `${what.split(' ')[0]}-too-large`,
    );
  return [windowOutput(h, kh, sh, padding), windowOutput(w, kw, sw, padding)];
}

/** Keras axis (counting the batch axis as 0, negatives from the end) → index into a shape without batch. */
export function resolveAxis(axis: number, rank: number, type: string): number {
  const index = axis < 0 ? rank + axis : axis - 1;
  if (axis === 0)
    throw new ShapeError(`\`axis\` 0 is the batch axis, which ${type} cannot use. Use -1 for the last axis (the channels of an image).`, 'axis', 'bad-axis');
  if (index < 0 || index >= rank)
    throw new ShapeError(
      `\`axis\` ${axis} does not exist on a ${rank}-D input. Use -1 for the last axis, or a value from 1 to ${rank} (0 is the batch).`,
      'axis',
      'bad-axis',
    );
  return index;
}

export const product = (shape: Shape) => shape.reduce((a, b) => a * b, 1);
