import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const artifacts = path.resolve(import.meta.dirname, 'artifacts');
mkdirSync(artifacts, { recursive: true });

const url = () => {
  const value = process.env.NEUROBLOCKS_URL;
  if (!value) throw new Error('NEUROBLOCKS_URL is not set: the global setup starts the web host.');
  return value;
};

async function shot(page: Page, name: string): Promise<void> {
  const close = page.getByRole('button', { name: /Dismiss|Fermer/ });
  while (await close.count()) await close.first().click({ timeout: 1000 }).catch(() => undefined);
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

test('the code view follows the graph, and the model exports to ONNX from the dialog', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
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
    expect(problems).toEqual([]);
  } finally {
    rmSync(path.dirname(outDir), { recursive: true, force: true });
  }
});
