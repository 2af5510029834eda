// A reader of tar archives (ustar, GNU, pax) over a stream, optionally gunzipped on the way, so that
// `cifar-10-binary.tar.gz` is read without unpacking anything to disk. Errors name the archive and
// the byte where it goes wrong (in the compressed file for a damaged gzip stream, in the unpacked
// tar for the rest).
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { problem } from '../i18n/catalogue';
import { DataError } from './types';

export interface TarEntry {
  /** Path inside the archive, e.g. `cifar-10-batches-bin/data_batch_1.bin`. */
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;

function text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

function octal(bytes: Uint8Array): number {
  // GNU base-256 for sizes over 8 GB.
  if (bytes[0] & 0x80) return bytes.subarray(1).reduce((n, b) => n * 256 + b, bytes[0] & 0x7f);
  const s = text(bytes).trim();
  return s === '' ? 0 : /^[0-7]+$/.test(s) ? parseInt(s, 8) : NaN;
}

function checksumOk(header: Uint8Array): boolean {
  const stored = octal(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return stored === sum;
}

/** Pax extended header records `LEN key=value\n`: the path, when given. */
function paxPath(data: Uint8Array): string | undefined {
  const s = Buffer.from(data).toString('utf8');
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(s);
  return match?.[1];
}

/** A place in an archive read through gzip is counted in the unpacked bytes, and its messages say so. */
const unpacked = (gzipped: boolean) => (gzipped ? { context: 'unpacked' } : {});

/**
 * Reads the entries of a tar archive (gunzipped when it starts with the gzip signature), keeping
 * the data of the regular files for which `wanted(name)` holds and skipping the others.
 */
export async function readTar(file: string, wanted: (name: string) => boolean): Promise<TarEntry[]> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(file, { start: 0, end: 1 })
      .on('data', (c) => chunks.push(c as Buffer))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
  const gzipped = head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
  const source = createReadStream(file);
  let compressedRead = 0;
  source.on('data', (c) => (compressedRead += c.length));
  const stream = gzipped ? source.pipe(createGunzip()) : source;
  source.on('error', (error) => stream.destroy(error));

  const entries: TarEntry[] = [];
  let offset = 0; // bytes of the tar consumed
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let header: { name: string; size: number; keep: boolean; start: number; kind: string } | undefined;
  let longName: string | undefined;
  let ended = false;

  const take = (length: number): Buffer => {
    const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = all.length > length ? [all.subarray(length)] : [];
    pendingLength = all.length - length;
    offset += length;
    return all.subarray(0, length);
  };
  const padded = (size: number) => Math.ceil(size / BLOCK) * BLOCK;

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (ended) continue;
      pending.push(chunk);
      pendingLength += chunk.length;
      for (;;) {
        if (!header) {
          if (pendingLength < BLOCK) break;
          const at = offset;
          const block = take(BLOCK);
          if (block.every((b) => b === 0)) {
            ended = true;
            break;
          }
          if (!checksumOk(block)) {
            throw new DataError(problem('data:tarHeaderDamaged', { file, at, ...unpacked(gzipped) }));
          }
          const prefix = text(block.subarray(345, 500));
          const plain = text(block.subarray(0, 100));
          const name = longName ?? (prefix && block.subarray(257, 262).toString('latin1') === 'ustar' ? `${prefix}/${plain}` : plain);
          longName = undefined;
          const size = octal(block.subarray(124, 136));
          const kind = String.fromCharCode(block[156] || 0x30);
          const keep = (kind === '0' || kind === '\0' || kind === '7') && wanted(name);
          header = { name, size, keep: keep || kind === 'L' || kind === 'x', start: offset, kind };
        }
        const total = padded(header.size);
        if (pendingLength < total) break;
        const data = take(total).subarray(0, header.size);
        if (header.kind === 'L') longName = text(data);
        else if (header.kind === 'x') longName = paxPath(data) ?? longName;
        else if (header.keep) entries.push({ name: header.name, data: new Uint8Array(data) });
        header = undefined;
      }
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') {
      const where = { file, at: compressedRead, unpacked: offset + pendingLength };
      throw new DataError(code === 'Z_BUF_ERROR' ? problem('data:gzipEndsEarly', where) : problem('data:gzipInvalid', where));
    }
    throw error;
  }
  if (header) {
    throw new DataError(
      problem('data:tarEntryCut', {
        file,
        entry: header.name,
        start: header.start,
        size: header.size,
        end: offset + pendingLength,
        ...unpacked(gzipped),
      }),
    );
  }
  if (!ended && pendingLength > 0) {
    throw new DataError(problem('data:tarHeaderCut', { file, start: offset, end: offset + pendingLength }));
  }
  return entries;
}
