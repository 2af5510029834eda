// Reading a file the user named, safely: only a regular file is read (a FIFO, a device such as
// /dev/zero, a socket or a folder named like a project would block or never end), and never more
// than a bound, checked before the bytes are buffered.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { problem } from '../i18n/catalogue';
import { StoreError } from './errors';

/** Project JSON is small (the largest graph the format admits is a few megabytes); anything larger is not a project. */
export const MAX_PROJECT_JSON_BYTES = 50 * 1024 * 1024;

/**
 * Opening a FIFO for reading waits for a writer; with O_NONBLOCK it returns at once, so that the
 * kind of file can be checked first. (Windows has no FIFOs and no such flag.)
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Mebibytes to one decimal, as the sentences give a size. */
function megabytes(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function notRegular(path: string, stats: Stats): StoreError {
  if (stats.isDirectory()) return new StoreError('not-a-file', problem('store:openFolder', { path }));
  const kind = stats.isFIFO()
    ? 'fifo'
    : stats.isCharacterDevice() || stats.isBlockDevice()
      ? 'device'
      : stats.isSocket()
        ? 'socket'
        : 'other';
  return new StoreError('not-a-file', problem('store:openNotRegular', { path, kind }));
}

function tooLarge(path: string, size: number | undefined, maxBytes: number): StoreError {
  const max = megabytes(maxBytes);
  return new StoreError(
    'too-large',
    problem('store:openTooLarge', size === undefined ? { path, max } : { path, max, size: megabytes(size), context: 'size' }),
  );
}

/** The reason a path cannot be opened, in words. */
export function openError(path: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new StoreError('not-found', problem('store:openNotFound', { path }), { cause: error });
  if (code === 'EISDIR') return new StoreError('not-a-file', problem('store:openFolder', { path }), { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new StoreError('io', problem('store:openDenied', { path }), { cause: error });
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreError('io', problem('store:openFailed', { path, detail }), { cause: error });
}

async function openRegular(path: string): Promise<{ handle: FileHandle; stats: Stats }> {
  const handle = await open(path, OPEN_FLAGS);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw notRegular(path, stats);
    return { handle, stats };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * The bytes of a regular file, at most `maxBytes` of them (reading stops there even if the file
 * grows meanwhile). Throws StoreError: not found, not a regular file, too large.
 */
export async function readRegularFile(path: string, maxBytes = MAX_PROJECT_JSON_BYTES): Promise<Buffer> {
  let opened;
  try {
    opened = await openRegular(path);
  } catch (error) {
    throw openError(path, error);
  }
  const { handle, stats } = opened;
  try {
    if (stats.size > maxBytes) throw tooLarge(path, stats.size, maxBytes);
    // Read in parts until the end, stopping past the bound: the size said by stat is only a hint.
    const parts: Buffer[] = [];
    let length = 0;
    for (;;) {
      const part = Buffer.alloc(Math.min(1 << 20, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(part, 0, part.length, length);
      if (bytesRead === 0) break;
      parts.push(part.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(path, undefined, maxBytes);
    }
    return Buffer.concat(parts, length);
  } catch (error) {
    throw openError(path, error);
  } finally {
    await handle.close();
  }
}

/** The text of a regular file in UTF-8, bounded as readRegularFile. */
export async function readRegularTextFile(path: string, maxBytes = MAX_PROJECT_JSON_BYTES): Promise<string> {
  return (await readRegularFile(path, maxBytes)).toString('utf8');
}

/** The first bytes of a regular file (fewer when it is shorter); a FIFO or a device is refused, never waited on. */
export async function readRegularFilePrefix(path: string, bytes: number): Promise<Buffer> {
  let opened;
  try {
    opened = await openRegular(path);
  } catch (error) {
    throw openError(path, error);
  }
  const { handle } = opened;
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Checks without blocking that `path` is a regular file, and returns its stats. Throws StoreError
 * for anything else (a FIFO is never opened in a way that waits for a writer).
 */
export function checkRegularFileSync(path: string): Stats {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw openError(path, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(path, stats);
    return stats;
  } finally {
    closeSync(fd);
  }
}

/** The first bytes of a regular file, synchronously; undefined for anything that is not a readable regular file. */
export function readRegularFilePrefixSync(path: string, bytes: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
