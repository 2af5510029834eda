import { describe, expect, it } from 'vitest';
import { isImageShape, isMnistShape, resizeToRgb, toMnistDigit, toModelInput, type RgbaImage } from './image-input';

/** A width × height image filled by `colour(x, y)` → [r, g, b, a]. */
function image(width: number, height: number, colour: (x: number, y: number) => number[]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 4);
  return { data, width, height };
}

/** A "1": a vertical bar well off-centre, in `ink` on `paper`. */
const bar = (ink: number[], paper: number[]) => image(120, 200, (x, y) => (x >= 20 && x < 36 && y >= 30 && y < 170 ? ink : paper));

function centreOfMass(values: number[], side = 28): { x: number; y: number } {
  let mass = 0;
  let x = 0;
  let y = 0;
  values.forEach((v, i) => {
    mass += v;
    x += v * ((i % side) + 0.5);
    y += v * (Math.floor(i / side) + 0.5);
  });
  return { x: x / mass, y: y / mass };
}

describe('an image file as a model input', () => {
  it('prepares a dark digit on white paper as MNIST did: inverted, fit in 20 pixels and centred', () => {
    const digit = toMnistDigit(bar([0, 0, 0, 255], [255, 255, 255, 255]));
    expect(digit.inverted).toBe(true);
    expect(digit.blank).toBeUndefined();
    expect(digit.values).toHaveLength(784);
    expect(Math.max(...digit.values)).toBe(1);
    // The background is black, the corners empty.
    expect([digit.values[0], digit.values[27], digit.values[783 - 27], digit.values[783]]).toEqual([0, 0, 0, 0]);
    const centre = centreOfMass(digit.values);
    expect(centre.x).toBeCloseTo(14, 0);
    expect(centre.y).toBeCloseTo(14, 0);
    const rows = Array.from({ length: 28 }, (_, r) => digit.values.slice(r * 28, r * 28 + 28).some((v) => v > 0)).filter(Boolean).length;
    expect(rows).toBe(20);
  });

  it('gives the same digit for light ink on a dark background, without inverting it', () => {
    const dark = toMnistDigit(bar([255, 255, 255, 255], [0, 0, 0, 255]));
    expect(dark.inverted).toBe(false);
    expect(dark.values).toEqual(toMnistDigit(bar([0, 0, 0, 255], [255, 255, 255, 255])).values);
  });

  it('lays transparent pixels on white, and stretches a grey photo’s contrast', () => {
    const transparent = toMnistDigit(bar([0, 0, 0, 255], [0, 0, 0, 0]));
    expect(transparent.inverted).toBe(true);
    expect(transparent.values).toEqual(toMnistDigit(bar([0, 0, 0, 255], [255, 255, 255, 255])).values);
    const photo = toMnistDigit(bar([60, 60, 60, 255], [180, 180, 180, 255]));
    expect(photo.inverted).toBe(true);
    expect(Math.max(...photo.values)).toBe(1);
    expect(photo.values[0]).toBe(0);
  });

  it('says a blank image is blank', () => {
    expect(toMnistDigit(image(50, 50, () => [250, 250, 250, 255]))).toMatchObject({ blank: true, inverted: true });
    expect(toMnistDigit(image(50, 50, (x) => [240 + (x % 3), 240, 240, 255])).blank).toBe(true);
  });

  it('resizes other images to the Input block’s height × width by averaging, in RGB or grey', () => {
    // Four quadrants of 3×3 pixels: red, green / blue, white.
    const quadrants = image(6, 6, (x, y) =>
      y < 3 ? (x < 3 ? [255, 0, 0, 255] : [0, 255, 0, 255]) : x < 3 ? [0, 0, 255, 255] : [255, 255, 255, 255],
    );
    expect(toModelInput(quadrants, [2, 2, 3]).values).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
    expect(toModelInput(quadrants, [2, 2, 1]).values).toEqual([0.299, 0.587, 0.114, 1]);
    // Stretched, not cropped: a 6×2 strip into 3×3 keeps its three colours left to right.
    const strip = image(6, 2, (x) => (x < 2 ? [255, 0, 0, 255] : x < 4 ? [0, 255, 0, 255] : [0, 0, 255, 255]));
    const rgb = resizeToRgb(strip, 3, 3);
    expect(Array.from(rgb.slice(0, 9))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    // Half-covered pixels are averaged.
    expect(
      Array.from(
        resizeToRgb(
          image(2, 1, (x) => (x === 0 ? [0, 0, 0, 255] : [255, 255, 255, 255])),
          1,
          1,
        ),
      ),
    ).toEqual([0.5, 0.5, 0.5]);
  });

  it('knows which Input shapes it can fill', () => {
    expect(isImageShape([28, 28, 1])).toBe(true);
    expect(isImageShape([64, 48, 3])).toBe(true);
    expect(isImageShape([2])).toBe(false);
    expect(isImageShape([8, 8, 2])).toBe(false);
    expect(isMnistShape([28, 28, 1])).toBe(true);
    expect(isMnistShape([28, 28, 3])).toBe(false);
  });
});
