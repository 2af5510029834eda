import { describe, expect, it } from 'vitest';
import {
  UPLOAD_LIMITS,
  type DatasetPreview,
  type DatasetUploadFile,
  type ImportedDataset,
  type NeuroblocksApi,
  type SkippedItem,
} from '../../../core/api/contract';
import { analyzeGraph } from '../../../core/model/analyze';
import type { Graph } from '../../../core/model/graph';
import { BATCH_BYTES, fitAdvice, folderFiles, toBase64, uploadBatches, uploadDataset } from './data-import';

const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;

/** The host's side of an upload: each call's files go into `calls`, `refuse` says which of them it refuses, `finish` ends it. */
const uploadApi = (
  calls: DatasetUploadFile[][],
  finish: (options?: { location?: string }) => ImportedDataset,
  refuse: (files: DatasetUploadFile[]) => SkippedItem[] = () => [],
) =>
  ({
    startDatasetUpload: async () => ({ uploadId: 'u1' }),
    uploadDatasetFiles: async (_id: string, files: DatasetUploadFile[]) => {
      calls.push(files);
      return { received: files.length, refused: refuse(files) };
    },
    finishDatasetUpload: async (_id: string, options?: { location?: string }) => finish(options),
  }) as unknown as NeuroblocksApi;

describe('uploading a folder in batches', () => {
  it('keeps each batch under the byte and file limits, a big file alone', () => {
    const files = [5, 5, 5, 20, 1, 1, 1].map((size, i) => ({ size, i }));
    expect(uploadBatches(files, 10, 2).map((b) => b.map((f) => f.i))).toEqual([[0, 1], [2], [3], [4, 5], [6]]);
    expect(uploadBatches([], 10, 2)).toEqual([]);
  });

  it('takes the picked folder’s name and keeps paths inside it', () => {
    const read = async () => bytes('');
    const folder = folderFiles([
      { relativePath: 'shapes/circle/1.png', size: 3, read },
      { relativePath: 'shapes/square/2.png', size: 4, read },
    ]);
    expect(folder.name).toBe('shapes');
    expect(folder.files.map((f) => f.path)).toEqual(['circle/1.png', 'square/2.png']);
  });

  it('encodes bytes as base64 like the host decodes them', () => {
    expect(toBase64(bytes('Neuroblocks ✓'))).toBe(Buffer.from('Neuroblocks ✓').toString('base64'));
  });

  it('sends every file in several calls, reports progress, sends no content for files that are not images, and gathers what the host refused', async () => {
    const calls: DatasetUploadFile[][] = [];
    const api = uploadApi(
      calls,
      (options) => ({ ref: { kind: 'imageFolder', path: options?.location ? 'datasets/s' : '/abs/s' }, path: '/abs/s', refused: [] }),
      (files) => files.filter((f) => f.path.endsWith('.txt')).map((f) => ({ file: f.path, reason: 'not a PNG, JPEG or WebP image' })),
    );
    const big = 5 * 1024 * 1024;
    const files = ['a/1.png', 'a/2.png', 'b/3.png', 'b/notes.txt'].map((path) => ({
      path,
      size: path.endsWith('.txt') ? big * 10 : big,
      read: async () => bytes(path),
    }));
    const progress: number[] = [];
    const result = await uploadDataset(api, { kind: 'imageFolder', name: 's', files, location: '/p/x.nbproj' }, (sent) =>
      progress.push(sent),
    );
    expect(calls.length).toBe(3);
    expect(calls.flat().map((f) => f.path)).toEqual(['a/1.png', 'a/2.png', 'b/3.png', 'b/notes.txt']);
    expect(calls.flat().find((f) => f.path === 'b/notes.txt')?.base64).toBe('');
    expect(Buffer.from(calls[0][0].base64, 'base64').toString()).toBe('a/1.png');
    expect(progress).toEqual([0, 1, 2, 4]);
    expect(result.ref).toEqual({ kind: 'imageFolder', path: 'datasets/s' });
    expect(result.refused).toEqual([{ file: 'b/notes.txt', reason: 'not a PNG, JPEG or WebP image' }]);
  });
});

