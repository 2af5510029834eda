// Fashion-MNIST (Zalando Research): 60,000 training and 10,000 test 28×28 grey images of clothes in
// 10 classes, in MNIST's IDX format. Not shipped with the app: found in the user data folder's
// cache, in Debian's `dataset-fashion-mnist` package, or downloaded on first use from its official
// address, and checked against the sizes and SHA-256 sums of the official files' contents.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { problem } from '../i18n/catalogue';
import { gunzipSync } from 'node:zlib';
import { defaultConfigDir } from '../user-folders';
import { download, DownloadUnreachable, type ProgressListener } from './download';
import { balancedOrder, pairIdx, parseIdx } from './idx';
import { idxDataset, type ClassFilter, type IdxSplits } from './mnist';
import { DataError, type Dataset } from './types';

export const FASHION_MNIST_URL = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';
export const FASHION_MNIST_HOME = 'https://github.com/zalandoresearch/fashion-mnist';
/** Where Debian's `dataset-fashion-mnist` package puts the files. */
export const DEBIAN_FASHION_MNIST = '/usr/share/datasets/fashion-mnist';

export const FASHION_MNIST_CLASSES = [
  'T-shirt/top',
  'Trouser',
  'Pullover',
  'Dress',
  'Coat',
  'Sandal',
  'Shirt',
  'Sneaker',
  'Bag',
  'Ankle boot',
];

/** The four files, with the size and SHA-256 of their unpacked contents. */
export const FASHION_MNIST_FILES = [
  { name: 'train-images-idx3-ubyte.gz', bytes: 47_040_016, sha256: 'c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888' },
  { name: 'train-labels-idx1-ubyte.gz', bytes: 60_008, sha256: 'bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9' },
  { name: 't10k-images-idx3-ubyte.gz', bytes: 7_840_016, sha256: '5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b' },
  { name: 't10k-labels-idx1-ubyte.gz', bytes: 10_008, sha256: '0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34' },
] as const;

export interface FashionMnistOptions {
  /** Cache folder of downloaded files (default: `datasets/fashion-mnist` in the user data folder). */
  cacheDir?: string;
  /** Folders searched before downloading (default: Debian's package folder). */
  searchDirs?: string[];
  /** Address of the folder holding the four files (default: the official one). */
  baseUrl?: string;
  onProgress?: ProgressListener;
}

export function fashionMnistCacheDir(): string {
  return path.join(defaultConfigDir(), 'datasets', 'fashion-mnist');
}

type FileSpec = (typeof FASHION_MNIST_FILES)[number];

/** The unpacked bytes of one file, or why they are not the official ones. */
async function readChecked(file: string, spec: FileSpec): Promise<Uint8Array> {
  const packed = await readFile(file);
  let bytes: Uint8Array;
  try {
    bytes = packed[0] === 0x1f && packed[1] === 0x8b ? gunzipSync(packed) : packed;
  } catch (error) {
    throw new DataError(problem('data:gzipDamagedFile', { file, detail: (error as Error).message }));
  }
  if (bytes.length !== spec.bytes) {
    throw new DataError(problem('data:fashionSize', { file, bytes: bytes.length, expected: spec.bytes }));
  }
  const sum = createHash('sha256').update(bytes).digest('hex');
  if (sum !== spec.sha256) {
    throw new DataError(problem('data:fashionChecksum', { file, name: spec.name, sum, expected: spec.sha256 }));
  }
  return bytes;
}

function offlineError(cacheDir: string, url: string, why: string): DataError {
  const names = FASHION_MNIST_FILES.map((f) => f.name);
  return new DataError(problem('data:fashionOffline', { url, why, names, home: FASHION_MNIST_HOME, folder: cacheDir }));
}

/** The unpacked bytes of the four files: from the cache, a searched folder, or downloaded into the cache. */
export async function fashionMnistFiles(options: FashionMnistOptions = {}): Promise<Uint8Array[]> {
  const cacheDir = options.cacheDir ?? fashionMnistCacheDir();
  const searchDirs = options.searchDirs ?? [DEBIAN_FASHION_MNIST];
  const baseUrl = options.baseUrl ?? FASHION_MNIST_URL;
  const result: Uint8Array[] = [];
  for (const spec of FASHION_MNIST_FILES) {
    const found = [cacheDir, ...searchDirs].map((dir) => path.join(dir, spec.name)).find((file) => existsSync(file));
    if (found) {
      result.push(await readChecked(found, spec));
      continue;
    }
    const destination = path.join(cacheDir, spec.name);
    const url = new URL(spec.name, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
    try {
      await download(url, destination, options.onProgress);
    } catch (error) {
      if (error instanceof DownloadUnreachable) throw offlineError(cacheDir, url, error.why);
      throw error;
    }
    try {
      result.push(await readChecked(destination, spec));
    } catch (error) {
      // A download that is not the official file is not kept.
      await rm(destination, { force: true });
      throw error;
    }
  }
  return result;
}

let cache: IdxSplits | undefined;

export async function loadFashionMnistSplits(options: FashionMnistOptions = {}): Promise<IdxSplits> {
  if (cache && !options.cacheDir) return cache;
  const [trainImages, trainLabels, testImages, testLabels] = await fashionMnistFiles(options);
  const names = FASHION_MNIST_FILES.map((f) => f.name);
  const train = pairIdx(parseIdx(trainImages, names[0]), names[0], parseIdx(trainLabels, names[1]), names[1]);
  const test = pairIdx(parseIdx(testImages, names[2]), names[2], parseIdx(testLabels, names[3]), names[3]);
  const splits = { train, test, trainOrder: balancedOrder(train.labels) };
  if (!options.cacheDir) cache = splits;
  return splits;
}

/** Fashion-MNIST as 28×28×1 grey levels in [0, 1]; `size` takes a class-balanced subset of the 60,000 training images. */
export async function loadFashionMnist(size?: number, options: FashionMnistOptions & { filter?: ClassFilter } = {}): Promise<Dataset> {
  return idxDataset(await loadFashionMnistSplits(options), 'fashion-mnist', 'Fashion-MNIST', FASHION_MNIST_CLASSES, size, options.filter);
}
