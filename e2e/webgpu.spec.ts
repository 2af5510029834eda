import { expect, test } from './fixtures';
import { webgpuLaunch } from './chromium';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProject } from '../core/model/project-io';
import { ProjectStore } from '../core/store/project-store';
import { consoleErrors, projectsFolder, shot, url, writeDigits } from './helpers';

// The page's GPU engine in Debian's Chromium. With SwiftShader's WebGPU (a software GPU, so the
// data stay tiny) the course CNN trains in the page's worker; without it, the run falls back with
// its reasons. The host records the run either way.
test.use({ viewport: { width: 1280, height: 720 }, launchOptions: webgpuLaunch });

test('the course CNN trains on the GPU rung from the UI: the device named, paused and resumed, recorded and evaluated', async ({
  page,
}) => {
  test.setTimeout(400_000);
  const problems = consoleErrors(page);
  // The course CNN on 320 MNIST digits (a fifth of them for the test): SwiftShader is slow.
  const projects = projectsFolder();
  writeDigits(path.join(projects, 'gpu-digits'), 320);
  const example = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../projects/mnist-cnn.json'), 'utf8'));
  const project = parseProject({
    ...example,
    dataset: { kind: 'idx', path: 'gpu-digits' },
    training: { ...example.training, epochs: 1, batchSize: 16 },
  });
  ProjectStore.create(path.join(projects, 'gpu-digits.nbproj'), project).close();
  await page.goto(url());
  await page.getByTestId('file-gpu-digits.nbproj').click();
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dock.getByLabel('Engine').selectOption('page');
  await test.step('the panel names the GPU before training', async () => {
    await expect(dock.getByTestId('train-page-gpu')).toContainText(/GPU: .*swiftshader/i, { timeout: 30_000 });
    await expect(dock.getByTestId('train-backend')).toContainText(/Computes on: webgpu — .*swiftshader/i);
    await shot(page, 'webgpu-settings');
  });

  await test.step('training starts on WebGPU, pauses and resumes within a batch', async () => {
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-backend')).toContainText(/Computes on: webgpu — WebGPU · .*swiftshader/i, { timeout: 120_000 });
    await expect(dock.getByTestId('train-progress-text')).toContainText(/Epoch 1 of 1/, { timeout: 120_000 });
    await dock.getByRole('button', { name: 'Pause' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Paused', { timeout: 60_000 });
    const paused = await dock.getByTestId('train-progress-text').textContent();
    await page.waitForTimeout(1500);
    await expect(dock.getByTestId('train-progress-text')).toHaveText(paused!);
    await dock.getByRole('button', { name: 'Resume' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Training…');
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 300_000 });
    await expect(dock.getByTestId('train-final')).toContainText(/Trained for 1 epoch\. Test accuracy: \d+(\.\d)?%\./);
    const accuracy = Number((await dock.getByTestId('train-final').textContent())!.match(/Test accuracy: (\d+(?:\.\d)?)%/)![1]);
    // 13 batches of 16 digits: above chance (10 %).
    expect(accuracy).toBeGreaterThan(20);
    await shot(page, 'webgpu-trained');
  });

  await test.step('the run is recorded with the page engine and the GPU', async () => {
    await dock.getByRole('tab', { name: 'Runs' }).click();
    const rows = dock.getByTestId('runs-table').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Finished');
    await expect(rows.first()).toContainText(/1\/1 epoch(?!s)/);
    await expect(dock.getByTestId(/^run-engine-/)).toHaveText(/^TensorFlow\.js \(GPU\) \(WebGPU · .*swiftshader.*\)$/i);
  });

  await test.step('the GPU-trained model is evaluated', async () => {
    await dock.getByRole('tab', { name: 'Evaluate' }).click();
    await expect(dock.getByText(/Test accuracy/).first()).toBeVisible({ timeout: 60_000 });
    await shot(page, 'webgpu-evaluate');
  });
  expect(problems.filter((p) => !/performance of synchronously reading/.test(p))).toEqual([]);
});
