import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../build/bundle-electron';
import { apiEvents, apiMethods } from '../core/api/contract';

let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe('desktop bundle', () => {
  it('bundles the main process as ESM and a self-contained CommonJS preload', async () => {
    out = await mkdtemp(path.join(os.tmpdir(), 'neuroblocks-bundle-'));
    const { main, preload } = await bundleElectron(out);
    const preloadCode = await readFile(preload, 'utf8');
    // A sandboxed preload can require nothing but electron.
    expect([...new Set(preloadCode.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    expect(preloadCode).toContain('exposeInMainWorld');
    for (const name of [...apiMethods, ...apiEvents]) expect(preloadCode).toContain(`"${name}"`);
    const mainCode = await readFile(main, 'utf8');
    expect(mainCode).toMatch(/from "electron"/);
    expect(mainCode).toContain('sandbox: true');
    // TensorFlow.js is loaded lazily, in a chunk, not at startup.
    expect(mainCode).not.toMatch(/^import .* from "@tensorflow\//m);
    expect((await readdir(out)).some((f) => f.startsWith('chunk-'))).toBe(true);
  });
});
