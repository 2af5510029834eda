import { formatShape, type Shape } from '../graph';
import { ShapeError } from '../issues';
import { pair, type Localized } from '../params';

/** Checks that the input is an image (height × width × channels) and says what to do when it is not. */
export function requireImage(type: string, input: Shape): [number, number, number] {
  if (input.length === 3) return input as [number, number, number];
  if (input.length === 2)
    throw new ShapeError(
      {
        en: `${type} works on images (height × width × channels), but receives ${formatShape(input)}, which has no channel axis. Give the Input a shape like [${input[0]}, ${input[1]}, 1].`,
        fr: `${type} travaille sur des images (hauteur × largeur × canaux), mais reçoit ${formatShape(input)}, sans axe de canaux. Donnez à l’Input une forme comme [${input[0]}, ${input[1]}, 1].`,
      },
      undefined,
      'needs-image',
    );
  throw new ShapeError(
    {
      en: `${type} works on images (height × width × channels), but receives a flat vector of ${formatShape(input)} values. Place it before Flatten or Dense, or give the Input an image shape such as [28, 28, 1].`,
      fr: `${type} travaille sur des images (hauteur × largeur × canaux), mais reçoit un vecteur plat de ${formatShape(input)} valeurs. Placez-le avant Flatten ou Dense, ou donnez à l’Input une forme d’image comme [28, 28, 1].`,
    },
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
  what: Localized,
  param: string,
): [number, number] {
  const [h, w] = input;
  const [kh, kw] = pair(windowValue);
  const [sh, sw] = pair(stridesValue);
  if (padding === 'valid' && (kh > h || kw > w))
    throw new ShapeError(
      {
        en: `The ${kh}×${kw} ${what.en} is larger than its ${h}×${w} input: use a smaller \`${param}\`, \`padding: "same"\`, or remove a pooling block before it.`,
        fr: `${what.fr} ${kh}×${kw} dépasse son entrée ${h}×${w} : choisissez un \`${param}\` plus petit, \`padding: "same"\`, ou retirez un bloc de pooling placé avant.`,
      },
      param,
      `${what.en.split(' ')[0]}-too-large`,
    );
  return [windowOutput(h, kh, sh, padding), windowOutput(w, kw, sw, padding)];
}

/** Keras axis (counting the batch axis as 0, negatives from the end) → index into a shape without batch. */
export function resolveAxis(axis: number, rank: number, type: string): number {
  const index = axis < 0 ? rank + axis : axis - 1;
  if (axis === 0)
    throw new ShapeError(
      {
        en: `\`axis\` 0 is the batch axis, which ${type} cannot use. Use -1 for the last axis (the channels of an image).`,
        fr: `\`axis\` 0 est l’axe du lot (batch), que ${type} ne peut pas utiliser. Utilisez -1 pour le dernier axe (les canaux d’une image).`,
      },
      'axis',
      'bad-axis',
    );
  if (index < 0 || index >= rank)
    throw new ShapeError(
      {
        en: `\`axis\` ${axis} does not exist on a ${rank}-D input. Use -1 for the last axis, or a value from 1 to ${rank} (0 is the batch).`,
        fr: `\`axis\` ${axis} n’existe pas pour une entrée à ${rank} dimensions. Utilisez -1 pour le dernier axe, ou une valeur de 1 à ${rank} (0 est le lot).`,
      },
      'axis',
      'bad-axis',
    );
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
