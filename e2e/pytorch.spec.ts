import { expect, test } from './fixtures';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './web-host';
import {
  consoleErrors,
  expectOneFinishedRun,
  oneEpochTestAccuracy,
  openExample,
  saveAs,
  shot,
  tryDrawnOne,
  TRAINING_CONTROLS,
  unnamedControls,
} from './helpers';

test('a practitioner trains the MNIST CNN on PyTorch from the app, finds the run recorded, and tries the model', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  await saveAs(page, 'torch-digits.nbproj');

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await test.step('the Train panel finds PyTorch, its version and what it sees', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    // Debian's python3-torch, found on PATH.
    await expect(dock.getByTestId('train-engine-status')).toContainText(/PyTorch \d+\.\d+\S* with \S*python3 · sees CPU \(\d+ threads?\)/, {
      timeout: 30_000,
    });
    const engine = dock.getByLabel('Engine');
    await expect(engine).toHaveValue('tfjs');
    await expect(engine.locator('option[value="pytorch"]')).toBeEnabled();
    await engine.selectOption('pytorch');
    const device = dock.getByLabel('Device');
    await expect(device.locator('option')).toHaveText(['Automatic (best found)', /^CPU \(\d+ threads?\)$/]);
    await device.selectOption('cpu');
    await expect(dock.getByTestId('train-backend')).toHaveText(/^Computes on: pytorch — PyTorch \d+\.\d+\S* · CPU \(\d+ threads?\)$/);
    await expect(dock.getByLabel('Processes')).toHaveValue('1');
    await dock.getByLabel('Training samples').fill('2000');
    await dock.getByLabel('Epochs', { exact: true }).fill('1');
    await dock.getByLabel('Batch size').fill('16');
    await shot(page, 'pytorch-settings');
    expect(await unnamedControls(page, TRAINING_CONTROLS)).toEqual([]);
  });

  await test.step('one epoch trains on PyTorch and ends with its test accuracy', async () => {
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
    await expect(dock.getByTestId('train-backend')).toContainText(/Computes on: pytorch — PyTorch \d+\.\d+\S* · CPU/);
    // 100 batches of 16 digits: far above chance (10 %).
    expect(await oneEpochTestAccuracy(dock)).toBeGreaterThan(50);
    await shot(page, 'pytorch-trained');
  });

  await test.step('the run is recorded with its engine and device', async () => {
    await expectOneFinishedRun(dock);
    await expect(dock.getByTestId(/^run-engine-/)).toHaveText(/^PyTorch \(PyTorch \d+\.\d+\S* · CPU \(\d+ threads?\)\)$/);
    await shot(page, 'pytorch-runs');
  });

  await test.step('the PyTorch-trained model answers a drawn digit', async () => {
    await tryDrawnOne(page, dock);
    await shot(page, 'pytorch-try-it');
  });
  expect(problems).toEqual([]);
});

test('without a Python that has torch, the PyTorch choice is disabled and says why, in English and French', async ({ page }) => {
  test.setTimeout(150_000);
  const home = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-e2e-nopython-'));
  // A host whose PATH has no Python at all.
  const savedPath = process.env.PATH;
  process.env.PATH = path.join(home, 'no-bin');
  let started;
  try {
    started = await startServer(home);
  } finally {
    process.env.PATH = savedPath;
  }
  try {
    await page.goto(started.url);
    await page.getByTestId('example-mnist-cnn').click();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
    await expect(dock.getByTestId('train-engine-status')).toHaveText(
      /^PyTorch cannot be used: No Python found: install Python 3 with PyTorch, or set its path/,
      { timeout: 30_000 },
    );
    await expect(dock.getByLabel('Engine').locator('option[value="pytorch"]')).toBeDisabled();
    await expect(dock.getByLabel('Engine').locator('option[value="pytorch"]')).toHaveText('PyTorch — unavailable');
    await shot(page, 'pytorch-unavailable');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const dockFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
    await expect(dockFr.getByTestId('train-engine-status')).toHaveText(
      /^PyTorch ne peut pas être utilisé\s: Aucun Python trouvé\s: installez Python 3 avec PyTorch/,
    );
    await expect(dockFr.getByLabel('Moteur')).toHaveValue('tfjs');
    await shot(page, 'pytorch-unavailable-fr');
  } finally {
    started.server.kill();
    rmSync(home, { recursive: true, force: true });
  }
});
