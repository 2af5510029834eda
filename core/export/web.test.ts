import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCsv } from '../data/csv';
import { loadMnist } from '../data/mnist';
import { IRIS_COLUMNS, irisLikeCsv, irisProject } from '../data/table-fixtures';
import { parseProject } from '../model/project-io';
import { parseProjectText } from '../model/project-io';
import type { Project } from '../model/project';
import { exportProject } from './index';
import { launchChromium } from './test-browser';
import { appPredict, maxAbsDiff, trainedRunWeights } from './test-support';
import type { NamedWeight } from './weights';

const root = fileURLToPath(new URL('../../', import.meta.url));
const example = (name: string): Project => parseProjectText(readFileSync(join(root, 'projects', `${name}.json`), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'nb-web-'));
const demos = new Map<string, { project: Project; weights: NamedWeight[]; dir: string }>();
let browser: Browser;
const mnist = loadMnist(96);

beforeAll(async () => {
  const trained = new Map<string, NamedWeight[]>();
  for (const name of ['mnist-cnn', 'residual-cnn']) trained.set(name, await trainedRunWeights(example(name)));
  await tf.setBackend('cpu');
  for (const name of ['mnist-cnn', 'residual-cnn']) {
    const project = example(name);
    const dir = join(work, name);
    await exportProject({ tf, project, format: 'web', outDir: dir, weights: trained.get(name) });
    demos.set(name, { project, weights: trained.get(name)!, dir });
  }
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openDemo(name: string): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(demos.get(name)!.dir, 'index.html')).href);
  await page.waitForFunction(() => (globalThis as any).neuroblocks?.ready || (globalThis as any).neuroblocks?.error, undefined, {
    timeout: 30_000,
  });
  expect(await page.evaluate(() => (globalThis as any).neuroblocks.error)).toBeUndefined();
  expect(errors).toEqual([]);
  return page;
}

