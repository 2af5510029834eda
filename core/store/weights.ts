import { createHash } from 'node:crypto';
import { problem } from '../i18n/catalogue';
import type { NamedWeight, WeightDtype } from '../model/weight-layout';
import { StoreError } from './errors';

export type { NamedWeight, WeightDtype };

/**
 * Blob layout: "NBWT", format version (u32 LE), header length (u32 LE), header JSON
 * `[{name, shape, dtype, offset, byteLength}]`, then each tensor's bytes at an 8-aligned offset
 * (little-endian). A reader checks every offset and length against the blob before copying.
 */
const MAGIC = 'NBWT';
const FORMAT = 1;
const bytesPerElement: Record<WeightDtype, number> = { float32: 4, int32: 4, bool: 1 };
const MAX_TENSORS = 100_000;

interface HeaderEntry {
  name: string;
  shape: number[];
  dtype: WeightDtype;
  offset: number;
  byteLength: number;
}

const align8 = (n: number) => Math.ceil(n / 8) * 8;

function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

export function encodeWeights(weights: readonly NamedWeight[]): Buffer {
  const entries: HeaderEntry[] = [];
  let dataLength = 0;
  for (const w of weights) {
    if (!(w.dtype in bytesPerElement)) throw new StoreError('invalid', problem('store:unsupportedType', { name: w.name, dtype: w.dtype }));
    const expected = elementCount(w.shape);
    if (w.data.length !== expected)
      throw new StoreError(
        'invalid',
        problem('store:valueCount', { name: w.name, count: w.data.length, shape: w.shape.join(', '), expected }),
      );
    const byteLength = expected * bytesPerElement[w.dtype];
    entries.push({ name: w.name, shape: [...w.shape], dtype: w.dtype, offset: dataLength, byteLength });
    dataLength = align8(dataLength + byteLength);
  }
  const header = Buffer.from(JSON.stringify(entries), 'utf8');
  const dataStart = align8(12 + header.length);
  const blob = Buffer.alloc(dataStart + dataLength);
  blob.write(MAGIC, 0, 'latin1');
  blob.writeUInt32LE(FORMAT, 4);
  blob.writeUInt32LE(header.length, 8);
  header.copy(blob, 12);
  weights.forEach((w, i) => {
    const bytes = Buffer.from(w.data.buffer, w.data.byteOffset, entries[i].byteLength);
    bytes.copy(blob, dataStart + entries[i].offset);
  });
  return blob;
}

/** What is wrong with a weights blob, as `store:damage_…` says it, with the tensor or format it concerns. */
type Damage =
  | { damage: 'notBlob' | 'headerPastEnd' | 'header' | 'notList' }
  | { damage: 'format'; format: number }
  | { damage: 'malformed'; index: number }
  | { damage: 'shape' | 'size' | 'pastEnd'; name: string };

function damaged(detail: Damage): StoreError {
  return new StoreError('damaged', problem('store:weightsDamaged', detail));
}

export function decodeWeights(blob: Uint8Array): NamedWeight[] {
  const buf = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC) throw damaged({ damage: 'notBlob' });
  if (buf.readUInt32LE(4) !== FORMAT) throw damaged({ damage: 'format', format: buf.readUInt32LE(4) });
  const headerLength = buf.readUInt32LE(8);
  if (12 + headerLength > buf.length) throw damaged({ damage: 'headerPastEnd' });
  let entries: unknown;
  try {
    entries = JSON.parse(buf.toString('utf8', 12, 12 + headerLength));
  } catch {
    throw damaged({ damage: 'header' });
  }
  if (!Array.isArray(entries) || entries.length > MAX_TENSORS) throw damaged({ damage: 'notList' });
  const dataStart = align8(12 + headerLength);
  return entries.map((raw: unknown, i) => {
    const e = raw as Partial<HeaderEntry> | null;
    if (!e || typeof e.name !== 'string' || typeof e.dtype !== 'string' || !(e.dtype in bytesPerElement))
      throw damaged({ damage: 'malformed', index: i });
    if (!Array.isArray(e.shape) || !e.shape.every((d) => Number.isSafeInteger(d) && d >= 0))
      throw damaged({ damage: 'shape', name: e.name });
    const count = elementCount(e.shape);
    const byteLength = count * bytesPerElement[e.dtype];
    if (e.byteLength !== byteLength || !Number.isSafeInteger(e.offset) || (e.offset as number) < 0 || (e.offset as number) % 8 !== 0)
      throw damaged({ damage: 'size', name: e.name });
    const start = dataStart + (e.offset as number);
    if (start + byteLength > buf.length) throw damaged({ damage: 'pastEnd', name: e.name });
    // Copy into a fresh, aligned buffer: the blob's own buffer may be unaligned or reused.
    const bytes = new Uint8Array(byteLength);
    bytes.set(buf.subarray(start, start + byteLength));
    const data = e.dtype === 'float32' ? new Float32Array(bytes.buffer) : e.dtype === 'int32' ? new Int32Array(bytes.buffer) : bytes;
    return { name: e.name, shape: e.shape, dtype: e.dtype, data };
  });
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
