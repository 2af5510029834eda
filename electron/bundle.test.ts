import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../build/bundle-electron';
import { apiEvents, apiMethods } from '../core/api/contract';
import { parseProjectText } from '../core/model/project-io';
import { TrainingControl } from '../core/train/control';

const root = fileURLToPath(new URL('..', import.meta.url));
let out: string | undefined;
let bundled: Awaited<ReturnType<typeof bundleElectron>> | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('desktop bundle', () => {
  it('bundles the main process as ESM and a self-contained CommonJS preload', async () => {
    // Inside the repository, where package.json makes the worker's entry an ES module, as in dist/electron.
    await mkdir(path.join(root, 'dist'), { recursive: true });
    out = await mkdtemp(path.join(root, 'dist', 'bundle-test-'));
    bundled = await bundleElectron(out);
    const { main, preload } = bundled;
    const preloadCode = await readFile(preload, 'utf8');
    // A sandboxed preload can require nothing but electron.
    expect([...new Set(preloadCode.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    expect(preloadCode).toContain('exposeInMainWorld');
    for (const name of [...apiMethods, ...apiEvents]) expect(preloadCode).toContain(`"${name}"`);
    const mainCode = await readFile(main, 'utf8');
    expect(mainCode).toMatch(/from "electron"/);
    expect(mainCode).toContain('sandbox: true');
    expect(mainCode).toContain('"will-frame-navigate"');
    // TensorFlow.js is loaded lazily, in a chunk, not at startup.
    expect(mainCode).not.toMatch(/^import .* from "@tensorflow\//m);
    expect((await readdir(out)).some((f) => f.startsWith('chunk-'))).toBe(true);
  });

  it('trains from the bundle folder, the way the bundled main process starts its training worker', async () => {
    expect(bundled).toBeDefined();
    const project = parseProjectText(await readFile(new URL('../projects/spirals-mlp.json', import.meta.url), 'utf8'));
    const control = new TrainingControl();
    const worker = new Worker(path.join(out!, 'worker-boot.mjs'), {
      workerData: {
        entry: pathToFileURL(bundled!.worker).href,
        request: { project, options: { epochs: 1, size: 100, checkpoints: false } },
        control: control.buffer,
      },
    });
    const events: { type: string; state?: string }[] = [];
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (event: { type: string; state?: string }) => {
        events.push(event);
        if (event.type === 'final') resolve();
      });
      worker.on('error', reject);
    });
    await worker.terminate();
    expect(events[0].type).toBe('started');
    expect(events.at(-1)).toMatchObject({ type: 'final', state: 'completed' });
  });
});