describe('uploading a big CSV file', () => {
  it('sends it in parts that each fit in one message, the later ones continuing the first', async () => {
    const calls: DatasetUploadFile[][] = [];
    const api = uploadApi(calls, () => ({
      ref: { kind: 'csv', path: '/abs/big/big.csv', labelColumn: 'label' },
      path: '/abs/big/big.csv',
      refused: [],
    }));
    const text = 'a,label\n' + '0.5,x\n'.repeat(Math.ceil((2.5 * BATCH_BYTES) / 6));
    const content = bytes(text);
    const progress: number[] = [];
    await uploadDataset(
      api,
      {
        kind: 'csv',
        name: 'big.csv',
        files: [{ path: 'big.csv', size: content.byteLength, read: async (start?: number, end?: number) => content.slice(start, end) }],
      },
      (sent) => progress.push(sent),
    );
    expect(calls.map((c) => c.length)).toEqual([1, 1, 1]);
    expect(calls.map((c) => c[0].append)).toEqual([undefined, true, true]);
    for (const [part] of calls) expect(Buffer.from(part.base64, 'base64').length).toBeLessThanOrEqual(BATCH_BYTES);
    expect(calls.map(([part]) => Buffer.from(part.base64, 'base64').toString()).join('')).toBe(text);
    expect(progress).toEqual([0, 1]);
  });
});

describe('uploading big files', () => {
  /** A file of `size` bytes that records which byte ranges were read. */
  const pickedFile = (path: string, size: number, reads: [number, number][]) => ({
    path,
    size,
    read: async (start = 0, end = size) => {
      reads.push([start, end]);
      return new Uint8Array(end - start).fill(path.length).buffer as ArrayBuffer;
    },
  });
  const recordingApi = (calls: DatasetUploadFile[][]) =>
    uploadApi(calls, () => ({ ref: { kind: 'imageFolder', path: '/abs/s' }, path: '/abs/s', refused: [] }));

  it('never reads an image over the size limit, and sends its size for the host to refuse', async () => {
    const calls: DatasetUploadFile[][] = [];
    const reads: [number, number][] = [];
    // About 48 MiB: as one message it would pass the transport's limit.
    const huge = pickedFile('cats/huge.png', 48 * 1024 * 1024, reads);
    await uploadDataset(recordingApi(calls), { kind: 'imageFolder', name: 's', files: [huge] }, () => {});
    expect(reads).toEqual([]);
    expect(calls).toEqual([[{ path: 'cats/huge.png', base64: '', size: 48 * 1024 * 1024 }]]);
  });

  it('sends an image bigger than one part in parts, each read on its own', async () => {
    const calls: DatasetUploadFile[][] = [];
    const reads: [number, number][] = [];
    const size = BATCH_BYTES + 1;
    await uploadDataset(
      recordingApi(calls),
      { kind: 'imageFolder', name: 's', files: [pickedFile('cats/small.png', 10, reads), pickedFile('cats/big.png', size, reads)] },
      () => {},
    );
    const parts = calls.slice(1).map(([part]) => part);
    expect(calls[0].map((f) => f.path)).toEqual(['cats/small.png']);
    expect(parts.map((p) => [p.path, p.append, p.size])).toEqual([
      ['cats/big.png', undefined, size],
      ['cats/big.png', true, undefined],
    ]);
    for (const part of parts) expect(Buffer.from(part.base64, 'base64').length).toBeLessThanOrEqual(BATCH_BYTES);
    expect(parts.reduce((total, p) => total + Buffer.from(p.base64, 'base64').length, 0)).toBe(size);
    expect(reads.slice(1).every(([start, end]) => end - start <= BATCH_BYTES)).toBe(true);
  });

  it('never reads a CSV file over the size limit', async () => {
    const calls: DatasetUploadFile[][] = [];
    const reads: [number, number][] = [];
    await uploadDataset(
      recordingApi(calls),
      { kind: 'csv', name: 'huge.csv', files: [pickedFile('huge.csv', UPLOAD_LIMITS.csvBytes + 1, reads)] },
      () => {},
    );
    expect(reads).toEqual([]);
    expect(calls).toEqual([[{ path: 'huge.csv', base64: '', size: UPLOAD_LIMITS.csvBytes + 1 }]]);
  });
});

