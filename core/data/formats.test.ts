// IDX and CIFAR binary files written here, byte by byte, then read back by the loaders.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadCifar } from './cifar';
import { encodeIdx, parseIdx } from './idx';
import { loadIdxFolder } from './idx-folder';
import { loadDataset } from './load';
import { cifarBatch, tar } from './format-fixtures';
import { readTar } from './tar';
import { DataError } from './types';

const tempDir = () => mkdtempSync(join(tmpdir(), 'nb-formats-'));

/** `count` images of `rows × cols` whose every pixel is 10 × label + index (mod 256), labels cycling over `classes`. */
function images(count: number, rows: number, cols: number, classes: number) {
  const pixels = new Uint8Array(count * rows * cols);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % classes;
    pixels.fill((10 * labels[i] + i) % 256, i * rows * cols, (i + 1) * rows * cols);
  }
  return { pixels, labels };
}

function writeIdxPair(folder: string, prefix: string, count: number, classes: number, gzip = false) {
  const { pixels, labels } = images(count, 4, 3, classes);
  const pack = (b: Uint8Array) => (gzip ? gzipSync(b) : b);
  const ext = gzip ? '.gz' : '';
  writeFileSync(join(folder, `${prefix}-images-idx3-ubyte${ext}`), pack(encodeIdx([count, 4, 3], pixels)));
  writeFileSync(join(folder, `${prefix}-labels-idx1-ubyte${ext}`), pack(encodeIdx([count], labels)));
  return { pixels, labels };
}

