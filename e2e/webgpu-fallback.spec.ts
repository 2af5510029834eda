import { expect, test } from './fixtures';
import { openForPageEngine, shot } from './helpers';

// The page's GPU engine in a Chromium without a GPU (the project's default launch: --disable-gpu,
// so no WebGPU adapter): the run falls back rung by rung, says why each was skipped, and the host
// records it.
test.use({ viewport: { width: 1280, height: 720 } });

test('a run on the GPU engine without WebGPU falls back, saying why each rung was skipped', async ({ page }) => {
  test.setTimeout(200_000);
  const dock = await openForPageEngine(page, 'no-gpu-digits.nbproj');
  await expect(dock.getByTestId('train-page-gpu')).toContainText(
    /No WebGPU here \(.+\): training will try WebGL, then the built-in engine\./,
    { timeout: 30_000 },
  );
  await dock.getByLabel('Epochs', { exact: true }).fill('1');
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-fallbacks')).toContainText(/Skipped: webgpu — .+/, { timeout: 120_000 });
  const backend = (await dock.getByTestId('train-backend').textContent())!;
  if (/webgl/.test(backend)) await expect(dock.getByTestId('train-backend')).toContainText('Computes on: webgl — WebGL · ');
  else {
    await expect(dock.getByTestId('train-backend')).toContainText('Computes on: wasm');
    await expect(dock.getByTestId('train-fallbacks')).toContainText(/Skipped: webgl — .+/);
  }
  // The same reasons in French, for a French class (the panel's name is French then too).
  await page.getByTestId('language').selectOption('fr');
  await expect(page.getByTestId('train-fallbacks')).toContainText(
    /Écarté\s:\swebgpu\s—\s(ce navigateur n’offre pas WebGPU|WebGPU n’a trouvé aucun adaptateur GPU utilisable|le navigateur a signalé)/,
  );
  await expect(page.getByTestId('train-fallbacks')).not.toContainText(/this browser|found no usable|not available to this page/);
  await page.getByTestId('language').selectOption('en');
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 180_000 });
  await shot(page, 'webgpu-fallback');
  await dock.getByRole('tab', { name: 'Runs' }).click();
  await expect(dock.getByTestId('runs-table').locator('tbody tr')).toHaveCount(1);
  await expect(dock.getByTestId('runs-table').locator('tbody tr').first()).toContainText('Finished');
});
