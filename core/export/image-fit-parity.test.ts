// One non-square image file gives the model the same numbers in training (sharp decodes, the
// image folder loader fits), in Try it (Chromium decodes, the renderer's code fits) and in the
// exported web demo page (Chromium decodes, the page fits), for every fit and Input shape.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toModelInput } from '../../renderer/src/ui/image-input';
import { loadImageFolder } from '../data/image-folder';
import type { ImageFit } from '../model/image-fit';
import { parseProject } from '../model/project-io';
import { PROJECT_FORMAT } from '../model/project';
import { exportProject } from './index';
import { launchChromium } from './test-browser';
import { maxAbsDiff } from './test-support';
import { chain } from '../model/test-graphs';

const work = mkdtempSync(join(tmpdir(), 'nb-fit-parity-'));
const folder = join(work, 'photos');
let browser: Browser;

/** A 37×23 PNG of varied colours, so that every output pixel mixes several, unevenly covered, source pixels. */
async function photo(seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(37 * 23 * 3);
  let state = seed;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    pixels[i] = state >> 23;
  }
  return sharp(pixels, { raw: { width: 37, height: 23, channels: 3 } })
    .png()
    .toBuffer();
}

beforeAll(async () => {
  for (const [name, seed] of [
    ['a', 7],
    ['b', 11],
  ] as const) {
    mkdirSync(join(folder, name), { recursive: true });
    const bytes = await photo(seed);
    for (let i = 0; i < 3; i++) writeFileSync(join(folder, name, `${i}.png`), bytes);
  }
  await tf.setBackend('cpu');
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

/** What training feeds the model for `a/0.png`: its first training sample of class "a". */
async function trainingInput(shape: [number, number, number], fit: ImageFit): Promise<Float32Array> {
  const dataset = await loadImageFolder(folder, shape, fit);
  const size = shape[0] * shape[1] * shape[2];
  const i = Array.from(dataset.train.y).indexOf(dataset.classNames.indexOf('a'));
  return dataset.train.x.slice(i * size, (i + 1) * size);
}

/** Try it's decoding of a file, run in the page: imported by path, as the Node-side compiler has no DOM library to check it with. */
const IMAGE_DECODE = '../../renderer/src/ui/image-decode';

/** What Try it feeds the model: the file decoded by Chromium with the renderer's own code, then fitted by it. */
async function tryItInput(shape: [number, number, number], fit: ImageFit): Promise<number[]> {
  const { decodeImageFile } = (await import(/* @vite-ignore */ IMAGE_DECODE)) as { decodeImageFile: (...args: unknown[]) => unknown };
  const page = await browser.newPage();
  try {
    const base64 = readFileSync(join(folder, 'a', '0.png')).toString('base64');
    const image = await page.evaluate(
      async ([source, data]) => {
        const decode = (0, eval)(`(${source})`) as (
          file: Blob,
          maxSide: number,
        ) => Promise<{ data: Uint8ClampedArray; width: number; height: number }>;
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const decoded = await decode(new Blob([bytes], { type: 'image/png' }), 4096);
        return { data: Array.from(decoded.data), width: decoded.width, height: decoded.height };
      },
      [decodeImageFile.toString(), base64] as const,
    );
    expect([image.width, image.height]).toEqual([37, 23]);
    return toModelInput(image, shape, fit).values;
  } finally {
    await page.close();
  }
}

/** What the exported web demo page feeds the model when the file is dropped on it. */
async function webDemoInput(shape: [number, number, number], fit: ImageFit): Promise<number[]> {
  const project = parseProject({
    format: PROJECT_FORMAT,
    version: 1,
    name: 'Photos',
    graph: chain(['input', 'Input', { shape }], ['flatten', 'Flatten'], ['output', 'Dense', { units: 2, activation: 'softmax' }]),
    dataset: { kind: 'imageFolder', path: folder, fit },
  });
  const dir = join(work, `web-${fit}-${shape.join('x')}`);
  await exportProject({ tf, project, format: 'web', outDir: dir });
  const page = await browser.newPage();
  try {
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.waitForFunction(() => (globalThis as any).neuroblocks?.ready || (globalThis as any).neuroblocks?.error, undefined, {
      timeout: 30_000,
    });
    expect(await page.evaluate(() => (globalThis as any).neuroblocks.error)).toBeUndefined();
    await page.locator('input[type=file]').setInputFiles(join(folder, 'a', '0.png'));
    await page.waitForFunction(() => (globalThis as any).neuroblocks.lastInput !== null, undefined, { timeout: 30_000 });
    return await page.evaluate(() => (globalThis as any).neuroblocks.lastInput as number[]);
  } finally {
    await page.close();
  }
}

describe('a non-square image file gives the same input tensor everywhere', () => {
  const cases: [ImageFit, [number, number, number]][] = [
    ['letterbox', [16, 16, 3]],
    ['crop', [16, 16, 3]],
    ['letterbox', [12, 20, 1]],
    ['crop', [20, 12, 3]],
  ];
  it.each(cases)('%s to %j: training, Try it and the web demo page agree', async (fit, shape) => {
    const training = await trainingInput(shape, fit);
    const web = await webDemoInput(shape, fit);
    const tried = await tryItInput(shape, fit);
    expect(web.length).toBe(training.length);
    // The page computes with the very function training uses, on the same decoded bytes: identical numbers.
    expect(web).toEqual(Array.from(training));
    // Try it sends the values rounded to 4 decimals.
    expect(tried.length).toBe(training.length);
    expect(maxAbsDiff(tried, training)).toBeLessThanOrEqual(5e-5 + 1e-7);
    // Letter-box pads (black), crop fills: the fits really differ on this file.
    const zeros = Array.from(training).filter((v) => v === 0).length;
    if (fit === 'letterbox') expect(zeros).toBeGreaterThanOrEqual(shape[2] * Math.min(shape[0], shape[1]));
    else expect(zeros).toBe(0);
  });
});
