import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { consoleErrors, projectsFolder, shot, url } from './helpers';

test('the code view follows the graph, and the model exports to ONNX from the dialog', async ({ page }) => {
  const problems = consoleErrors(page);
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-export-e2e-')), 'mnist-onnx');
  try {
    await page.goto(url());
    await page.getByTestId('example-mnist-cnn').click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await page.getByTestId('node-conv1').click();

    const panel = page.getByRole('complementary', { name: 'Code of the model' });
    const code = panel.getByTestId('code-view');
    await test.step('open the code view from the keyboard and read the Keras code', async () => {
      const toggle = page.getByRole('button', { name: 'Code', exact: true });
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle).toHaveAttribute('aria-expanded', 'true');
      await expect(panel.getByRole('tab', { name: 'Keras' })).toHaveAttribute('aria-selected', 'true');
      await expect(code).toContainText('layers.Conv2D(8, 3, activation="relu", name="conv1")');
      // The selected block's line stands out.
      await expect(code.locator('.code-line--selected')).toHaveText(/layers\.Conv2D\(8, 3/);
      await shot(page, 'export-code-keras');
    });

    await test.step('switch to PyTorch with the arrow key', async () => {
      await panel.getByRole('tab', { name: 'Keras' }).focus();
      await page.keyboard.press('ArrowRight');
      await expect(panel.getByRole('tab', { name: 'PyTorch' })).toHaveAttribute('aria-selected', 'true');
      await expect(code).toContainText('self.conv1 = nn.Conv2d(1, 8, kernel_size=3)');
      await expect(code.locator('.code-line--selected').first()).toContainText('nn.Conv2d(');
    });

    await test.step('change the filters in the inspector: both codes follow', async () => {
      await page.getByTestId('param-filters').fill('12');
      await expect(code).toContainText('self.conv1 = nn.Conv2d(1, 12, kernel_size=3)');
      await expect(code).toContainText('nn.Conv2d(12, 16');
      await panel.getByRole('tab', { name: 'Keras' }).click();
      await expect(code).toContainText('layers.Conv2D(12, 3, activation="relu", name="conv1")');
      await expect(page.getByTestId('total-params')).not.toHaveText('42,358');
      await shot(page, 'export-code-updated');
    });

    await test.step('a graph that cannot be written says which block to fix', async () => {
      await page.getByTestId('param-filters').fill('0');
      await expect(code.getByTestId('code-error')).toContainText('conv1');
      await expect(code).toContainText('The Keras code of this graph cannot be written:');
      await shot(page, 'export-code-error');
      await page.getByTestId('param-filters').fill('12');
      await expect(code).toContainText('layers.Conv2D(12, 3');
    });

    await test.step('export to ONNX into a chosen folder', async () => {
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export the model' });
      await expect(dialog).toBeVisible();
      const folder = dialog.getByRole('textbox', { name: 'Folder to export into' });
      // Prefilled in the projects folder of the web host, after the project and the format.
      await expect(folder).toHaveValue(/exports[\\/]mnist-cnn-tfjs$/);
      await dialog.getByRole('radio', { name: 'ONNX' }).check();
      await expect(folder).toHaveValue(/exports[\\/]mnist-cnn-onnx$/);
      await expect(dialog.getByRole('combobox', { name: 'Weights' })).toHaveValue('untrained');
      await folder.fill(outDir);
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
      const outcome = dialog.getByTestId('export-outcome');
      await expect(outcome).toContainText('model.onnx', { timeout: 20_000 });
      await expect(outcome).toContainText(outDir);
      await shot(page, 'export-dialog-done');
      expect(existsSync(path.join(outDir, 'model.onnx'))).toBe(true);
      expect(statSync(path.join(outDir, 'model.onnx')).size).toBeGreaterThan(10_000);
    });

    await test.step('a relative folder is refused in plain words', async () => {
      const dialog = page.getByRole('dialog', { name: 'Export the model' });
      await dialog.getByRole('textbox', { name: 'Folder to export into' }).fill('models/onnx');
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
      await expect(dialog.getByRole('alert')).toContainText('Write the full path of the folder');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toBeHidden();
    });
    await test.step('in French', async () => {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await expect(page.getByRole('button', { name: 'Exporter…' })).toBeVisible();
      const panelFr = page.getByRole('complementary', { name: 'Code du modèle' });
      await expect(panelFr.getByRole('button', { name: 'Copier' })).toBeVisible();
      await page.getByRole('button', { name: 'Exporter…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Exporter le modèle' });
      await expect(dialog.getByRole('radio', { name: 'Page web de démonstration' })).toBeVisible();
      await expect(dialog.getByRole('textbox', { name: 'Dossier où exporter' })).toBeVisible();
      await shot(page, 'export-dialog-fr');
      await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
    });
    expect(problems).toEqual([]);
  } finally {
    rmSync(path.dirname(outDir), { recursive: true, force: true });
  }
});

