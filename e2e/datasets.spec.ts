import { expect, test } from './fixtures';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cifarBatch, tar } from '../core/data/format-fixtures';
import { encodeIdx } from '../core/data/idx';
import { consoleErrors, openTrainingDock, shot } from './helpers';

let tmp: string;
test.beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-sets-e2e-'));
  // A small IDX set of 28×28 images in three classes: a bright band whose row depends on the class.
  const folder = path.join(tmp, 'bands');
  mkdirSync(folder);
  const write = (prefix: string, count: number) => {
    const pixels = new Uint8Array(count * 784);
    const labels = Uint8Array.from({ length: count }, (_, i) => i % 3);
    labels.forEach((label, i) => pixels.fill(255, i * 784 + (4 + 8 * label) * 28, i * 784 + (8 + 8 * label) * 28));
    writeFileSync(path.join(folder, `${prefix}-images-idx3-ubyte.gz`), gzipSync(encodeIdx([count, 28, 28], pixels)));
    writeFileSync(path.join(folder, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(encodeIdx([count], labels)));
  };
  write('train', 60);
  write('t10k', 15);
  const names = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];
  writeFileSync(
    path.join(tmp, 'cifar-10-binary.tar.gz'),
    gzipSync(
      tar([
        { name: 'cifar-10-batches-bin/batches.meta.txt', data: Buffer.from(names.join('\n')) },
        { name: 'cifar-10-batches-bin/data_batch_1.bin', data: cifarBatch(40, 10, 1) },
        { name: 'cifar-10-batches-bin/test_batch.bin', data: cifarBatch(20, 10, 1) },
      ]),
    ),
  );
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('all 60,000 MNIST digits in one click, Fashion-MNIST, and IDX and CIFAR files imported', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  const dock = await openTrainingDock(page);

  await test.step('the example trains on 8,000 digits; one click takes all 60,000', async () => {
    await expect(dock.getByLabel('Training samples')).toHaveValue('8000');
    await dock.getByRole('button', { name: 'All 60,000' }).click();
    await expect(dock.getByLabel('Training samples')).toHaveValue('60000');
    await expect(dock.getByRole('button', { name: 'All 60,000' })).toBeDisabled();
    await dock.getByRole('tab', { name: 'Data' }).click();
    await expect(dock.getByTestId('data-summary')).toHaveText(
      '10 classes · 60,000 samples for training · 10,000 kept for the final test · each sample 28×28×1',
      { timeout: 30_000 },
    );
  });

  await test.step('Fashion-MNIST: ten kinds of clothes, by name', async () => {
    await dock.getByRole('radio', { name: /Fashion-MNIST clothes/ }).check();
    const rows = dock.getByTestId('data-class');
    await expect(rows).toHaveCount(10, { timeout: 30_000 });
    await expect(rows.first()).toContainText('T-shirt/top');
    await expect(rows.nth(9)).toContainText('Ankle boot');
    await expect(dock.getByTestId('data-summary')).toContainText('10,000 kept for the final test');
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'data-fashion-mnist');
  });

  await test.step('a folder of IDX files is imported and previewed', async () => {
    await dock.getByTestId('data-idx-input').setInputFiles(path.join(tmp, 'bands'));
    await expect(dock.getByText('bands imported: 4 files.')).toBeVisible({ timeout: 30_000 });
    await expect(dock.getByTestId('data-current')).toContainText(/datasets[/\\]bands/);
    await expect(dock.getByTestId('data-class')).toHaveCount(3);
    await expect(dock.getByTestId('data-summary')).toHaveText(
      '3 classes · 60 samples for training · 15 kept for the final test · each sample 28×28×1',
    );
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'data-idx');
  });

  await test.step('a CIFAR-10 archive is imported as it is and previewed in colour', async () => {
    await dock.getByTestId('data-cifar-input').setInputFiles(path.join(tmp, 'cifar-10-binary.tar.gz'));
    await expect(dock.getByTestId('data-class')).toHaveCount(10, { timeout: 30_000 });
    await expect(dock.getByTestId('data-class').first()).toContainText('airplane');
    await expect(dock.getByTestId('data-summary')).toHaveText(
      '10 classes · 40 samples for training · 20 kept for the final test · each sample 32×32×3',
    );
    await expect(dock.getByTestId('data-fit-input')).toContainText('Set its shape to [32, 32, 3]');
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'data-cifar');
  });
  expect(problems).toEqual([]);
});