describe('web demo page', () => {
  it('is a self-contained folder with TensorFlow.js and the model', () => {
    expect(readdirSync(demos.get('mnist-cnn')!.dir).sort()).toEqual([
      'group1-shard1of1.bin',
      'index.html',
      'model-data.js',
      'model.json',
      'tf.min.js',
    ]);
    const html = readFileSync(join(demos.get('mnist-cnn')!.dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it.each(['mnist-cnn', 'residual-cnn'])(
    '%s: a digit drawn in the page from file:// gets the prediction the app gives for the same pixels',
    async (name) => {
      const { project, weights } = demos.get(name)!;
      const page = await openDemo(name);
      const pad = (await page.locator('#pad').boundingBox())!;
      // A small "7" in the top-left corner: a bar across the top, then a diagonal down to the left.
      const at = (x: number, y: number) => [pad.x + (x / 560) * pad.width, pad.y + (y / 560) * pad.height] as const;
      await page.mouse.move(...at(70, 70));
      await page.mouse.down();
      for (const [x, y] of [
        [140, 70],
        [210, 70],
        [180, 140],
        [150, 210],
        [130, 240],
      ])
        await page.mouse.move(...at(x, y), { steps: 4 });
      await page.mouse.up();
      await page.waitForFunction(() => (globalThis as any).neuroblocks.lastOutput !== null);
      const { input, output, shown } = await page.evaluate(() => ({
        input: (globalThis as any).neuroblocks.lastInput as number[],
        output: (globalThis as any).neuroblocks.lastOutput as number[],
        shown: (globalThis as any).document.getElementById('top').textContent as string,
      }));
      expect(input.length).toBe(784);
      expect(Math.max(...input)).toBeGreaterThan(0.5);
      const app = appPredict(tf, project.graph, weights, Float32Array.from(input), [1, 28, 28, 1]);
      expect(maxAbsDiff(output, app)).toBeLessThan(1e-4);
      expect(shown).toBe(String(app.indexOf(Math.max(...app))));
      // Prepared like the training digits: the ink fits in 20×20 pixels, centred by its mass in 28×28.
      let mass = 0;
      let cx = 0;
      let cy = 0;
      const rows: number[] = [];
      const cols: number[] = [];
      input.forEach((v, i) => {
        if (v <= 0.05) return;
        const [y, x] = [Math.floor(i / 28), i % 28];
        rows.push(y);
        cols.push(x);
        mass += v;
        cx += v * (x + 0.5);
        cy += v * (y + 0.5);
      });
      expect(Math.max(Math.max(...rows) - Math.min(...rows), Math.max(...cols) - Math.min(...cols)) + 1).toBeLessThanOrEqual(21);
      expect(Math.abs(cx / mass - 14)).toBeLessThan(1.5);
      expect(Math.abs(cy / mass - 14)).toBeLessThan(1.5);
      await page.close();
    },
  );

  it('predicts real MNIST digits as the app does', async () => {
    const { project, weights } = demos.get('mnist-cnn')!;
    const page = await openDemo('mnist-cnn');
    for (let i = 0; i < 3; i++) {
      const digit = Array.from(mnist.test.x.subarray(i * 784, (i + 1) * 784));
      const output = await page.evaluate((pixels) => (globalThis as any).neuroblocks.predict(pixels), digit);
      const app = appPredict(tf, project.graph, weights, Float32Array.from(digit), [1, 28, 28, 1]);
      expect(maxAbsDiff(output, app)).toBeLessThan(1e-5);
    }
    await page.close();
  });
});

describe('web demo labels', () => {
  it('names Fashion-MNIST’s classes, and numbers other sets’ classes', async () => {
    const fashion = { ...example('mnist-mlp'), dataset: { kind: 'builtin' as const, name: 'fashion-mnist' as const } };
    const dir = join(work, 'fashion');
    await exportProject({ tf, project: fashion, format: 'web', outDir: dir });
    const page = readdirSync(dir)
      .map((f) => (f.endsWith('.js') || f.endsWith('.html') ? readFileSync(join(dir, f), 'utf8') : ''))
      .join('');
    expect(page).toContain('"T-shirt/top","Trouser"');
    expect(page).toContain('"Ankle boot"');
    const csv = { ...example('mnist-mlp'), dataset: { kind: 'csv' as const, path: 'x.csv', labelColumn: 'y' } };
    await exportProject({ tf, project: csv, format: 'web', outDir: join(work, 'numbered') });
    expect(readFileSync(join(work, 'numbered', 'index.html'), 'utf8')).toContain('"class 9"');
  });
});

describe('web demo of a table model and of an image folder', () => {
  it('names a table’s columns and classes, and standardises a typed row as training did, so the page answers as the app', async () => {
    const dir = join(work, 'table-project');
    mkdirSync(dir);
    writeFileSync(join(dir, 'iris.csv'), irisLikeCsv(20).text);
    const project = parseProject(irisProject('iris.csv'));
    const weights = await trainedRunWeights(project, undefined, dir);
    await exportProject({ tf, project, format: 'web', outDir: join(dir, 'page'), weights, baseDir: dir });
    const table = await loadCsv(join(dir, 'iris.csv'), 'species', 'iris.csv');
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(dir, 'page', 'index.html')).href);
    await page.waitForFunction(() => (globalThis as any).neuroblocks?.ready || (globalThis as any).neuroblocks?.error, undefined, {
      timeout: 30_000,
    });
    for (const column of IRIS_COLUMNS) await expect.poll(() => page.getByLabel(column, { exact: true }).count()).toBe(1);
    expect(await page.locator('#top').textContent()).toMatch(new RegExp(`^(${table.classNames.join('|')})$`));
    const raw = [6.1, 2.9, 4.7, 1.4];
    const output = await page.evaluate((row) => (globalThis as any).neuroblocks.predictRow(row), raw);
    const standardised = Float32Array.from(raw, (v, i) => (v - table.table!.columns[i].mean) / table.table!.columns[i].std);
    expect(maxAbsDiff(output, appPredict(tf, project.graph, weights, standardised, [1, 4]))).toBeLessThan(1e-5);
    await page.close();
  });

  it('names an image folder’s classes after its sub-folders', async () => {
    const dir = join(work, 'folder-project');
    for (const name of ['cats', 'dogs']) mkdirSync(join(dir, 'pets', name), { recursive: true });
    const project = { ...example('mnist-mlp'), dataset: { kind: 'imageFolder' as const, path: 'pets' } };
    const named = {
      ...project,
      graph: {
        ...project.graph,
        nodes: project.graph.nodes.map((n) =>
          n.type === 'Dense' && n.params.units === 10 ? { ...n, params: { ...n.params, units: 2 } } : n,
        ),
      },
    };
    await exportProject({ tf, project: named, format: 'web', outDir: join(dir, 'page'), baseDir: dir });
    expect(readFileSync(join(dir, 'page', 'index.html'), 'utf8')).toContain('"labels":["cats","dogs"]');
  });
});
