// Downloads a data file into a cache folder with progress, a size check and, when given, a
// checksum: the bytes go to a `.part` file that is renamed only once complete (and checked), so an
// interrupted download never passes for a finished one. By default it starts again from the
// beginning next time; with `resume`, the `.part` file is kept and the next download asks the
// server for the rest (an HTTP Range request), starting cleanly from the beginning when the server
// sends the whole file instead.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { problem } from '../i18n/catalogue';
import { DataError } from './types';

export interface DownloadProgress {
  /** The file being downloaded (its name). */
  file: string;
  received: number;
  /** Bytes expected, when the server says. */
  total?: number;
}

export type ProgressListener = (progress: DownloadProgress) => void;

export interface DownloadOptions {
  /** The file's published digest (hex); a file that does not match is refused and nothing is kept. */
  checksum?: { algorithm: 'md5' | 'sha256'; value: string };
  /** Keep the `.part` file of an interrupted download and ask for the rest next time (HTTP Range). */
  resume?: boolean;
}

/** The hex digest of a file. */
export async function fileDigest(file: string, algorithm: 'md5' | 'sha256'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The size of a file, 0 when there is none. */
async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

/** Why a download failed, for a message: the system's error code where there is one. */
function reason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

/** Thrown when the address cannot be reached at all (offline, no such host, refused). */
export class DownloadUnreachable extends Error {
  constructor(
    readonly url: string,
    readonly why: string,
  ) {
    super(`${url} cannot be reached (${why})`);
  }
}

/**
 * Downloads `url` to `destination`, reporting progress about every 1 % and at the end. The
 * received size must match the server's Content-Length, and the file its checksum when one is
 * given; otherwise nothing is kept (with `resume`, an interrupted transfer keeps its `.part` file
 * to go on from next time).
 */
export async function download(
  url: string,
  destination: string,
  onProgress?: ProgressListener,
  options: DownloadOptions = {},
): Promise<void> {
  const file = path.basename(destination);
  const part = `${destination}.part`;
  await mkdir(path.dirname(destination), { recursive: true });
  const already = options.resume ? await sizeOf(part) : 0;
  if (!options.resume) await rm(part, { force: true });
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', ...(already > 0 ? { headers: { Range: `bytes=${already}-` } } : {}) });
  } catch (error) {
    throw new DownloadUnreachable(url, reason(error));
  }
  if (response.status === 416 && already > 0) {
    // The server cannot give the rest of what is kept: start again from the beginning.
    await response.body?.cancel();
    await rm(part, { force: true });
    return download(url, destination, onProgress, options);
  }
  if (!response.ok || !response.body) {
    throw new DataError(problem('data:downloadFailed', { url, status: response.status, statusText: response.statusText }));
  }
  // 206: the server sends the rest, from the byte asked for; anything else is the whole file again.
  const contentRange = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  const resumed = already > 0 && response.status === 206 && contentRange !== null && Number(contentRange[1]) === already;
  const header = response.headers.get('content-length');
  const length = header !== null && /^\d+$/.test(header) ? Number(header) : undefined;
  const total = resumed
    ? contentRange![2] !== '*'
      ? Number(contentRange![2])
      : length !== undefined
        ? already + length
        : undefined
    : length;
  const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
  let received = resumed ? already : 0;
  let reported = -1;
  const report = () => {
    const step = total ? Math.floor((received / total) * 100) : Math.floor(received / 1_000_000);
    if (step !== reported || received === total) {
      reported = step;
      onProgress?.({ file, received, ...(total !== undefined ? { total } : {}) });
    }
  };
  // Whether the part received is kept to go on from next time, which each message says.
  const kept = (keep: boolean | undefined) => (keep ? { context: 'kept' } : {});
  try {
    onProgress?.({ file, received, ...(total !== undefined ? { total } : {}) });
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      received += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      report();
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    if (!options.resume) await rm(part, { force: true });
    const why = reason(error);
    throw new DataError(
      total
        ? problem('data:downloadInterruptedOf', { url, received, total, why, ...kept(options.resume) })
        : problem('data:downloadInterrupted', { url, received, why, ...kept(options.resume) }),
    );
  }
  if (total !== undefined && received !== total) {
    if (!options.resume || received > total) await rm(part, { force: true });
    throw new DataError(problem('data:downloadStopped', { url, received, total, ...kept(options.resume && received <= total) }));
  }
  if (options.checksum) {
    const actual = await fileDigest(part, options.checksum.algorithm);
    if (actual !== options.checksum.value.toLowerCase()) {
      await rm(part, { force: true });
      const algorithm = options.checksum.algorithm.toUpperCase();
      throw new DataError(problem('data:downloadChecksum', { url, algorithm, actual, expected: options.checksum.value }));
    }
  }
  await rename(part, destination);
}
