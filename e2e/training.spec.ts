import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { consoleErrors, openExample, openTrainingDock, saveAs, shot, tryDrawnOne, TRAINING_CONTROLS, unnamedControls } from './helpers';

/** The final line is inside the panel and wraps rather than running off its side. */
async function expectFits(dock: Locator, final: Locator): Promise<void> {
  const [line, panel] = await Promise.all([final.boundingBox(), dock.boundingBox()]);
  expect(line && panel).toBeTruthy();
  expect(line!.x).toBeGreaterThanOrEqual(panel!.x);
  expect(line!.x + line!.width).toBeLessThanOrEqual(panel!.x + panel!.width + 1);
  expect(await final.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
}

const points = async (page: Page, chart: string) => Number(await page.getByTestId(chart).getAttribute('data-points'));

test('a teacher trains the MNIST CNN from the app, evaluates it and tries it with a drawing', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  await expect(page.getByTestId('total-params')).toHaveText('42,358');

  await test.step('save it as a project file that keeps the runs', async () => {
    await saveAs(page, 'digits.nbproj');
  });

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await test.step('open the Train panel and choose a small, quick run', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(dock).toBeVisible();
    await expect(dock.getByLabel('Data set')).toHaveValue('mnist');
    await expect(dock.getByTestId('train-backend')).toContainText(/Computes on: (wasm|cpu|tensorflow)/, { timeout: 30_000 });
    await dock.getByLabel('Training samples').fill('1000');
    await dock.getByLabel('Epochs', { exact: true }).fill('2');
    await dock.getByLabel('Batch size').fill('8');
    await expect(dock.getByLabel('Optimizer')).toHaveValue('adam');
    await shot(page, 'train-settings');
    expect(await unnamedControls(page, TRAINING_CONTROLS)).toEqual([]);
  });

  await test.step('train, pause and resume, with the charts receiving points', async () => {
    await dock.getByRole('button', { name: 'Start training' }).click();
    await dock.getByRole('button', { name: 'Pause' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Paused');
    // Where the pause lands depends on the machine's speed; that nothing moves while paused does not.
    const progress = dock.getByTestId('train-progress-text');
    await expect(progress).toContainText(/Epoch [12] of 2 · batch \d+ of 100/);
    await expect(progress).toContainText('800 for training, 200 for validation, 10,000 for the test');
    await shot(page, 'train-paused');
    const whilePaused = await points(page, 'chart-loss');
    const progressWhilePaused = await progress.textContent();
    await page.waitForTimeout(500);
    expect(await points(page, 'chart-loss')).toBe(whilePaused);
    expect(await progress.textContent()).toBe(progressWhilePaused);
    await dock.getByRole('button', { name: 'Resume' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 60_000 });
    // Batch points and one point per epoch for the epoch means and validation.
    expect(await points(page, 'chart-loss')).toBeGreaterThan(whilePaused);
    expect(await points(page, 'chart-loss')).toBeGreaterThanOrEqual(4);
    await expect(dock.getByTestId('train-final')).toContainText(/Trained for 2 epochs\. Test accuracy: \d+(\.\d)?%\./);
    await expect(dock.locator('.u-legend')).toHaveCount(2);
    await shot(page, 'train-finished');
  });

  await test.step('a longer run is stopped once its first epoch is done', async () => {
    await dock.getByLabel('Epochs', { exact: true }).fill('50');
    await dock.getByLabel('Seed').fill('2');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-progress-text')).toContainText(/Epoch ([2-9]|\d\d) of 50/, { timeout: 60_000 });
    await dock.getByRole('button', { name: 'Stop' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Stopped', { timeout: 60_000 });
    await expect(dock.getByTestId('train-final')).toContainText(/Stopped by you after \d+ complete epochs?\./);
  });

  await test.step('the run ends in the words the Runs panel and the command line use, in English and in French, on one screen', async () => {
    // The dock by its id: its accessible name changes with the language.
    const panel = page.locator('#training-dock');
    const final = panel.getByTestId('train-final');
    const language = page.getByRole('combobox', { name: /^(Language|Langue)$/ });
    await expectFits(panel, final);
    await shot(page, 'final-words-stopped-en', final);
    const words = (await final.textContent())!.match(/^Stopped by you after \d+ complete epochs?\./)![0];
    await language.selectOption('fr');
    await expect(final).toHaveText(/^Arrêté par vous après \d+ époques? complètes?\. Exactitude sur le test\s:\s\d+(,\d)?\s%\.$/);
    await expectFits(panel, final);
    await shot(page, 'final-words-stopped-fr', final);
    const mots = (await final.textContent())!.match(/^Arrêté par vous après \d+ époques? complètes?\./)![0];
    // The Runs panel says why the run ended in the very words of the Train panel.
    await panel.getByRole('tab', { name: 'Historique' }).click();
    const why = panel.getByTestId('run-status-2').locator('.run-ended-why');
    await expect(why).toHaveText(mots);
    await language.selectOption('en');
    await expect(why).toHaveText(words);
  });

  await test.step('the confusion matrix opens the test digits of a cell', async () => {
    await dock.getByRole('tab', { name: 'Evaluate' }).click();
    await expect(dock.getByTestId('test-accuracy')).toContainText('on 10,000 samples');
    const matrix = dock.getByTestId('confusion-matrix');
    await expect(matrix.locator('tbody tr')).toHaveCount(10);
    await expect(dock.getByTestId('per-class').locator('tbody tr')).toHaveCount(10);
    const ones = matrix.getByRole('button', { name: /samples of 1 answered as 1$/ });
    // The cell writes the count as the sentence below does (1,082).
    const count = Number((await ones.textContent())!.replace(/,/g, ''));
    expect(count).toBeGreaterThan(0);
    await ones.click();
    const cell = dock.getByTestId('cell-samples');
    await expect(cell.getByRole('heading')).toHaveText('True 1, answered 1');
    await expect(cell.locator('canvas')).toHaveCount(Math.min(30, count));
    await expect(cell).toContainText(`of ${count.toLocaleString('en-US')}, the most confident answers first`);
    await shot(page, 'evaluate');
  });

  await test.step('a drawn digit gets class probabilities', async () => {
    await tryDrawnOne(page, dock);
    await shot(page, 'try-it');
    await dock.getByRole('button', { name: 'Clear' }).click();
    await expect(dock.getByTestId('try-answer')).toHaveCount(0);
  });

  await test.step('the settings are saved with the project; both runs are in the history after a reload, and their curves overlay', async () => {
    // A .nbproj project keeps itself up to date: the settings changed for training are autosaved.
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
    await page.reload();
    await page.getByTestId('file-digits.nbproj').click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(dock.getByLabel('Training samples')).toHaveValue('1000');
    await expect(dock.getByLabel('Batch size')).toHaveValue('8');
    await expect(dock.getByLabel('Seed')).toHaveValue('2');
    await dock.getByRole('tab', { name: 'Runs' }).click();
    const rows = dock.getByTestId('runs-table').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Stopped');
    await expect(rows.nth(1)).toContainText('Finished');
    await expect(rows.nth(1)).toContainText('adam, rate 0.001, batch 8, 2/2 epochs');
    await dock
      .getByRole('checkbox', { name: /Show run \d+ on the chart/ })
      .first()
      .check();
    await dock
      .getByRole('checkbox', { name: /Show run \d+ on the chart/ })
      .last()
      .check();
    await expect(dock.getByTestId('runs-overlay').locator('canvas')).toHaveCount(1);
    await shot(page, 'runs');
  });

  await test.step('the panel speaks French', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const dockFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
    await dockFr.getByRole('tab', { name: 'Entraîner' }).click();
    await expect(dockFr.getByRole('button', { name: 'Lancer l’entraînement' })).toBeVisible();
    await shot(page, 'train-fr');
  });
  expect(problems).toEqual([]);
});

test('a learning rate far too high gets plain-words advice', async ({ page }) => {
  await openTrainingDock(page, 'mnist-mlp');
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await dock.getByLabel('Training samples').fill('300');
  await dock.getByLabel('Epochs', { exact: true }).fill('3');
  await dock.getByLabel('Optimizer').selectOption('sgd');
  await dock.getByLabel('Learning rate').fill('10');
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(dock.getByTestId('train-guidance')).toContainText('the learning rate is too high');
  await expect(dock.getByTestId('train-guidance')).toContainText('try 1)');
  await shot(page, 'train-guidance');

  // The tabs follow the arrow keys, and Escape closes the panel.
  await dock.getByRole('tab', { name: 'Train' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(dock.getByRole('tab', { name: 'Evaluate' })).toBeFocused();
  await expect(dock.getByRole('tab', { name: 'Evaluate' })).toHaveAttribute('aria-selected', 'true');
  await expect(dock.getByTestId('test-accuracy')).toContainText('Test accuracy');
  await page.keyboard.press('Escape');
  await expect(dock).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeFocused();
});
