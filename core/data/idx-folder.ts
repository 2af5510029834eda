// A folder of IDX files, as MNIST, Fashion-MNIST, EMNIST or KMNIST are distributed: a training
// pair (`train-images-idx3-ubyte`, `train-labels-idx1-ubyte`) and usually a test pair (`t10k-…` or
// `…test…`), each possibly gzipped (`.gz`).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { problem } from '../i18n/catalogue';
import { balancedOrder, pairIdx, parseIdx, type IdxImages } from './idx';
import { idxSamples } from './mnist';
import { DataError, fileSystemReason, type Dataset } from './types';

/** Share of the samples kept for the test when a folder has no test files. */
const TEST_FRACTION = 0.2;

async function readIdxFile(file: string) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new DataError(problem('data:fileUnreadable', { file, reason: fileSystemReason(error) }));
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new DataError(problem('data:gzipDamaged', { file, detail: (error as Error).message }));
    }
  }
  return parseIdx(bytes, file);
}

export interface IdxFolderFiles {
  trainImages: string;
  trainLabels: string;
  testImages?: string;
  testLabels?: string;
}

/** Finds the IDX files of a folder by their names; throws a DataError naming what is missing. */
export async function findIdxFiles(folder: string): Promise<IdxFolderFiles> {
  let names: string[];
  try {
    names = (await readdir(folder, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    throw new DataError(problem('data:idxFolderUnreadable', { folder, reason: fileSystemReason(error) }));
  }
  const idx = names.filter((name) => /idx\d-ubyte(\.gz)?$/i.test(name) || /-(images|labels)(\.idx)?(\.gz)?$/i.test(name)).sort();
  const pick = (split: RegExp, kind: RegExp) => idx.find((name) => split.test(name) && kind.test(name));
  const images = /(images|imgs)/i;
  const labels = /(labels|lbls)/i;
  const trainImages = pick(/train/i, images);
  const trainLabels = pick(/train/i, labels);
  const testImages = pick(/(t10k|test)/i, images);
  const testLabels = pick(/(t10k|test)/i, labels);
  if (!trainImages || !trainLabels) {
    throw new DataError(problem('data:idxFolderFiles', { folder, found: idx, ...(idx.length ? {} : { context: 'none' }) }));
  }
  const join = (name: string | undefined) => (name ? path.join(folder, name) : undefined);
  return {
    trainImages: join(trainImages)!,
    trainLabels: join(trainLabels)!,
    testImages: testImages && testLabels ? join(testImages) : undefined,
    testLabels: testImages && testLabels ? join(testLabels) : undefined,
  };
}

async function readPair(imagesFile: string, labelsFile: string): Promise<IdxImages> {
  return pairIdx(await readIdxFile(imagesFile), imagesFile, await readIdxFile(labelsFile), labelsFile);
}

/**
 * The images of an IDX folder in [0, 1]. With test files, they are the test split; without, a fixed
 * stratified fifth of the training files is. `size` takes a class-balanced subset of the training images.
 */
export async function loadIdxFolder(folder: string, size?: number, classNames?: string[]): Promise<Dataset> {
  const files = await findIdxFiles(folder);
  const train = await readPair(files.trainImages, files.trainLabels);
  const test = files.testImages && files.testLabels ? await readPair(files.testImages, files.testLabels) : undefined;
  if (test && (test.shape[0] !== train.shape[0] || test.shape[1] !== train.shape[1] || test.shape[2] !== train.shape[2])) {
    throw new DataError(
      problem('data:idxTestShape', {
        test: files.testImages!,
        testShape: test.shape.join('×'),
        train: files.trainImages,
        trainShape: train.shape.join('×'),
      }),
    );
  }
  let maxLabel = 0;
  for (const label of train.labels) maxLabel = Math.max(maxLabel, label);
  if (test) for (const label of test.labels) maxLabel = Math.max(maxLabel, label);
  const names = classNames ?? Array.from({ length: maxLabel + 1 }, (_, i) => String(i));
  let trainSamples;
  let testSamples;
  if (test) {
    trainSamples = { set: train, order: balancedOrder(train.labels) };
    testSamples = idxSamples(test);
  } else {
    const indices = splitIndices(train.labels, TEST_FRACTION);
    testSamples = idxSamples(train, indices.test);
    const trainLabels = Uint8Array.from(indices.train, (i) => train.labels[i]);
    trainSamples = { set: train, order: Uint32Array.from(balancedOrder(trainLabels), (k) => indices.train[k]) };
  }
  const available = trainSamples.order.length;
  if (size !== undefined && size > available) {
    throw new DataError(problem('data:idxFolderSize', { folder, available }));
  }
  return {
    name: path.basename(folder),
    inputShape: [...train.shape],
    classNames: names,
    train: idxSamples(train, trainSamples.order.subarray(0, size ?? available)),
    test: testSamples,
    skipped: [],
  };
}

/** A fixed stratified split of sample indices, the same for the same labels. */
function splitIndices(labels: Uint8Array, testFraction: number): { train: Uint32Array; test: Uint32Array } {
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const list = byClass.get(label) ?? [];
    list.push(i);
    byClass.set(label, list);
  });
  const train: number[] = [];
  const test: number[] = [];
  for (const list of byClass.values()) {
    // Every k-th sample of a class goes to the test, spread over the file.
    const testCount = list.length > 1 ? Math.round(list.length * testFraction) : 0;
    const chosen = new Set<number>();
    for (let k = 0; k < testCount; k++) chosen.add(list[Math.floor(((k + 0.5) * list.length) / testCount)]);
    for (const i of list) (chosen.has(i) ? test : train).push(i);
  }
  return { train: Uint32Array.from(train.sort((a, b) => a - b)), test: Uint32Array.from(test.sort((a, b) => a - b)) };
}
