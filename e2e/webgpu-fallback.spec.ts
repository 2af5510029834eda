import { expect, test } from './fixtures';
import { openForPageEngine, shot } from './helpers';

// The page's GPU engine in a Chromium without a GPU (the project's default launch: --disable-gpu,
// so no WebGPU adapter): the run falls back rung by rung, says why each was skipped, and the host
// records it.
test.use({ viewport: { width: 1280, height: 720 } });

test('a run on the GPU engine without WebGPU falls back, saying why each rung was skipped', async ({ page }) => {
  test.setTimeout(200_000);
  const dock = await openForPageEngine(page, 'no-gpu-digits.nbproj');
  await expect(dock.getByTestId('train-page-gpu')).toContainText(/No WebGPU here \(.+\): training will try WebGL, then the built-in engine\./, { timeout: 30_000 });
  await dock.getByLabel('Epochs', { exact: true }).fill('1');
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-fallbacks')).toContainText(/Skipped: webgpu — .+/, { timeout: 120_000 });
  const backend = (await dock.getByTestId('train-backend').textContent())!;
  if (/webgl/.test(backend)) await expect(dock.getByTestId('train-backend')).toContainText('Computes on: webgl — WebGL · ');
  else {
    await expect(dock.getByTestId('train-backend')).toContainText('Computes on: wasm');
    await expect(dock.getByTestId('train-fallbacks')).toContainText(/Skipped: webgl — .+/);
  }
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 180_000 });
  await shot(page, 'webgpu-fallback');
  await dock.getByRole('tab', { name: 'Runs' }).click();
  await expect(dock.getByTestId('runs-table').locator('tbody tr')).toHaveCount(1);
  await expect(dock.getByTestId('runs-table').locator('tbody tr').first()).toContainText('Finished');
});
