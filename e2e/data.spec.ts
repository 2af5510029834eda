import { expect, test } from './fixtures';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { variedColourPng } from './colours';
import { consoleErrors, openTrainingDock, shot } from './helpers';

let tmp: string;
test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-data-e2e-'));
  const folder = path.join(tmp, 'shapes');
  const classes: [string, [number, number, number], number][] = [
    ['circle', [220, 40, 40], 9],
    ['square', [40, 60, 220], 9],
    ['star', [40, 200, 60], 2],
  ];
  for (const [name, colour, count] of classes) {
    mkdirSync(path.join(folder, name), { recursive: true });
    for (let i = 0; i < count; i++) writeFileSync(path.join(folder, name, `${name}-${i}.png`), await variedColourPng(colour, i));
  }
  // A PNG cut short, as a failed download leaves it, and a file that is no image at all.
  writeFileSync(path.join(folder, 'circle', 'broken.png'), (await variedColourPng([0, 0, 0], 0)).subarray(0, 60));
  writeFileSync(path.join(folder, 'square', 'notes.txt'), 'taken on Monday');
  writeFileSync(
    path.join(tmp, 'flowers.csv'),
    [
      'length,width,flower,size',
      ...Array.from({ length: 12 }, (_, i) => `${1 + i / 10},${2 + (i % 3)},${i % 2 ? 'rose' : 'tulip'},${i}`),
    ].join('\n'),
  );
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('a teacher previews MNIST, imports a folder of images and a CSV table, and trains on the images', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  const dock = await openTrainingDock(page);
  const tabs = dock.getByRole('tab');
  await expect(tabs.first()).toHaveText('Data');

  await test.step('the Data tab previews MNIST: ten classes with their counts and digits', async () => {
    await dock.getByRole('tab', { name: 'Data' }).click();
    await expect(dock.getByRole('radio', { name: /MNIST digits/ })).toBeChecked();
    const rows = dock.getByTestId('data-class');
    await expect(rows).toHaveCount(10);
    await expect(dock.getByTestId('data-summary')).toHaveText(
      '10 classes · 8,000 samples for training · 10,000 kept for the final test · each sample 28×28×1',
    );
    await expect(rows.first()).toContainText(/^0\d{3} train · \d{3} test$/);
    await expect(rows.first().getByRole('img')).toHaveCount(8);
    await expect(dock.getByTestId('data-fit-input')).toHaveCount(0);
    await shot(page, 'data-mnist');
  });

  await test.step('the Train tab shows the same data set and leads back here', async () => {
    await dock.getByRole('tab', { name: 'Train' }).click();
    await expect(dock.getByLabel('Data set')).toHaveValue('mnist');
    await dock.getByRole('button', { name: 'Preview or import…' }).click();
    await expect(dock.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  });

  await test.step('an uploaded image folder shows its classes, the imbalance, the broken image and the refused file', async () => {
    await dock.getByTestId('data-folder-input').setInputFiles(path.join(tmp, 'shapes'));
    await expect(dock.getByText(/shapes imported: 21 files\./)).toBeVisible({ timeout: 30_000 });
    await expect(dock.getByTestId('data-current')).toContainText(/datasets[/\\]shapes/);
    const rows = dock.getByTestId('data-class');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(2)).toContainText('star');
    await expect(rows.nth(2)).toContainText('2 train · 0 test');
    await expect(rows.nth(0).getByRole('img')).toHaveCount(8);
    await expect(dock.getByTestId('data-warning')).toContainText(
      'The classes are strongly imbalanced: "circle" has 7 samples but "star" only 2.',
    );
    await expect(dock.getByTestId('data-skipped')).toContainText('1 file skipped');
    await expect(dock.getByTestId('data-skipped')).toContainText(/circle.broken\.png — cannot be decoded/);
    await dock.getByTestId('data-refused').locator('summary').click();
    await expect(dock.getByTestId('data-refused')).toContainText('square/notes.txt — not a PNG, JPEG or WebP image');
    await expect(dock.getByTestId('data-fit-input')).toContainText(
      'The images are 16×16×3, but the Input block "input" expects 28×28×1: they will be resized and turned into grey levels. To keep them as they are, set its shape to [16, 16, 3].',
    );
    await expect(dock.getByTestId('data-fit-units')).toContainText('The data set has 3 classes, but the output block');
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'data-images');
  });

  await test.step('one click each fits the Input shape and the output units to the images', async () => {
    await dock.getByRole('button', { name: 'Set the Input shape to [16, 16, 3]' }).click();
    await dock.getByRole('button', { name: 'Set units to 3' }).click();
    await expect(dock.getByTestId('data-fit-input')).toHaveCount(0);
    await expect(dock.getByTestId('data-fit-units')).toHaveCount(0);
  });

  await test.step('training one epoch on the imported images gives a test accuracy', async () => {
    await dock.getByRole('tab', { name: 'Train' }).click();
    await expect(dock.getByLabel('Data set')).toHaveValue('');
    await expect(dock.getByLabel('Data set').locator('option:checked')).toHaveText(/shapes$/);
    await dock.getByLabel('Epochs', { exact: true }).fill('1');
    await dock.getByLabel('Batch size').fill('4');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
    await expect(dock.getByTestId('train-final')).toContainText(/Trained for 1 epoch\. Test accuracy: \d+(\.\d)?%\./);
    await shot(page, 'data-trained');
  });

  await test.step('a CSV upload: a wrong label column is explained, then chosen from the header', async () => {
    await dock.getByRole('tab', { name: 'Data' }).click();
    await dock.getByTestId('data-csv-input').setInputFiles(path.join(tmp, 'flowers.csv'));
    const label = dock.getByLabel('Label column (the class of each row)');
    // No column is named like a label, so the last one is tried first: its text column stops the preview.
    await expect(label).toHaveValue('size');
    await expect(dock.getByTestId('data-error')).toContainText('Row 2, column 3 ("flower") of flowers.csv is "tulip", not a number.');
    await label.selectOption('flower');
    await expect(dock.getByTestId('data-class')).toHaveCount(2);
    await expect(dock.getByTestId('data-class').first()).toContainText('rose');
    await expect(dock.getByTestId('data-table').locator('tbody tr')).toHaveCount(8);
    await expect(dock.getByTestId('data-summary')).toContainText('each sample 3 values');
    await expect(dock.getByTestId('data-fit-input')).toContainText(
      'Each sample is 3 values, but the Input block "input" expects 16×16×3. Set its shape to [3] to train on these data.',
    );
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'data-csv');
  });

  await test.step('a CSV file dropped onto the panel is imported too', async () => {
    const text = 'a;b;label\n1;2;yes\n2;1;no\n3;3;yes\n4;1;no\n';
    // Typed loosely: the Node-side compiler has no DOM library.
    await dock.getByTestId('data-panel').evaluate((panel, csv) => {
      const browser = globalThis as any;
      const transfer = new browser.DataTransfer();
      transfer.items.add(new File([csv], 'dropped.csv', { type: 'text/csv' }));
      for (const type of ['dragenter', 'dragover', 'drop'])
        panel.dispatchEvent(new browser.DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, text);
    await expect(dock.getByTestId('data-current')).toContainText('dropped.csv');
    await expect(dock.getByLabel('Label column (the class of each row)')).toHaveValue('label');
    await expect(dock.getByTestId('data-class')).toHaveCount(2);
  });

  await test.step('a 2-D set is shown as a scatter plot, in French', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await dock.getByRole('radio', { name: /Spirales/ }).check();
    await expect(dock.getByTestId('data-scatter').locator('circle').first()).toBeVisible();
    await expect(dock.getByTestId('data-class')).toHaveCount(2);
    await expect(dock.getByTestId('data-summary')).toContainText('2 classes · 500 exemples pour l’entraînement');
    await dock.getByRole('heading', { name: 'Aperçu' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'data-fr');
    // An error from the host reads in French too.
    await dock.getByTestId('data-csv-input').setInputFiles(path.join(tmp, 'flowers.csv'));
    await expect(dock.getByText('flowers.csv importé : 1 fichier.')).toBeVisible();
    await expect(dock.getByTestId('data-error')).toContainText(
      'Ligne 2, colonne 3 (« flower ») de flowers.csv : la cellule vaut « tulip », ce n’est pas un nombre.',
    );
    await shot(page, 'data-error-fr');
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  });

  expect(problems).toEqual([]);
});
