// The CIFAR-10 and CIFAR-100 binary format: records of label byte(s) then 32×32 red, 32×32 green
// and 32×32 blue bytes. Read from the `cifar-10-binary.tar.gz` / `cifar-100-binary.tar.gz`
// archive as downloaded (never unpacked to disk) or from a folder holding its files.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { problem } from '../i18n/catalogue';
import { balancedOrder } from './idx';
import { readTar } from './tar';
import { DataError, fileSystemReason, type Dataset, type Samples } from './types';

const SIDE = 32;
const PIXELS = SIDE * SIDE;
const IMAGE = PIXELS * 3;

interface CifarFiles {
  /** The .bin files and the label-name files by base name. */
  files: Map<string, { data: Uint8Array; where: string }>;
}

const isCifarFile = (name: string) =>
  /(^|\/)(data_batch_\d+\.bin|test_batch\.bin|train\.bin|test\.bin|batches\.meta\.txt|fine_label_names\.txt|coarse_label_names\.txt)$/.test(
    name,
  );

async function readCifarFiles(source: string): Promise<CifarFiles> {
  let info;
  try {
    info = await stat(source);
  } catch (error) {
    throw new DataError(problem('data:cifarUnreadable', { source, reason: fileSystemReason(error) }));
  }
  const files = new Map<string, { data: Uint8Array; where: string }>();
  if (info.isDirectory()) {
    for (const name of (await readdir(source)).filter(isCifarFile))
      files.set(name, { data: new Uint8Array(await readFile(path.join(source, name))), where: path.join(source, name) });
  } else {
    for (const entry of await readTar(source, isCifarFile))
      files.set(path.posix.basename(entry.name), { data: entry.data, where: `${entry.name} in ${source}` });
  }
  return { files };
}

function labelNames(file: { data: Uint8Array } | undefined, count: number): string[] {
  const names = file
    ? Buffer.from(file.data)
        .toString('utf8')
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  return names.length === count ? names : Array.from({ length: count }, (_, i) => String(i));
}

interface Records {
  pixels: Uint8Array; // NHWC
  labels: Uint8Array;
  count: number;
}

/** Parses CIFAR records; `labelBytes` 1 (CIFAR-10) or 2 (CIFAR-100: coarse then fine, the fine one is used). */
function parseRecords(parts: { data: Uint8Array; where: string }[], labelBytes: 1 | 2, classes: number): Records {
  const record = labelBytes + IMAGE;
  let count = 0;
  for (const { data, where } of parts) {
    if (data.length % record !== 0) {
      const whole = Math.floor(data.length / record);
      throw new DataError(problem('data:cifarCut', { where, classes, bytes: data.length, record, cut: whole + 1, start: whole * record }));
    }
    count += data.length / record;
  }
  const pixels = new Uint8Array(count * IMAGE);
  const labels = new Uint8Array(count);
  let i = 0;
  for (const { data, where } of parts) {
    for (let at = 0; at < data.length; at += record, i++) {
      const label = data[at + labelBytes - 1];
      if (label >= classes) {
        throw new DataError(problem('data:cifarLabel', { where, label, at: at + labelBytes - 1, classes, last: classes - 1 }));
      }
      labels[i] = label;
      // Planes R, G, B → interleaved height × width × 3.
      const src = at + labelBytes;
      const dst = i * IMAGE;
      for (let p = 0; p < PIXELS; p++) {
        pixels[dst + p * 3] = data[src + p];
        pixels[dst + p * 3 + 1] = data[src + PIXELS + p];
        pixels[dst + p * 3 + 2] = data[src + 2 * PIXELS + p];
      }
    }
  }
  return { pixels, labels, count };
}

const levels = Float32Array.from({ length: 256 }, (_, v) => v / 255);

function toSamples(records: Records, indices: ArrayLike<number>): Samples {
  const x = new Float32Array(indices.length * IMAGE);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const from = indices[i] * IMAGE;
    for (let p = 0; p < IMAGE; p++) x[i * IMAGE + p] = levels[records.pixels[from + p]];
    y[i] = records.labels[indices[i]];
  }
  return { x, y, count: indices.length };
}

/**
 * CIFAR-10 or CIFAR-100 (detected from the file names) as 32×32×3 colour images in [0, 1]. The
 * official test batch is the test split; `size` takes a class-balanced subset of the training ones.
 */
export async function loadCifar(source: string, size?: number): Promise<Dataset> {
  const { files } = await readCifarFiles(source);
  const batches = [...files.keys()]
    .filter((k) => /^data_batch_\d+\.bin$/.test(k))
    .sort((a, b) => parseInt(a.slice(11), 10) - parseInt(b.slice(11), 10));
  let train: Records;
  let test: Records;
  let classNames: string[];
  let name: string;
  if (batches.length > 0 && files.has('test_batch.bin')) {
    train = parseRecords(
      batches.map((b) => files.get(b)!),
      1,
      10,
    );
    test = parseRecords([files.get('test_batch.bin')!], 1, 10);
    classNames = labelNames(files.get('batches.meta.txt'), 10);
    name = 'CIFAR-10';
  } else if (files.has('train.bin') && files.has('test.bin')) {
    train = parseRecords([files.get('train.bin')!], 2, 100);
    test = parseRecords([files.get('test.bin')!], 2, 100);
    classNames = labelNames(files.get('fine_label_names.txt'), 100);
    name = 'CIFAR-100';
  } else {
    const found = [...files.keys()].sort();
    throw new DataError(problem('data:cifarNoBatches', { source, found, ...(found.length ? {} : { context: 'none' }) }));
  }
  if (size !== undefined && size > train.count) {
    throw new DataError(problem('data:cifarSize', { name, source, count: train.count }));
  }
  const order = balancedOrder(train.labels).subarray(0, size ?? train.count);
  return {
    name,
    inputShape: [SIDE, SIDE, 3],
    classNames,
    train: toSamples(train, order),
    test: toSamples(
      test,
      Uint32Array.from({ length: test.count }, (_, i) => i),
    ),
    skipped: [],
  };
}
