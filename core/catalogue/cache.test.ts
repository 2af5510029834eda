// The catalogue's download, against a server on 127.0.0.1 that serves a small file: progress,
// the checksum, the cache, and an interrupted download resumed (HTTP Range) or restarted cleanly.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../api/contract';
import type { DownloadProgress } from '../data/download';
import { baseAddress, PretrainedCache } from './cache';
import { pretrainedBase, type PretrainedBaseEntry } from '../model/bases/entries';

const FILE = randomBytes(300_000);
const MD5 = createHash('md5').update(FILE).digest('hex');
const tempDir = () => mkdtempSync(join(tmpdir(), 'nb-pretrained-'));

/** VGG16's entry, its file being the small one served here. */
const entry = (checksum = MD5): PretrainedBaseEntry => ({
  ...pretrainedBase('vgg16')!,
  download: { url: 'unused', file: 'small_notop.h5', checksum: { algorithm: 'md5', value: checksum } },
});

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

interface Request {
  url: string;
  range?: string;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse, nth: number) => void) {
  const requests: Request[] = [];
  server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', ...(req.headers.range ? { range: req.headers.range } : {}) });
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/weights`;
  return { address: (e: PretrainedBaseEntry) => `${base}/${e.download.file}`, requests };
}

/** Sends the first `bytes` of the file with the whole file's length, then cuts the connection. */
function cutAfter(res: ServerResponse, bytes: number) {
  res.writeHead(200, { 'content-length': FILE.length });
  res.write(FILE.subarray(0, bytes), () => setTimeout(() => res.socket?.destroy(), 50));
}

const whole = (res: ServerResponse) => {
  res.writeHead(200, { 'content-length': FILE.length });
  res.end(FILE);
};

describe('downloading a pretrained base', () => {
  it('reports progress, checks the checksum, keeps the file in the cache and then reuses it without asking the server again', async () => {
    const { address, requests } = await serve((_req, res) => whole(res));
    const dir = tempDir();
    const cache = new PretrainedCache(dir, address);
    expect(await cache.state(entry())).toEqual({ state: 'absent' });
    const progress: DownloadProgress[] = [];
    await cache.download(entry(), (p) => progress.push(p));
    expect(readFileSync(join(dir, 'small_notop.h5')).equals(FILE)).toBe(true);
    expect(progress[0]).toEqual({ file: 'small_notop.h5', received: 0, total: 300_000 });
    expect(progress.at(-1)).toEqual({ file: 'small_notop.h5', received: 300_000, total: 300_000 });
    for (let i = 1; i < progress.length; i++) expect(progress[i].received).toBeGreaterThanOrEqual(progress[i - 1].received);
    expect(await cache.state(entry())).toEqual({ state: 'downloaded', bytes: 300_000 });

    await cache.download(entry());
    expect(requests).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['small_notop.h5']);
  });

  it('refuses a file whose checksum is not the published one, and keeps nothing', async () => {
    const { address } = await serve((_req, res) => whole(res));
    const dir = tempDir();
    const error = await new PretrainedCache(dir, address).download(entry('0123456789abcdef0123456789abcdef')).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(`is not the published one: its MD5 checksum is ${MD5}, not 0123456789abcdef0123456789abcdef\\. Nothing was kept`),
    );
    expect((error as { fr: string }).fr).toContain('n’est pas celui publié');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('resumes an interrupted download from where it stopped, with an HTTP Range request', async () => {
    const { address, requests } = await serve((req, res, nth) => {
      if (nth === 1) return cutAfter(res, 120_000);
      const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')![1]);
      res.writeHead(206, { 'content-length': FILE.length - start, 'content-range': `bytes ${start}-${FILE.length - 1}/${FILE.length}` });
      res.end(FILE.subarray(start));
    });
    const dir = tempDir();
    const cache = new PretrainedCache(dir, address);
    await expect(cache.download(entry())).rejects.toThrow(
      /was interrupted after [\d,]+ of 300,000 bytes .*the part received is kept, and the download goes on from there next time/,
    );
    // The .part file is never taken for the finished one.
    expect(existsSync(join(dir, 'small_notop.h5'))).toBe(false);
    const kept = statSync(join(dir, 'small_notop.h5.part')).size;
    expect(kept).toBeGreaterThan(0);
    expect(await cache.state(entry())).toEqual({ state: 'partial', bytes: kept });

    const progress: DownloadProgress[] = [];
    await cache.download(entry(), (p) => progress.push(p));
    expect(requests[1].range).toBe(`bytes=${kept}-`);
    expect(progress[0]).toEqual({ file: 'small_notop.h5', received: kept, total: 300_000 });
    expect(readFileSync(join(dir, 'small_notop.h5')).equals(FILE)).toBe(true);
    expect(readdirSync(dir)).toEqual(['small_notop.h5']);
  });

  it('starts again cleanly from the beginning when the server ignores the Range request', async () => {
    const { address, requests } = await serve((_req, res, nth) => (nth === 1 ? cutAfter(res, 50_000) : whole(res)));
    const dir = tempDir();
    const cache = new PretrainedCache(dir, address);
    await expect(cache.download(entry())).rejects.toThrow(/interrupted/);
    await cache.download(entry());
    expect(requests[1].range).toMatch(/^bytes=\d+-$/);
    expect(readFileSync(join(dir, 'small_notop.h5')).equals(FILE)).toBe(true);
    expect(readdirSync(dir)).toEqual(['small_notop.h5']);
  });

  it('says it is offline and offers importing a network from a file when the address cannot be reached', async () => {
    const { address } = await serve((_req, res) => whole(res));
    const port = Number(/:(\d+)\//.exec(address(entry()))![1]);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const error = await new PretrainedCache(tempDir(), () => `http://127.0.0.1:${port}/weights/small_notop.h5`)
      .download(entry())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('offline');
    expect((error as Error).message).toMatch(
      /VGG16 cannot be downloaded: .* cannot be reached \(ECONNREFUSED\)\. This computer seems to be offline\. .*import a network from a file instead/,
    );
    expect((error as UserFacingError).fr).toContain('importez plutôt un réseau depuis un fichier');
  });

  it('downloads from the official address, or from NEUROBLOCKS_PRETRAINED_URL when it is set', () => {
    const vgg = pretrainedBase('vgg16')!;
    expect(baseAddress(vgg, {})).toBe(
      'https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
    );
    expect(baseAddress(vgg, { NEUROBLOCKS_PRETRAINED_URL: 'http://127.0.0.1:9/mirror/' })).toBe(
      'http://127.0.0.1:9/mirror/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
    );
  });
});
