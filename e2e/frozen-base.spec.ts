import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { consoleErrors, shot, url } from './helpers';

// Transfer learning: a project whose convolutions are frozen trains only its head, and the Train
// panel says so in one line, in English and in French; a Dropout before the base says why not.

const frozen = { trainable: false };

function project(name: string, first: { id: string; type: string; params: Record<string, unknown> }[]) {
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [28, 28, 1] } },
    ...first,
    { id: 'c1', type: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu', ...frozen } },
    { id: 'p1', type: 'MaxPooling2D', params: { poolSize: 2 } },
    { id: 'c2', type: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu', ...frozen } },
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ];
  return {
    format: 'neuroblocks.project',
    version: 1,
    name,
    graph: { nodes, edges: nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id })) },
    dataset: { kind: 'builtin', name: 'mnist', size: 300 },
    training: {
      optimizer: 'adam',
      learningRate: 0.003,
      loss: 'categoricalCrossentropy',
      batchSize: 32,
      epochs: 1,
      validationSplit: 0.2,
      seed: 1,
    },
  };
}

async function openAndTrain(page: Page, name: string, text: string) {
  await page.goto(url());
  await page
    .getByText('Open a project file (.nbproj or .json) from this computer…')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 120_000 });
  return dock;
}

test('a frozen base is computed once per image, and the Train panel says so in English and French', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  const dock = await openAndTrain(page, 'frozen-base.json', JSON.stringify(project('Frozen base', [])));
  await expect(dock.getByTestId('train-frozen-base')).toHaveText(
    'The frozen base (4 blocks) is computed once per image; only the head trains.',
  );
  await page.getByTestId('language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The dock's own name is French now: the line is found by its test id.
  await expect(page.getByTestId('train-frozen-base')).toHaveText(
    'La base gelée (4 blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
  );
  await page.getByTestId('language').selectOption('en');
  expect(problems).toEqual([]);
});

test('a Dropout before the frozen blocks: the Train panel says why the base runs at every step', async ({ page }) => {
  test.setTimeout(240_000);
  const dock = await openAndTrain(
    page,
    'dropout-first.json',
    JSON.stringify(project('Dropout first', [{ id: 'drop', type: 'Dropout', params: { rate: 0.1 } }])),
  );
  await expect(dock.getByTestId('train-frozen-base')).toHaveText(
    'The frozen blocks run at every step: the Dropout "drop" block comes before them: it drops other values at every step.',
  );
});

test('while the frozen base is computed, the Train panel shows how many images are done, with a bar, in English and French', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const problems = consoleErrors(page);
  // A base heavy enough to take a while on the CPU: two frozen convolutions of 64 and 128 filters, over 8,000 digits.
  const heavy = project('Heavy frozen base', []);
  heavy.dataset.size = 8000;
  const conv2 = heavy.graph.nodes.find((n) => n.id === 'c2')!;
  conv2.params = { ...conv2.params, filters: 128 };
  const c1 = heavy.graph.nodes.find((n) => n.id === 'c1')!;
  c1.params = { ...c1.params, filters: 64 };
  await page.goto(url());
  await page
    .getByText('Open a project file (.nbproj or .json) from this computer…')
    .setInputFiles({ name: 'heavy-frozen-base.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(heavy)) });
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dock.getByRole('button', { name: 'Start training' }).click();
  const status = page.getByTestId('train-status');
  const bar = status.getByRole('progressbar');
  await expect(status).toHaveText(/^\s*Computing the frozen base once: [\d,]+ of [\d,]+ images…$/, { timeout: 120_000 });
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
  const of = Number(await bar.getAttribute('max'));
  expect(of).toBeGreaterThan(6000);
  await expect(status).toContainText(`of ${of.toLocaleString('en-US')} images…`);
  // On a projector: the line has a row of its own under Pause and Stop, its bar as tall as the epoch's bar and centred on
  // the words, nothing cut off.
  const looks = async () => {
    const line = (await status.boundingBox())!;
    const box = (await bar.boundingBox())!;
    // The dock's name changes with the language: it is found by its id.
    const panel = page.locator('#training-dock');
    const epochBar = (await panel.locator('.train-progress progress').boundingBox())!;
    const pause = (await panel.getByRole('button', { name: /Pause/ }).boundingBox())!;
    expect(line.y).toBeGreaterThanOrEqual(pause.y + pause.height);
    expect(Math.abs(line.x - pause.x)).toBeLessThanOrEqual(1);
    expect(box.height).toBeGreaterThanOrEqual(epochBar.height - 1);
    expect(box.width).toBeGreaterThanOrEqual(200);
    expect(Math.abs(box.y + box.height / 2 - (line.y + line.height / 2))).toBeLessThanOrEqual(3);
    expect(await status.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  };
  await looks();
  await shot(page, 'frozen-base-progress');
  // For the README: the panel from the frozen-base line to the epoch's line (above them, the engine's notes name this computer's files).
  const panel = (await page.locator('#training-dock').boundingBox())!;
  const top = (await page.getByTestId('train-frozen-base').boundingBox())!.y - 12;
  const epochLine = (await page.getByTestId('train-progress-text').boundingBox())!;
  mkdirSync(path.resolve(import.meta.dirname, '../assets/screenshots'), { recursive: true });
  await page.screenshot({
    path: path.resolve(import.meta.dirname, '../assets/screenshots/frozen-base-progress.png'),
    clip: { x: panel.x, y: top, width: panel.width, height: epochLine.y + epochLine.height + 6 - top },
  });
  await page.getByTestId('language').selectOption('fr');
  await expect(status).toHaveText(/^\s*Calcul unique de la base gelée\s:\s[\d\s\u202f]+ images sur [\d\s\u202f]+…$/);
  await looks();
  await shot(page, 'frozen-base-progress-fr');
  await page.getByTestId('language').selectOption('en');
  // Stopped while the base is computed, the run ends there.
  await page.locator('#training-dock').getByRole('button', { name: 'Stop' }).click();
  await expect(status).not.toContainText('Computing the frozen base', { timeout: 60_000 });
  expect(problems).toEqual([]);
});
