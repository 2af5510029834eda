// Fashion-MNIST from Debian's dataset-fashion-mnist package (installed by build/system-deps.sh), and
// its download tried against a server on 127.0.0.1 that serves those same files.
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { download, type DownloadProgress } from './download';
import { DEBIAN_FASHION_MNIST, FASHION_MNIST_CLASSES, FASHION_MNIST_FILES, loadFashionMnist } from './fashion-mnist';
import { loadDataset } from './load';

const tempDir = () => mkdtempSync(join(tmpdir(), 'nb-fashion-'));
const debianFile = (name: string) => readFileSync(join(DEBIAN_FASHION_MNIST, name));

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** Serves `handler` on 127.0.0.1; returns its address and the paths asked for. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse, nth: number) => void) {
  const requests: string[] = [];
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/data/`, requests };
}

describe('Fashion-MNIST', () => {
  it('is read from Debian’s dataset-fashion-mnist package: 60,000 + 10,000 clothes in 10 named classes', async () => {
    const dataset = await loadDataset({ kind: 'builtin', name: 'fashion-mnist', size: 1000 });
    expect(dataset.inputShape).toEqual([28, 28, 1]);
    expect(dataset.classNames).toEqual(FASHION_MNIST_CLASSES);
    expect(dataset.train.count).toBe(1000);
    expect(dataset.test.count).toBe(10_000);
    for (let c = 0; c < 10; c++) expect(dataset.train.y.filter((y) => y === c).length).toBe(100);
    // The official test split starts with an ankle boot, a pullover, two trousers.
    expect(Array.from(dataset.test.y.subarray(0, 4))).toEqual([9, 2, 1, 1]);
    await expect(loadDataset({ kind: 'builtin', name: 'fashion-mnist', size: 60_001 })).rejects.toThrow(
      /Fashion-MNIST has 60,000 training images/,
    );
  });

  it('is downloaded on first use with progress, checked, cached, and then read from the cache', async () => {
    const { url, requests } = await serve((req, res) => {
      const name = (req.url ?? '').replace('/data/', '');
      const bytes = debianFile(name);
      res.writeHead(200, { 'content-length': bytes.length });
      res.end(bytes);
    });
    const cacheDir = tempDir();
    const progress: DownloadProgress[] = [];
    const dataset = await loadFashionMnist(100, { cacheDir, searchDirs: [], baseUrl: url, onProgress: (p) => progress.push(p) });
    expect(dataset.train.count).toBe(100);
    expect(requests).toEqual(FASHION_MNIST_FILES.map((f) => `/data/${f.name}`));
    expect(readdirSync(cacheDir).sort()).toEqual(FASHION_MNIST_FILES.map((f) => f.name).sort());
    // Progress of the big file: from 0 to its size, never backwards, in steps.
    const images = progress.filter((p) => p.file === 'train-images-idx3-ubyte.gz');
    const size = debianFile('train-images-idx3-ubyte.gz').length;
    expect(images[0]).toEqual({ file: 'train-images-idx3-ubyte.gz', received: 0, total: size });
    expect(images.at(-1)).toEqual({ file: 'train-images-idx3-ubyte.gz', received: size, total: size });
    expect(images.length).toBeGreaterThan(20);
    for (let i = 1; i < images.length; i++) expect(images[i].received).toBeGreaterThanOrEqual(images[i - 1].received);
    // Second use: from the cache, no request.
    const again = await loadFashionMnist(100, { cacheDir, searchDirs: [], baseUrl: url });
    expect(requests).toHaveLength(4);
    expect(Buffer.from(again.test.x.buffer).equals(Buffer.from(dataset.test.x.buffer))).toBe(true);
  });

  it('refuses a download whose checksum is not the official one, and keeps nothing', async () => {
    const { url } = await serve((req, res) => {
      const name = (req.url ?? '').replace('/data/', '');
      // The right size once unpacked, but one byte changed.
      const bytes = gunzipSync(debianFile(name));
      bytes[bytes.length - 1] ^= 1;
      const packed = gzipSync(bytes, { level: 1 });
      res.writeHead(200, { 'content-length': packed.length });
      res.end(packed);
    });
    const cacheDir = tempDir();
    await expect(loadFashionMnist(100, { cacheDir, searchDirs: [], baseUrl: url })).rejects.toThrow(
      /train-images-idx3-ubyte.gz does not have the checksum of Fashion-MNIST.s train-images-idx3-ubyte.gz \(SHA-256 [0-9a-f]{64} instead of c59f468a/,
    );
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  it('says where to get the four files and how to import them when it cannot be downloaded', async () => {
    const { url } = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    const cacheDir = tempDir();
    const error = (await loadFashionMnist(100, { cacheDir, searchDirs: [], baseUrl: url }).then(
      () => new Error('loaded'),
      (e: unknown) => e,
    )) as Error & { fr?: string };
    expect(error.message).toMatch(
      /Fashion-MNIST is not on this computer and could not be downloaded from http:\/\/127\.0\.0\.1:\d+\/data\/train-images-idx3-ubyte\.gz \(ECONNREFUSED\)/,
    );
    expect(error.message).toContain(
      'train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz',
    );
    expect(error.message).toContain(`https://github.com/zalandoresearch/fashion-mnist`);
    expect(error.message).toContain(`put them in ${cacheDir}, or import their folder as an IDX data set`);
    expect(error.fr).toMatch(/n’est pas sur cet ordinateur .* importez leur dossier comme jeu de données IDX/);
  });
});

describe('download', () => {
  const body = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));

  it('restarts an interrupted download from the beginning and never keeps a partial file', async () => {
    const { url, requests } = await serve((_req, res, nth) => {
      res.writeHead(200, { 'content-length': body.length });
      if (nth === 1) {
        // The connection breaks after a third of the file.
        res.write(body.subarray(0, 100_000), () => res.destroy());
      } else res.end(body);
    });
    const folder = tempDir();
    const target = join(folder, 'file.bin');
    await expect(download(`${url}file.bin`, target)).rejects.toThrow(
      /The download of http:\/\/127\.0\.0\.1:\d+\/data\/file\.bin was interrupted after [\d,]+ of 300,000 bytes .*starts again from the beginning next time/,
    );
    expect(readdirSync(folder)).toEqual([]);
    const progress: DownloadProgress[] = [];
    await download(`${url}file.bin`, target, (p) => progress.push(p));
    expect(requests).toHaveLength(2);
    expect(readFileSync(target).equals(body)).toBe(true);
    expect(progress[0].received).toBe(0);
    expect(progress.at(-1)).toEqual({ file: 'file.bin', received: 300_000, total: 300_000 });
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('names the server’s answer when the file is not there', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(404, 'Not Found');
      res.end();
    });
    await expect(download(`${url}missing.gz`, join(tempDir(), 'missing.gz'))).rejects.toThrow(
      /Downloading http:\/\/127\.0\.0\.1:\d+\/data\/missing\.gz failed: the server answered 404 Not Found/,
    );
  });
});
