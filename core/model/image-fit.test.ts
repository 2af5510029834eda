import { describe, expect, it } from 'vitest';
import { fitImage, imageFitOf } from './image-fit';

type Rgb = [number, number, number];
const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];

/** RGBA bytes of a `width × height` opaque image whose colour depends on x. */
function image(width: number, height: number, colour: (x: number, y: number) => Rgb): Uint8Array {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([...colour(x, y), 255], (y * width + x) * 4);
  return data;
}

/** The pixel at (x, y) of `height × width × 3` values, as 0–255 integers. */
const at = (values: Float32Array, width: number, x: number, y: number) =>
  Array.from(values.subarray((y * width + x) * 3, (y * width + x) * 3 + 3), (v) => Math.round(v * 255));

/** The 40×20 image of the tests: red on the left half, blue on the right. */
const redBlue = image(40, 20, (x) => (x < 20 ? RED : BLUE));
/** 40×20 in four vertical bands of 10 pixels: green, red, blue, green. */
const bands = image(40, 20, (x) => (x < 10 || x >= 30 ? GREEN : x < 20 ? RED : BLUE));

describe('fitImage', () => {
  it('letter-boxes a 40×20 red/blue image into 16×16: black rows above and below, the content unsquashed', () => {
    const out = fitImage(redBlue, 40, 20, 16, 16, 3, 'letterbox');
    // 40×20 is 2:1, so the content is 16×8, centred: rows 0–3 and 12–15 are padding.
    for (const y of [0, 1, 2, 3, 12, 13, 14, 15]) for (let x = 0; x < 16; x++) expect(at(out, 16, x, y)).toEqual([0, 0, 0]);
    for (let y = 4; y < 12; y++) {
      for (let x = 0; x < 16; x++) expect(at(out, 16, x, y)).toEqual(x < 8 ? RED : BLUE);
    }
  });

  it('letter-boxes a tall image with black columns on either side', () => {
    const tall = image(20, 40, (_x, y) => (y < 20 ? RED : BLUE));
    const out = fitImage(tall, 20, 40, 16, 16, 3, 'letterbox');
    for (let y = 0; y < 16; y++) {
      for (const x of [0, 1, 2, 3, 12, 13, 14, 15]) expect(at(out, 16, x, y)).toEqual([0, 0, 0]);
      for (let x = 4; x < 12; x++) expect(at(out, 16, x, y)).toEqual(y < 8 ? RED : BLUE);
    }
  });

  it('centre-crops: keeps the middle of the image, fills the whole output, cuts the edges', () => {
    const out = fitImage(bands, 40, 20, 16, 16, 3, 'crop');
    // The centred 20×20 window is x = 10…30: red then blue, none of the green edges, no padding.
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) expect(at(out, 16, x, y)).toEqual(x < 8 ? RED : BLUE);
  });

  it('stretches (older projects) to the whole output, squashing the proportions', () => {
    const out = fitImage(bands, 40, 20, 16, 16, 3, 'stretch');
    for (let y = 0; y < 16; y++)
      for (let x = 0; x < 16; x++) expect(at(out, 16, x, y)).toEqual(x < 4 || x >= 12 ? GREEN : x < 8 ? RED : BLUE);
  });

  it('gives an image already of the output’s proportions the same values, whatever the fit', () => {
    const square = image(32, 32, (x, y) => [x * 8, y * 8, (x * y) % 256]);
    const letterbox = fitImage(square, 32, 32, 8, 8, 3, 'letterbox');
    expect(fitImage(square, 32, 32, 8, 8, 3, 'crop')).toEqual(letterbox);
    expect(fitImage(square, 32, 32, 8, 8, 3, 'stretch')).toEqual(letterbox);
  });

  it('makes grey values (BT.601 luma), lays transparent pixels on white, and pads with black', () => {
    const data = image(4, 2, (x) => (x < 2 ? RED : GREEN));
    data[3] = 0; // the first pixel transparent: white under it
    const out = fitImage(data, 4, 2, 2, 2, 1, 'letterbox');
    // 4×2 in 2×2: the content is the top row (each pixel the mean of a 2×2 block), the bottom row is padding.
    expect(out[0]).toBeCloseTo(0.299 + 0.587 * 0.25 + 0.114 * 0.25, 5);
    expect(out[1]).toBeCloseTo(0.587, 5);
    expect(Array.from(out.subarray(2))).toEqual([0, 0]);
  });
});

describe('imageFitOf', () => {
  it('is the image folder’s choice, stretch for one saved before the choice existed, letter-box for the other image sets', () => {
    expect(imageFitOf({ kind: 'imageFolder', fit: 'crop' })).toBe('crop');
    expect(imageFitOf({ kind: 'imageFolder' })).toBe('stretch');
    expect(imageFitOf({ kind: 'cifar' })).toBe('letterbox');
    expect(imageFitOf(undefined)).toBe('letterbox');
  });
});
