// The IDX format of MNIST, Fashion-MNIST, EMNIST, KMNIST…: a 4-byte magic number (two zero bytes,
// the element type, the number of dimensions), each dimension as a big-endian 32-bit count, then
// the elements row-major. Images and labels are unsigned bytes. Browser-safe: works on bytes.
import { problem } from '../i18n/catalogue';
import { DataError } from './types';

export interface IdxArray {
  /** Dimensions, e.g. [60000, 28, 28] for images or [60000] for labels. */
  dims: number[];
  /** The elements (unsigned bytes), a view on the file's bytes. */
  data: Uint8Array;
}

const typeNames: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'short',
  0x0c: 'int',
  0x0d: 'float',
  0x0e: 'double',
};

/** Parses one IDX file of unsigned bytes; `file` names it in errors, which give the byte at fault. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new DataError(problem('data:idxNotIdx', { file, head, ...(head ? {} : { context: 'empty' }) }));
  }
  const type = bytes[2];
  if (type !== 0x08) {
    const name = typeNames[type];
    throw new DataError(
      name ? problem('data:idxType', { file, type: name }) : problem('data:idxTypeUnknown', { file, hex: type.toString(16) }),
    );
  }
  const rank = bytes[3];
  if (rank < 1 || rank > 4) {
    throw new DataError(problem('data:idxRank', { file, rank }));
  }
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new DataError(problem('data:idxHeaderCut', { file, at: bytes.length, rank, needs: headerLength }));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const elements = dims.reduce((a, b) => a * b, 1);
  const expected = headerLength + elements;
  if (bytes.length < expected) {
    const item = Math.floor((bytes.length - headerLength) / Math.max(1, elements / Math.max(1, dims[0])));
    throw new DataError(problem('data:idxCut', { file, dims: dims.join(' × '), elements, expected, at: bytes.length, item }));
  }
  if (bytes.length > expected) {
    throw new DataError(problem('data:idxTooLong', { file, dims: dims.join(' × '), expected, at: bytes.length }));
  }
  return { dims, data: bytes.subarray(headerLength, expected) };
}

/** Writes an IDX file of unsigned bytes (used to save data sets and in tests). */
export function encodeIdx(dims: number[], data: Uint8Array): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  const view = new DataView(out.buffer);
  out[2] = 0x08;
  out[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, header);
  return out;
}

/** Images and their labels from two IDX files, checked against each other. */
export interface IdxImages {
  /** count × rows × cols × channels grey levels or colour values, 0–255. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
  shape: [number, number, number];
}

/** Pairs an images file with its labels file; errors name both files. */
export function pairIdx(images: IdxArray, imagesFile: string, labels: IdxArray, labelsFile: string): IdxImages {
  if (images.dims.length < 3) {
    const context = images.dims.length === 1 ? {} : { context: 'table' };
    throw new DataError(problem('data:idxNotImages', { file: imagesFile, dims: images.dims.join(' × '), ...context }));
  }
  if (labels.dims.length !== 1) {
    throw new DataError(problem('data:idxLabelsRank', { file: labelsFile, rank: labels.dims.length, dims: labels.dims.join(' × ') }));
  }
  const count = images.dims[0];
  if (labels.dims[0] !== count) {
    throw new DataError(problem('data:idxCountMismatch', { images: imagesFile, count, labels: labelsFile, labelCount: labels.dims[0] }));
  }
  const shape: [number, number, number] = [images.dims[1], images.dims[2], images.dims[3] ?? 1];
  return { pixels: images.data, labels: labels.data, count, shape };
}

/**
 * An order of the samples in which every prefix holds each class in its share: sample k of class
 * c (of n_c) comes at (k + ½) / n_c, ties broken by class. The same for the same labels.
 */
export function balancedOrder(labels: Uint8Array): Uint32Array {
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const seen = new Map<number, number>();
  const keys = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const k = seen.get(labels[i]) ?? 0;
    seen.set(labels[i], k + 1);
    keys[i] = (k + 0.5) / counts.get(labels[i])!;
  }
  const order = Uint32Array.from({ length: labels.length }, (_, i) => i);
  return order.sort((a, b) => keys[a] - keys[b] || labels[a] - labels[b] || a - b);
}