describe('IDX files', () => {
  it('reads a training and a test pair (gzipped or not) as images in [0, 1] with their labels', async () => {
    const folder = tempDir();
    writeIdxPair(folder, 'emnist-letters-train', 40, 4, true);
    writeIdxPair(folder, 'emnist-letters-test', 8, 4);
    const dataset = await loadDataset({ kind: 'idx', path: folder });
    expect(dataset.inputShape).toEqual([4, 3, 1]);
    expect(dataset.classNames).toEqual(['0', '1', '2', '3']);
    expect(dataset.train.count).toBe(40);
    expect(dataset.test.count).toBe(8);
    // Test image 5: label 1, every pixel (10 + 5) / 255.
    expect(dataset.test.y[5]).toBe(1);
    expect(Array.from(dataset.test.x.subarray(5 * 12, 6 * 12))).toEqual(new Array(12).fill(Math.fround(15 / 255)));
    // Every training image keeps its own label.
    for (let i = 0; i < dataset.train.count; i++) {
      const level = Math.round(dataset.train.x[i * 12] * 255);
      const index = (level - 10 * dataset.train.y[i] + 256) % 256;
      expect(index % 4).toBe(dataset.train.y[i]);
    }
    // A size takes a class-balanced subset.
    const small = await loadDataset({ kind: 'idx', path: folder }, { size: 8 });
    expect(Array.from(small.train.y).sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('keeps a fixed, stratified fifth for the test when there are no test files', async () => {
    const folder = tempDir();
    writeIdxPair(folder, 'train', 50, 5);
    const a = await loadIdxFolder(folder);
    const b = await loadIdxFolder(folder);
    expect(a.train.count).toBe(40);
    expect(a.test.count).toBe(10);
    expect(Array.from(a.test.y).sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    expect(a.test.x).toEqual(b.test.x);
    // No test image is among the training images (each image is unique).
    const trainLevels = new Set(Array.from({ length: a.train.count }, (_, i) => a.train.x[i * 12]));
    for (let i = 0; i < a.test.count; i++) expect(trainLevels.has(a.test.x[i * 12])).toBe(false);
  });

  it('names the file and the byte of a truncated file', () => {
    const bytes = encodeIdx([10, 4, 3], new Uint8Array(120)).subarray(0, 16 + 50);
    expect(() => parseIdx(bytes, 'train-images-idx3-ubyte')).toThrow(DataError);
    expect(() => parseIdx(bytes, 'train-images-idx3-ubyte')).toThrow(
      /train-images-idx3-ubyte is truncated: .*10 × 4 × 3 = 120 values, 136 bytes in all, but the file ends at byte 66/,
    );
    const fr = (() => {
      try {
        parseIdx(bytes, 'x');
      } catch (error) {
        return (error as DataError).fr;
      }
    })();
    expect(fr).toMatch(/x est tronqué .* s’arrête à l’octet 66/);
    expect(() => parseIdx(encodeIdx([10, 4, 3], new Uint8Array(120)).subarray(0, 9), 'f')).toThrow(
      /f is truncated at byte 9: its header declares 3 dimensions and needs 16 bytes/,
    );
  });

  it('refuses a file whose header lies, naming the byte', () => {
    // The header says 5 images; the file holds 10.
    const lying = encodeIdx([5, 4, 3], new Uint8Array(120));
    const padded = new Uint8Array(16 + 120);
    padded.set(lying.subarray(0, 16));
    expect(() => parseIdx(padded, 'lying')).toThrow(
      /lying does not match its header: 5 × 4 × 3 values end at byte 76, but the file goes on to byte 136/,
    );
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect(() => parseIdx(png, 'photo.png')).toThrow(
      /photo.png is not an IDX file: it must start with the bytes 00 00 \(bytes 0–1\) but starts with 89 50 4e 47/,
    );
    const floats = encodeIdx([2], new Uint8Array(2));
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, 'f.idx')).toThrow(/f.idx holds float values \(byte 2\)/);
  });

  it('refuses images and labels that do not go together, naming both files', async () => {
    const folder = tempDir();
    writeIdxPair(folder, 'train', 20, 2);
    writeFileSync(join(folder, 'train-labels-idx1-ubyte'), encodeIdx([19], new Uint8Array(19)));
    await expect(loadIdxFolder(folder)).rejects.toThrow(/train-images-idx3-ubyte holds 20 images but .*train-labels-idx1-ubyte 19 labels/);
    const empty = tempDir();
    writeFileSync(join(empty, 'readme.txt'), 'hello');
    await expect(loadIdxFolder(empty)).rejects.toThrow(
      /must hold a training images file and its labels file in IDX format .*found: no IDX file/,
    );
  });
});

// ---- tar and CIFAR ----

const names10 = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

function cifar10Archive() {
  return tar([
    { name: 'cifar-10-batches-bin/batches.meta.txt', data: Buffer.from(names10.join('\n') + '\n\n') },
    { name: 'cifar-10-batches-bin/data_batch_1.bin', data: cifarBatch(20, 10, 1, 0) },
    { name: 'cifar-10-batches-bin/data_batch_2.bin', data: cifarBatch(20, 10, 1, 20) },
    { name: 'cifar-10-batches-bin/readme.html', data: Buffer.from('<p>CIFAR</p>') },
    { name: 'cifar-10-batches-bin/test_batch.bin', data: cifarBatch(10, 10, 1, 100) },
  ]);
}

describe('CIFAR binary', () => {
  it('reads cifar-10-binary.tar.gz as it is downloaded: 32×32 colour images, class names, the test batch as test split', async () => {
    const folder = tempDir();
    const file = join(folder, 'cifar-10-binary.tar.gz');
    writeFileSync(file, gzipSync(cifar10Archive()));
    const dataset = await loadDataset({ kind: 'cifar', path: 'cifar-10-binary.tar.gz' }, { baseDir: folder });
    expect(dataset.name).toBe('CIFAR-10');
    expect(dataset.inputShape).toEqual([32, 32, 3]);
    expect(dataset.classNames).toEqual(names10);
    expect(dataset.train.count).toBe(40);
    expect(dataset.test.count).toBe(10);
    // Test image 3 (record 103): label 3, pixels interleaved as (red, green, blue) = (30, 103, 7) / 255.
    expect(dataset.test.y[3]).toBe(3);
    expect(Array.from(dataset.test.x.subarray(3 * 3072, 3 * 3072 + 6)).map((v) => Math.round(v * 255))).toEqual([30, 103, 7, 30, 103, 7]);
    // Every training image has the red level of its label.
    for (let i = 0; i < 40; i++) expect(Math.round(dataset.train.x[i * 3072] * 255)).toBe(10 * dataset.train.y[i]);
    // Both batches were read, and a size takes a class-balanced subset.
    expect(new Set(Array.from({ length: 40 }, (_, i) => Math.round(dataset.train.x[i * 3072 + 1] * 255))).size).toBe(40);
    const small = await loadDataset({ kind: 'cifar', path: file }, { size: 10 });
    expect(Array.from(small.train.y).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('reads CIFAR-100 (fine labels) from a plain tar and from a folder of its files', async () => {
    const folder = tempDir();
    const files = [
      { name: 'cifar-100-binary/train.bin', data: cifarBatch(200, 100, 2) },
      { name: 'cifar-100-binary/test.bin', data: cifarBatch(100, 100, 2) },
      { name: 'cifar-100-binary/fine_label_names.txt', data: Buffer.from(Array.from({ length: 100 }, (_, i) => `class${i}`).join('\n')) },
    ];
    writeFileSync(join(folder, 'cifar-100-binary.tar'), tar(files));
    const fromTar = await loadCifar(join(folder, 'cifar-100-binary.tar'));
    expect(fromTar.name).toBe('CIFAR-100');
    expect(fromTar.classNames[42]).toBe('class42');
    expect(fromTar.test.y[42]).toBe(42);
    mkdirSync(join(folder, 'unpacked'));
    for (const f of files) writeFileSync(join(folder, 'unpacked', f.name.split('/')[1]), f.data);
    const fromFolder = await loadCifar(join(folder, 'unpacked'));
    expect(Buffer.from(fromFolder.train.x.buffer).equals(Buffer.from(fromTar.train.x.buffer))).toBe(true);
    expect(fromFolder.test.y).toEqual(fromTar.test.y);
  });

  it('names the archive, the member and the byte of a truncated archive', async () => {
    const folder = tempDir();
    const archive = cifar10Archive();
    // Cut inside data_batch_2.bin: its header is the third, after 512 + 512 (meta) + 512 + 61,952 (batch 1, padded).
    const cut = 512 + 512 + 512 + 61_952 + 512 + 1000;
    writeFileSync(join(folder, 'cut.tar'), archive.subarray(0, cut));
    await expect(loadCifar(join(folder, 'cut.tar'))).rejects.toThrow(
      new RegExp(
        `cut.tar is truncated: cifar-10-batches-bin/data_batch_2.bin starts at byte ${(cut - 1000).toLocaleString('en')} and should hold 61,460 bytes, but the archive ends at byte ${cut.toLocaleString('en')}`,
      ),
    );
    // The same archive gzipped and cut: the gzip stream ends too early.
    const gz = gzipSync(archive);
    writeFileSync(join(folder, 'cut.tar.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    await expect(loadCifar(join(folder, 'cut.tar.gz'))).rejects.toThrow(
      /cut.tar.gz is a damaged gzip file: it ends too early at about byte [\d,]+/,
    );
    // A damaged header.
    const damaged = Uint8Array.from(archive);
    damaged[1024 + 10] ^= 0xff;
    writeFileSync(join(folder, 'damaged.tar'), damaged);
    await expect(readTar(join(folder, 'damaged.tar'), () => true)).rejects.toThrow(
      /damaged.tar is not a readable tar archive: the header at byte 1,024 is damaged/,
    );
  });

  it('refuses a batch that is cut or whose labels lie, naming the file and the byte', async () => {
    const folder = tempDir();
    const batch = cifarBatch(5, 10, 1);
    writeFileSync(join(folder, 'data_batch_1.bin'), batch.subarray(0, 3073 * 4 + 100));
    writeFileSync(join(folder, 'test_batch.bin'), cifarBatch(2, 10, 1));
    await expect(loadCifar(folder)).rejects.toThrow(
      /data_batch_1.bin is cut or not a CIFAR-10 batch: its 12,392 bytes are not a whole number of 3,073-byte records; record 5 starts at byte 12,292 and is cut short/,
    );
    const lying = Uint8Array.from(batch);
    lying[3073 * 2] = 12;
    writeFileSync(join(folder, 'data_batch_1.bin'), lying);
    await expect(loadCifar(folder)).rejects.toThrow(/data_batch_1.bin has the label 12 at byte 6,146; CIFAR-10 labels go from 0 to 9/);
    const other = tempDir();
    writeFileSync(join(other, 'data_batch_1'), batch);
    await expect(loadCifar(other)).rejects.toThrow(/holds no CIFAR binary batches: .*found: none.*binary version/);
  });
});
