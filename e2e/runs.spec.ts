import { expect, test } from './fixtures';
import path from 'node:path';
import { selectBlock } from './course';
import { artifacts, consoleErrors, openExample, saveAs, shot, trainOnSamples, TRAINING_CONTROLS, unnamedControls } from './helpers';

test('runs are compared side by side, continued, restored into the editor and deleted', async ({ page }) => {
  test.setTimeout(300_000);
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  await expect(page.getByTestId('total-params')).toHaveText('42,358');
  await saveAs(page, 'runs.nbproj');

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  const status = dock.getByTestId('train-status');

  await test.step('a first short run: 1 epoch on 200 digits', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await trainOnSamples(dock, 200, 1, 16);
  });

  await test.step('a second run with a smaller Dense layer and another learning rate, stopped after its first epoch', async () => {
    await dock.getByRole('button', { name: 'Close the training panel' }).click();
    // From the keyboard: at 1280×720 the canvas opens on the first blocks, and Dense is below them.
    await selectBlock(page, 'dense1');
    await page.getByRole('spinbutton', { name: 'units' }).fill('64');
    await expect(page.getByTestId('total-params')).not.toHaveText('42,358');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByLabel('Learning rate').fill('0.003');
    // Enough epochs that the Stop lands before the end on a fast machine too.
    await dock.getByLabel('Epochs', { exact: true }).fill('10');
    await dock.getByLabel('Batch size').fill('8');
    await dock.getByRole('button', { name: 'Start training' }).click();
    // Epochs of 20 small batches are short: watch every frame, and stop once the first one is done.
    await page.waitForFunction(
      () =>
        /Epoch ([2-9]|10) of 10/.test((globalThis as any).document.querySelector('[data-testid="train-progress-text"]')?.textContent ?? ''),
      undefined,
      { polling: 'raf', timeout: 90_000 },
    );
    await dock.getByRole('button', { name: 'Stop' }).click();
    await expect(status).toHaveText('Stopped', { timeout: 60_000 });
  });

  const rows = dock.getByTestId('runs-table').locator('tbody tr');
  await test.step('the history shows the graph version of each run; two ticked runs compare side by side', async () => {
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await expect(rows).toHaveCount(2);
    const versions = await rows.locator('td:nth-child(4)').allTextContents();
    expect(versions.every((v) => /^v\d+$/.test(v))).toBe(true);
    expect(versions[0]).not.toBe(versions[1]);
    await expect(dock.getByTestId('run-row-2')).toContainText('Stopped');
    await expect(dock.getByTestId('run-row-2').getByRole('button', { name: 'Continue run 2 from its last saved epoch' })).toBeVisible();
    await expect(dock.getByTestId('run-row-1').getByRole('button', { name: /^Continue/ })).toHaveCount(0);

    const compare = dock.getByRole('button', { name: 'Compare the 2 ticked runs' });
    await expect(compare).toBeDisabled();
    await dock.getByRole('checkbox', { name: 'Show run 1 on the chart' }).check();
    await dock.getByRole('checkbox', { name: 'Show run 2 on the chart' }).check();
    // With the keyboard: the dialog opens on Enter and closes on Escape, leaving the panel open.
    await compare.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Run 1 and run 2 side by side' });
    await expect(dialog).toBeVisible();
    const settings = dialog.getByTestId('compare-settings');
    const rate = settings.locator('tr', { hasText: 'Learning rate' });
    await expect(rate).toHaveAttribute('data-differs', 'true');
    await expect(rate).toContainText('0.001');
    await expect(rate).toContainText('0.003');
    await expect(rate).toContainText('≠ differs');
    await expect(settings.locator('tr', { hasText: 'Validation split' })).not.toHaveAttribute('data-differs', 'true');
    const summary = dialog.getByTestId('compare-summary');
    await expect(summary.getByTestId('graph-change')).toHaveText(['Dense “dense1”: units 100 → 64']);
    await expect(summary).toContainText('Learning rate: 0.001 → 0.003');
    await expect(summary).toContainText('Parameters: 42,358 → 27,562');
    await expect(dialog.getByTestId('run-params-1')).toHaveText('42,358 parameters');
    await expect(dialog.getByTestId('run-params-2')).toContainText('(−');
    await expect(dialog.getByTestId('run-2-block-dense1')).toContainText('changed');
    await expect(dialog.getByTestId('run-1-block-conv1')).toContainText('→ 26×26×8');
    expect(await unnamedControls(page, TRAINING_CONTROLS)).toEqual([]);
    await shot(page, 'runs-compare');
    await dialog.getByLabel('Show only what differs').check();
    await expect(settings.locator('tbody tr:not([data-differs])')).toHaveCount(0);
    await shot(page, 'runs-compare-differences');
    await dialog.getByTestId('run-2-block-output').scrollIntoViewIfNeeded();
    await shot(page, 'runs-compare-graphs');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(dock).toBeVisible();

    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('button', { name: 'Comparer les 2 entraînements cochés' }).click();
    const dialogFr = page.getByRole('dialog', { name: 'Entraînements 1 et 2 côte à côte' });
    await expect(dialogFr.getByTestId('compare-summary')).toContainText('Taux d’apprentissage : 0,001 → 0,003');
    await expect(dialogFr.getByTestId('graph-change')).toHaveText(['Dense « dense1 » : units 100 → 64']);
    // Not shot(): its toast dismissal would press this dialog's "Fermer".
    await page.screenshot({ path: path.join(artifacts, 'runs-compare-fr.png') });
    await dialogFr.getByRole('button', { name: 'Fermer', exact: true }).click();
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  });

  await test.step('the stopped run continues from its checkpoint with live progress in the Train tab', async () => {
    await dock.getByRole('button', { name: 'Continue run 2 from its last saved epoch' }).click();
    await expect(dock.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
    await expect(dock.getByTestId('train-continuing')).toContainText(
      /Continuing run 2 from epoch \d+: the curves start with its recorded epochs\./,
    );
    await expect(status).toHaveText('Finished', { timeout: 120_000 });
    await expect(dock.getByTestId('train-final')).toContainText('Trained for 10 epochs.');
    // The final line says where the run went on from.
    await expect(dock.getByTestId('train-final')).toContainText(/Resumed from the checkpoint of epoch \d+/);
    await shot(page, 'runs-continued');
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await expect(dock.getByTestId('run-row-2')).toContainText('Finished');
    await expect(dock.getByTestId('run-row-2')).toContainText('10/10 epochs');
    await shot(page, 'runs-history');
  });

  await test.step("the first run's graph and settings go back into the editor, undoably", async () => {
    await dock.getByRole('button', { name: 'Restore the graph and settings of run 1 into the editor' }).click();
    const confirm = page.getByRole('dialog', { name: 'Restore the graph of run 1?' });
    await expect(confirm).toContainText('The graph in the editor (11 blocks)');
    await expect(confirm).toContainText('adam, rate 0.001, batch 16, 1/1 epoch');
    await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await shot(page, 'runs-restore-confirm');
    await confirm.getByRole('button', { name: 'Restore run 1' }).click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await expect(dock.getByTestId('runs-message')).toHaveText(
      'The graph and settings of run 1 are in the editor. Undo (Ctrl+Z) brings back the previous ones.',
    );
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('total-params')).not.toHaveText('42,358');
    await page.keyboard.press('Control+y');
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await dock.getByRole('tab', { name: 'Train' }).click();
    await expect(dock.getByLabel('Learning rate')).toHaveValue('0.001');
    await expect(dock.getByLabel('Epochs', { exact: true })).toHaveValue('1');
  });

  await test.step('a run is deleted after a confirmation naming it, and stays deleted after a reload', async () => {
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await dock.getByRole('button', { name: 'Delete run 1' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete run 1?' });
    await expect(confirm).toContainText('will be deleted from runs.nbproj with its curves, its saved weights (checkpoints)');
    await shot(page, 'runs-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete run 1' }).click();
    await expect(rows).toHaveCount(1);
    await expect(dock.getByTestId('runs-message')).toHaveText('Run 1 was deleted.');
    await expect(dock.getByTestId('runs-message')).toBeFocused();

    // Not saved by hand: the restored graph was autosaved like any edit. Leaving asks first (the marker still says unsaved).
    page.once('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByTestId('file-runs.nbproj').click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await expect(rows).toHaveCount(1);
    await expect(dock.getByTestId('run-row-2')).toBeVisible();
    await expect(dock.getByTestId('run-row-1')).toHaveCount(0);
  });

  await test.step('in French', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const dockFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
    await expect(dockFr.getByRole('columnheader', { name: 'Version du graphe' })).toBeVisible();
    await expect(dockFr.getByRole('button', { name: 'Supprimer l’entraînement 2' })).toBeVisible();
    await shot(page, 'runs-fr');
  });
  expect(problems).toEqual([]);
});