test('a run recorded in a project file exports with its trained weights, and the export is logged in the file', async ({ page }) => {
  const projectsDir = projectsFolder();
  mkdirSync(projectsDir, { recursive: true });
  const file = path.join(projectsDir, 'digits-export.nbproj');
  rmSync(file, { force: true });
  // One quick real run on 200 digits, recorded in the project file by the command line.
  execFileSync(
    process.execPath,
    ['bin/neuroblocks.js', 'train', 'projects/mnist-cnn.json', '--save', file, '--size', '200', '--epochs', '1'],
    { cwd: path.resolve(import.meta.dirname, '..'), stdio: 'pipe' },
  );
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-export-e2e-')), 'digits-tfjs');
  try {
    await page.goto(url());
    await page.getByTestId('file-digits-export.nbproj').click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the model' });
    const weights = dialog.getByRole('combobox', { name: 'Weights' });
    // The latest run's best checkpoint is offered first.
    await expect(weights).toHaveValue('1:best');
    await expect(weights.locator('option')).toHaveText([
      /^Untrained/,
      /^Run 1: best epoch, \d+(\.\d)?% validation accuracy$/,
      'Run 1: last epoch (1 epoch trained)',
    ]);
    await expect(dialog).toContainText('A run is exported with the graph it trained');
    await dialog.getByRole('radio', { name: 'TensorFlow.js' }).check();
    await dialog.getByRole('textbox', { name: 'Folder to export into' }).fill(outDir);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByTestId('export-outcome')).toContainText('With the trained weights.', { timeout: 20_000 });
    await expect(dialog.getByTestId('export-outcome')).toContainText('model.json');
    await shot(page, 'export-dialog-trained');
    expect(JSON.parse(readFileSync(path.join(outDir, 'model.json'), 'utf8'))).toHaveProperty('weightsManifest');
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT run_id AS runId, format, path FROM exports').all()).toEqual([{ runId: 1, format: 'tfjs', path: outDir }]);
    } finally {
      db.close();
    }
  } finally {
    rmSync(path.dirname(outDir), { recursive: true, force: true });
    rmSync(file, { force: true });
  }
});

test('exporting into a folder that holds files of the export asks first, naming them, and replaces them only when confirmed', async ({
  page,
}) => {
  const problems = consoleErrors(page);
  const outDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-export-e2e-')), 'my-site');
  mkdirSync(outDir);
  writeFileSync(path.join(outDir, 'index.html'), '<p>my own page</p>');
  writeFileSync(path.join(outDir, 'model.json'), '{"mine": true}');
  writeFileSync(path.join(outDir, 'notes.txt'), 'keep me');
  try {
    await page.goto(url());
    await page.getByTestId('example-spirals-mlp').click();
    await expect(page.getByTestId('total-params')).not.toBeEmpty();
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the model' });
    await dialog.getByRole('radio', { name: 'Web demo page' }).check();
    await dialog.getByRole('textbox', { name: 'Folder to export into' }).fill(outDir);
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();

    const confirm = page.getByRole('dialog', { name: 'Replace files in this folder?' });
    await expect(confirm).toBeVisible({ timeout: 20_000 });
    await expect(confirm).toContainText(`The folder ${outDir} already holds 2 files this export writes:`);
    await expect(confirm.getByRole('listitem')).toHaveText(['model.json', 'index.html']);
    await expect(confirm.getByRole('button', { name: 'Replace' })).toBeInViewport();
    await shot(page, 'export-replace-confirm');

    await test.step('cancel: nothing is written', async () => {
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await expect(confirm).toBeHidden();
      await expect(dialog.getByTestId('export-outcome')).toBeEmpty();
      expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toBe('<p>my own page</p>');
      expect(readFileSync(path.join(outDir, 'model.json'), 'utf8')).toBe('{"mine": true}');
    });

    await test.step('export again and replace', async () => {
      await dialog.getByRole('button', { name: 'Export', exact: true }).click();
      await confirm.getByRole('button', { name: 'Replace' }).click();
      await expect(dialog.getByTestId('export-outcome')).toContainText('index.html', { timeout: 20_000 });
      // What was written is brought into view, below the fold of a 720-pixel screen.
      await expect(dialog.getByTestId('export-outcome').getByText('index.html')).toBeInViewport();
      expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).toContain('<!doctype html>');
      expect(JSON.parse(readFileSync(path.join(outDir, 'model.json'), 'utf8'))).toHaveProperty('modelTopology');
      expect(readFileSync(path.join(outDir, 'notes.txt'), 'utf8')).toBe('keep me');
      await shot(page, 'export-replace-done');
    });
    expect(problems).toEqual([]);
  } finally {
    rmSync(path.dirname(outDir), { recursive: true, force: true });
  }
});
