// The "Pretrained bases" dialog against a host whose catalogue downloads from a server on
// 127.0.0.1 (NEUROBLOCKS_PRETRAINED_URL): a base downloaded with its progress bar, then the
// server gone (offline), which the dialog says, offering to import a network from a file.
import { expect, test } from './fixtures';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pretrainedBase } from '../core/model/bases/entries';
import { writeBaseWeightsFile } from '../core/catalogue/test-support';
import { ProjectStore } from '../core/store/index';
import { startServer } from './web-host';
import { consoleErrors, openPretrainedBases, shot, unnamedControls } from './helpers';

test('the pretrained bases: facts, a download with its progress bar, and the offline case', async ({ page }) => {
  test.setTimeout(300_000);
  const home = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-pretrained-e2e-'));
  const weights = path.join(home, 'mobilenet.h5');
  writeBaseWeightsFile(pretrainedBase('mobilenet_v2')!, weights);
  const bytes = readFileSync(weights);
  // The mirror sends the file in pieces, so that the progress bar is seen moving.
  const mirror: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-length': bytes.length });
    let sent = 0;
    const step = () => {
      if (sent >= bytes.length) return void res.end();
      const piece = bytes.subarray(sent, sent + 150_000);
      sent += piece.length;
      res.write(piece, () => setTimeout(step, 100));
    };
    step();
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
  const previous = process.env.NEUROBLOCKS_PRETRAINED_URL;
  process.env.NEUROBLOCKS_PRETRAINED_URL = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/mirror`;
  const { url, server } = await startServer(home);
  if (previous === undefined) delete process.env.NEUROBLOCKS_PRETRAINED_URL;
  else process.env.NEUROBLOCKS_PRETRAINED_URL = previous;
  const problems = consoleErrors(page);
  try {
    const dialog = await openPretrainedBases(page, url);
    await expect(dialog).toBeVisible();

    await test.step('each base with its facts', async () => {
      const vgg = dialog.getByTestId('base-vgg16');
      await expect(vgg.getByRole('heading', { name: 'VGG16' })).toBeVisible();
      await expect(vgg).toContainText('14,714,688 (as Keras counts them), all frozen; output 7×7×512 at 224×224');
      await expect(vgg).toContainText('MD5 6d6bbae143d832006294945121d1f1fc');
      await expect(vgg).toContainText(
        'https://storage.googleapis.com/tensorflow/keras-applications/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5',
      );
      await expect(vgg).toContainText('CC BY 4.0');
      await expect(dialog.getByTestId('base-resnet50')).toContainText('23,587,712');
      await expect(dialog.getByTestId('base-mobilenet_v2')).toContainText('none published by Keras');
      await expect(dialog.getByTestId('base-efficientnet_b0')).toContainText('4,049,571');
      for (const id of ['vgg16', 'resnet50', 'mobilenet_v2', 'efficientnet_b0'])
        await expect(dialog.getByTestId(`base-state-${id}`)).toHaveText('Not downloaded');
    });

    await test.step('download MobileNetV2: a progress bar, then downloaded and checked', async () => {
      const card = dialog.getByTestId('base-mobilenet_v2');
      await card.getByRole('button', { name: 'Download' }).click();
      const bar = card.getByRole('progressbar', { name: 'Download of MobileNetV2 (alpha 1.0)' });
      await expect(bar).toBeVisible();
      await expect(dialog.getByTestId('base-state-mobilenet_v2')).toHaveText('Downloading…');
      await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'pretrained-downloading');
      await expect(dialog.getByTestId('base-state-mobilenet_v2')).toHaveText(/^Downloaded and checked \(\d+\.\d MB\)$/, {
        timeout: 60_000,
      });
      await expect(card.getByRole('button', { name: 'Downloaded' })).toBeDisabled();
    });

    await test.step('offline: the dialog says so and offers importing a network from a file', async () => {
      await new Promise((resolve) => mirror.close(resolve));
      const card = dialog.getByTestId('base-vgg16');
      await card.getByRole('button', { name: 'Download' }).click();
      const alert = card.getByRole('alert');
      await expect(alert).toContainText(
        /VGG16 cannot be downloaded: .* cannot be reached \(ECONNREFUSED\)\. This computer seems to be offline\./,
      );
      await expect(alert).toContainText(
        'Try again once it is online, or import a network from a file instead: `neuroblocks import-model FILE --out PROJECT.nbproj` (e.g. an ONNX file).',
      );
      await expect(dialog.getByTestId('base-state-vgg16')).toHaveText('Not downloaded');
      await card.scrollIntoViewIfNeeded();
      await shot(page, 'pretrained-offline');
      expect(await unnamedControls(page, 'dialog[open] button')).toEqual([]);
    });

    await test.step('in French', async () => {
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByTestId('language').selectOption('fr');
      await page.getByRole('button', { name: 'Bases pré-entraînées…' }).click();
      const french = page.getByRole('dialog', { name: 'Bases pré-entraînées' });
      await expect(french.getByTestId('base-state-mobilenet_v2')).toHaveText(/^Téléchargé et vérifié/);
      await expect(french.getByTestId('base-vgg16')).toContainText(
        'Poids publiés par le Visual Geometry Group (Oxford), portés par Keras.',
      );
      await french.getByRole('button', { name: 'Fermer' }).click();
      await page.getByTestId('language').selectOption('en');
    });

    await test.step('add the downloaded MobileNetV2 to the project: frozen, after the Input, its weights kept in the project file', async () => {
      await page.getByRole('button', { name: 'Pretrained bases…' }).click();
      await dialog.getByTestId('base-mobilenet_v2').getByRole('button', { name: 'Add to this project' }).click();
      await expect(dialog).toBeHidden({ timeout: 60_000 });
      // One block on the canvas, the base, until it is expanded.
      const base = page.getByTestId('base-mobilenetv2_alpha_1_0');
      await expect(base).toBeVisible({ timeout: 30_000 });
      await expect(base).toContainText('MobileNetV2 (alpha 1.0)');
      await base.getByRole('button', { name: /Show the \d+ blocks of the base/ }).click();
      const conv1 = page.getByTestId('node-mobilenetv2_alpha_1_0_Conv1');
      await expect(conv1).toBeAttached({ timeout: 30_000 });
      await expect(conv1).toContainText('864 parameters · frozen');
      await expect(page.getByTestId('node-mobilenetv2_alpha_1_0_preprocess_scale')).toContainText('× 2 + -1');
      const files = readdirSync(path.join(home, 'Neuroblocks')).filter((f) => f.endsWith('.nbproj'));
      expect(files).toHaveLength(1);
      const store = ProjectStore.open(path.join(home, 'Neuroblocks', files[0]), { readOnly: true });
      try {
        expect(store.pretrained()).toHaveLength(260);
        expect(store.listPretrained()[0].source).toBe(
          'MobileNetV2 (alpha 1.0), ImageNet (Keras Applications: mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5)',
        );
      } finally {
        store.close();
      }
      await shot(page, 'pretrained-added');
    });

    await test.step('Undo takes the added base out again (the expand and the layout first), Redo puts it back', async () => {
      const baseBlocks = page.locator('[data-testid^="base-mobilenetv2_alpha_1_0"], [data-testid^="node-mobilenetv2_alpha_1_0_"]');
      const undo = page.getByRole('button', { name: 'Undo', exact: true });
      let steps = 0;
      while (steps < 3 && (await baseBlocks.count()) > 0) {
        await undo.click();
        steps++;
        await page.waitForTimeout(300);
      }
      await expect(baseBlocks).toHaveCount(0);
      for (let i = 0; i < steps; i++) await page.getByRole('button', { name: 'Redo', exact: true }).click();
      await expect(page.getByTestId('node-mobilenetv2_alpha_1_0_Conv1')).toContainText('864 parameters · frozen', { timeout: 30_000 });
    });
    expect(problems).toEqual([]);
  } finally {
    server.kill();
    mirror.close();
    rmSync(home, { recursive: true, force: true });
  }
});
