// "Import a network…" through the web host at 1280×720: a small ONNX file uploaded from the home
// screen opens as a project with its blocks and its parameter count; an unsupported operator is
// refused by name, in English and French, and nothing is kept.
import { expect, test } from './fixtures';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { convThen, int, mobileLike, node } from '../core/import/onnx-test-models';
import { consoleErrors, shot, url } from './helpers';

/** The web host's projects folder in the test's home (Documents/Neuroblocks, or Neuroblocks without Documents). */
const projectsDirs = () =>
  ['Documents/Neuroblocks', 'Neuroblocks'].map((d) => path.join(process.env.NEUROBLOCKS_E2E_HOME ?? '', d)).filter((d) => existsSync(d));

test('a network file uploaded from the home screen opens as a project; a refused one is named', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto(url());
  await page.getByTestId('language').selectOption('en');

  await test.step('an ONNX file becomes a project, shown with its blocks', async () => {
    await page
      .getByLabel('Import a network…')
      .setInputFiles({ name: 'mobile.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(mobileLike()) });
    const dialog = page.getByTestId('network-import');
    await expect(dialog.getByTestId('network-import-result')).toContainText(/Imported as a new project: 15 blocks, [\d,]+ parameters/, {
      timeout: 60_000,
    });
    await expect(dialog).toContainText('Read 19 ONNX operators');
    await expect(page.locator('.react-flow__node')).toHaveCount(15);
    await page.screenshot({ path: path.join(path.resolve(import.meta.dirname, 'artifacts'), 'network-import-done.png') });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue('mobile');
    await shot(page, 'network-import-project');
  });

  await test.step('in an empty project, a network added as a pretrained base is shown first and cut where chosen (before the classifier by default), undoably', async () => {
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByTestId('new-empty').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page
      .getByLabel('Add a pretrained base from a file…')
      .setInputFiles({ name: 'mobile.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(mobileLike()) });
    const dialog = page.getByTestId('network-import');
    await expect(dialog.getByTestId('network-import-facts')).toContainText(/^mobile: 15 blocks, [\d,]+ parameters \(ONNX\)\./, {
      timeout: 60_000,
    });
    const cut = dialog.getByLabel('The base ends with the block');
    await expect(cut.locator('option:checked')).toHaveText('flat.Flatten (Flatten → 48) — the block before the classifier');
    // Every block but the Input can end the base: 14 choices.
    await expect(cut.locator('option')).toHaveCount(14);
    // Readable on a projector: no text of the dialog under 12 px, and nothing cut off at 1280×720.
    const layout = await dialog.evaluate((element) => {
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle;
      let smallest = Infinity;
      for (const e of element.querySelectorAll('*'))
        if (e.textContent?.trim()) smallest = Math.min(smallest, parseFloat(style(e).fontSize));
      const box = element.getBoundingClientRect();
      const overflowing = [...element.querySelectorAll('p, select, button, label')].filter(
        (e) =>
          (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth >
          (e as unknown as { clientWidth: number }).clientWidth + 1,
      ).length;
      return { smallest, right: box.right, bottom: box.bottom, overflowing };
    });
    expect(layout.smallest).toBeGreaterThanOrEqual(12);
    expect(layout.right).toBeLessThanOrEqual(1280);
    expect(layout.bottom).toBeLessThanOrEqual(720);
    expect(layout.overflowing).toBe(0);
    await page.screenshot({ path: path.resolve(import.meta.dirname, '../test-results/base-from-file-cut-dialog.png') });
    await shot(page, 'network-import-cut');
    await dialog.getByRole('button', { name: 'Add the base' }).click();
    await expect(dialog.getByTestId('network-import-result')).toContainText(
      /Added as a frozen base ending with “flat\.Flatten”: 12 blocks, 264 frozen parameters, with their weights\. Undo takes it out\./,
      { timeout: 60_000 },
    );
    await dialog.getByRole('button', { name: 'Close' }).click();
    const base = page.locator('.base-node');
    await expect(base).toHaveCount(1);
    await expect(base).toContainText('→ 48');
    await shot(page, 'network-import-base');
    // One undo step takes the base (and the Input it brought) out; redo puts it back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await expect(base).toHaveCount(1);
  });

  await test.step('a cancelled choice adds nothing and keeps no upload', async () => {
    await page
      .getByLabel('Add a pretrained base from a file…')
      .setInputFiles({ name: 'mobile.onnx', mimeType: 'application/octet-stream', buffer: Buffer.from(mobileLike()) });
    const dialog = page.getByTestId('network-import');
    await expect(dialog.getByLabel('The base ends with the block')).toBeVisible({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.base-node')).toHaveCount(1);
  });

  await test.step('an operator the app cannot express is refused by name, in English and in French', async () => {
    await page.getByRole('button', { name: 'Home' }).click();
    const odd = {
      name: 'odd.onnx',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(convThen(node('LRN', ['c'], ['y'], 'norm1/LRN', [int('size', 3)]))),
    };
    await page.getByLabel('Import a network…').setInputFiles(odd);
    const error = page.getByTestId('network-import-error');
    await expect(error).toContainText('odd.onnx cannot be imported: LRN node "norm1/LRN": the app has no block for the ONNX operator LRN', {
      timeout: 60_000,
    });
    await page.screenshot({ path: path.join(path.resolve(import.meta.dirname, 'artifacts'), 'network-import-refused.png') });
    await page.getByTestId('network-import').getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('language').selectOption('fr');
    await page.getByLabel('Importer un réseau…').setInputFiles(odd);
    await expect(error).toContainText('odd.onnx ne peut pas être importé', { timeout: 60_000 });
    await expect(error).toContainText('norm1/LRN');
    await page.getByTestId('network-import').getByRole('button', { name: 'Fermer' }).click();
    await page.getByTestId('language').selectOption('en');
  });

  const kept = projectsDirs().flatMap((d) => readdirSync(d));
  expect(kept).toContain('mobile.nbproj');
  expect(kept.filter((f) => f.startsWith('odd') || f.startsWith('.network-upload-'))).toEqual([]);
  expect(errors).toEqual([]);
});
