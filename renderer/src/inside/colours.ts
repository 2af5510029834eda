// Colours of feature maps and filters. Values that are never negative (after a ReLU, pooling, an
// image) go from black (0) to white (the largest value shown); signed values go from blue
// (negative) through black (0) to orange (positive), so that "bright = strong" holds either way.

export type Rgb = [number, number, number];

const ORANGE: Rgb = [255, 170, 40];
const BLUE: Rgb = [70, 150, 255];

export interface ColourScale {
  signed: boolean;
  /** The value drawn at full brightness. */
  limit: number;
}

export function colourScale(min: number, max: number): ColourScale {
  const signed = min < 0;
  const limit = signed ? Math.max(-min, max) : max;
  return { signed, limit: limit > 0 ? limit : 1 };
}

export function colourOf(value: number, scale: ColourScale): Rgb {
  const t = Math.max(-1, Math.min(1, value / scale.limit));
  if (!scale.signed) {
    const grey = Math.round(Math.max(0, t) * 255);
    return [grey, grey, grey];
  }
  const [r, g, b] = t >= 0 ? ORANGE : BLUE;
  const a = Math.abs(t);
  return [Math.round(r * a), Math.round(g * a), Math.round(b * a)];
}

/** RGBA pixels of a row-major grid of values, for `ImageData`. */
export function toPixels(values: readonly number[], scale: ColourScale): Uint8ClampedArray {
  const pixels = new Uint8ClampedArray(values.length * 4);
  values.forEach((v, i) => {
    pixels.set(colourOf(v, scale), i * 4);
    pixels[i * 4 + 3] = 255;
  });
  return pixels;
}

/**
 * RGBA pixels of a first-layer filter over a colour image: at each position of the kernel, its
 * weights for the red, green and blue input channels become the pixel's red, green and blue,
 * mid-grey meaning 0 and full or no intensity the largest weight of the filter either way. So a
 * filter looks like the colours it responds to. `kernels`: one row-major kernel per input channel
 * (red, green, blue).
 */
export function colourFilterPixels(kernels: readonly (readonly number[])[]): Uint8ClampedArray {
  const size = kernels[0]?.length ?? 0;
  const limit = Math.max(...kernels.flatMap((k) => k.map(Math.abs)), 0) || 1;
  const pixels = new Uint8ClampedArray(size * 4);
  for (let i = 0; i < size; i++) {
    for (let c = 0; c < 3; c++) pixels[i * 4 + c] = Math.round(127.5 + (127.5 * (kernels[c]?.[i] ?? 0)) / limit);
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}