describe('checking that the model fits the data', () => {
  const cnn: Graph = {
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [28, 28, 1] } },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
    ],
    edges: [
      { source: 'in', target: 'flat' },
      { source: 'flat', target: 'out' },
    ],
  };
  const preview = (kind: DatasetPreview['kind'], inputShape: number[], classes: number): DatasetPreview => ({
    name: 'x',
    kind,
    inputShape,
    classes: Array.from({ length: classes }, (_, i) => ({ name: String(i), count: 1, testCount: 0, thumbnails: [] })),
    trainCount: classes,
    testCount: 0,
    warnings: [],
    skipped: [],
  });

  it('says nothing when MNIST meets the MNIST CNN', () => {
    expect(fitAdvice(preview('builtin', [28, 28, 1], 10), analyzeGraph(cnn))).toEqual([]);
  });

  it('names the Input block and the shape to give it for RGB images, and the output units for fewer classes', () => {
    expect(fitAdvice(preview('imageFolder', [32, 32, 3], 3), analyzeGraph(cnn))).toEqual([
      { kind: 'input', id: 'in', data: [32, 32, 3], input: [28, 28, 1], fix: [32, 32, 3], images: true, conversion: 'toGrey' },
      { kind: 'units', id: 'out', units: 10, classes: 3, fixable: true },
    ]);
  });

  it('offers an Input no larger than a model needs for large images, and says nothing once the Input has it', () => {
    const large = { ...preview('imageFolder', [4000, 6000, 3], 10), suggestedInputShape: [85, 128, 3] };
    expect(fitAdvice(large, analyzeGraph(cnn))).toEqual([
      { kind: 'input', id: 'in', data: [4000, 6000, 3], input: [28, 28, 1], fix: [85, 128, 3], images: true, conversion: 'toGrey' },
    ]);
    const fitted: Graph = { ...cnn, nodes: cnn.nodes.map((n) => (n.id === 'in' ? { ...n, params: { shape: [85, 128, 3] } } : n)) };
    expect(fitAdvice(large, analyzeGraph(fitted))).toEqual([]);
  });

  it('asks for an image-shaped Input when images meet a flat one', () => {
    const flat: Graph = { ...cnn, nodes: cnn.nodes.map((n) => (n.id === 'in' ? { ...n, params: { shape: [784] } } : n)) };
    expect(fitAdvice(preview('imageFolder', [28, 28, 1], 10), analyzeGraph(flat))).toEqual([
      { kind: 'input', id: 'in', data: [28, 28, 1], input: [784], fix: [28, 28, 1], images: false, conversion: 'resizedOnly' },
    ]);
  });

  it('accepts flat data of the same size and refuses a CSV with a different number of features', () => {
    expect(fitAdvice(preview('builtin', [784], 10), analyzeGraph(cnn))).toEqual([]);
    expect(fitAdvice(preview('csv', [4], 10), analyzeGraph(cnn))).toEqual([
      { kind: 'input', id: 'in', data: [4], input: [28, 28, 1], fix: [4], images: false, conversion: 'resizedOnly' },
    ]);
  });

  it('accepts one sigmoid unit for two classes with a binary loss', () => {
    const binary: Graph = {
      ...cnn,
      nodes: cnn.nodes.map((n) => (n.id === 'out' ? { ...n, params: { units: 1, activation: 'sigmoid' } } : n)),
    };
    expect(fitAdvice(preview('builtin', [28, 28, 1], 2), analyzeGraph(binary), 'binaryCrossentropy')).toEqual([]);
    expect(fitAdvice(preview('builtin', [28, 28, 1], 2), analyzeGraph(binary), 'categoricalCrossentropy')).toEqual([
      { kind: 'units', id: 'out', units: 1, classes: 2, fixable: true },
    ]);
  });
});
