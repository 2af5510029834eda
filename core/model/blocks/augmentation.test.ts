/** What each augmentation does to an image, checked on draws whose range is a single value. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveParams } from '../params';
import { getBlock } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The block's output on `x` while training (or at inference), built from its parameters. */
function apply(type: string, params: Record<string, unknown>, x: tf.Tensor4D, training = true): number[][][][] {
  const block = getBlock(type)!;
  const { values, problems } = resolveParams(block.params, params);
  expect(problems).toEqual([]);
  const layer = block.build({ tf, params: values, name: `${type}-test`, inputShapes: [x.shape.slice(1)], seed: 1 });
  return (layer.apply(x, { training }) as tf.Tensor).arraySync() as number[][][][];
}

/** Two 4×4 one-channel images with distinct values. */
const images = () =>
  tf.tensor4d(
    Array.from({ length: 32 }, (_, i) => i + 1),
    [2, 4, 4, 1],
  );
const grid = (x: tf.Tensor) => x.arraySync() as number[][][][];

describe('augmentation semantics', () => {
  it('RandomTranslation by exactly a quarter of the height shifts every image one row down', () => {
    const x = images();
    const out = apply('RandomTranslation', { heightFactor: [0.25, 0.25], widthFactor: [0, 0], fillMode: 'constant' }, x);
    const expected = grid(
      tf.pad(tf.slice(x, [0, 0, 0, 0], [-1, 3, -1, -1]), [
        [0, 0],
        [1, 0],
        [0, 0],
        [0, 0],
      ]),
    );
    expect(out).toEqual(expected);
  });

  it('RandomRotation by a quarter turn rotates counter-clockwise, as in Keras', () => {
    const x = images();
    const out = apply('RandomRotation', { factor: [0.25, 0.25], interpolation: 'nearest' }, x);
    // Counter-clockwise: the right column becomes the top row.
    const expected = grid(tf.reverse(tf.transpose(x, [0, 2, 1, 3]), 1));
    out.flat(3).forEach((v, i) => expect(v).toBeCloseTo(expected.flat(3)[i], 4));
  });

  it('RandomZoom out keeps the centre and reflects the border; zoom in magnifies the centre', () => {
    const x = tf.tensor4d(
      Array.from({ length: 25 }, (_, i) => i),
      [1, 5, 5, 1],
    );
    const zoomedOut = apply('RandomZoom', { heightFactor: [0.5, 0.5], interpolation: 'nearest' }, x);
    expect(zoomedOut[0][2][2][0]).toBe(12);
    const zoomedIn = apply('RandomZoom', { heightFactor: [-0.5, -0.5], interpolation: 'nearest' }, x);
    expect(zoomedIn[0][2][2][0]).toBe(12);
    expect(new Set(zoomedIn.flat(3)).size).toBeLessThan(25);
  });

  it('RandomFlip mirrors whole images or leaves them as they are', () => {
    const x = tf.tensor4d(
      Array.from({ length: 8 * 9 }, (_, i) => i),
      [8, 3, 3, 1],
    );
    const out = apply('RandomFlip', { mode: 'horizontal' }, x);
    const flipped = grid(tf.reverse(x, 2));
    const original = grid(x);
    const kinds = out.map((img, i) =>
      JSON.stringify(img) === JSON.stringify(flipped[i])
        ? 'flipped'
        : JSON.stringify(img) === JSON.stringify(original[i])
          ? 'same'
          : 'other',
    );
    expect(kinds).not.toContain('other');
    expect(new Set(kinds).size).toBe(2);
  });

  it('RandomContrast and RandomBrightness stay within valueRange', () => {
    const x = tf.tensor4d([0, 0.2, 0.8, 1], [1, 2, 2, 1]);
    apply('RandomContrast', { factor: 0 }, x)
      .flat(3)
      .forEach((v, i) => expect(v).toBeCloseTo([0, 0.2, 0.8, 1][i], 6));
    const stronger = apply('RandomContrast', { factor: [0, 1] }, x).flat(3);
    expect(Math.min(...stronger)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...stronger)).toBeLessThanOrEqual(1);
    expect(
      apply('RandomBrightness', { factor: [0.5, 0.5] }, x)
        .flat(3)
        .map((v) => Number(v.toFixed(5))),
    ).toEqual([0.5, 0.7, 1, 1]);
    expect(apply('RandomBrightness', { factor: [0.5, 0.5] }, x, false)).toEqual(grid(x));
  });

  it('RandomCrop keeps a window of the image while training and the centre at inference', () => {
    const x = tf.tensor4d(
      Array.from({ length: 36 }, (_, i) => i),
      [1, 6, 6, 1],
    );
    const out = apply('RandomCrop', { height: 4, width: 4 }, x)[0].map((row) => row.map((v) => v[0]));
    const [top, left] = [Math.floor(out[0][0] / 6), out[0][0] % 6];
    expect(out).toEqual([0, 1, 2, 3].map((r) => [0, 1, 2, 3].map((c) => (top + r) * 6 + left + c)));
    const centre = apply('RandomCrop', { height: 6, width: 3 }, x, false)[0].map((row) => row.map((v) => v[0]));
    expect(centre).toEqual([0, 1, 2, 3, 4, 5].map((r) => [1, 2, 3].map((c) => r * 6 + c)));
  });
});
