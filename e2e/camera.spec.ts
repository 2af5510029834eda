import { expect, test } from './fixtures';
import { fakeCameraLaunch } from './chromium';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { consoleErrors, openTrainingDock, shot, trainBriefly } from './helpers';

// Chromium's fake camera (a moving test pattern), allowed without asking: only this spec uses it.
test.use({
  viewport: { width: 1280, height: 720 },
  launchOptions: fakeCameraLaunch,
});

/** Holds a class's record button down for `ms`. */
async function hold(button: import('@playwright/test').Locator, ms: number) {
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  await button.page().mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await button.page().mouse.down();
  await button.page().waitForTimeout(ms);
  await button.page().mouse.up();
}

const count = async (text: import('@playwright/test').Locator) => Number(/^(\d+)/.exec((await text.textContent()) ?? '')?.[1]);

test('a teacher records two classes with the camera, saves them as a data set, trains, and tries the model live', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = consoleErrors(page);
  const dock = await openTrainingDock(page);
  await dock.getByRole('tab', { name: 'Data' }).click();
  const camera = dock.getByTestId('camera-capture');

  await test.step('the camera opens and each class records while its button is held', async () => {
    await camera.getByRole('button', { name: 'Turn the camera on' }).click();
    const video = camera.getByTestId('camera-video');
    await expect(video).toBeVisible();
    await expect.poll(() => video.evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth)).toBeGreaterThan(0);
    await camera.getByRole('textbox', { name: 'Name of class 2' }).fill('hand');
    const counts = camera.getByTestId('camera-count');
    await hold(camera.getByRole('button', { name: 'Hold to record class 1' }), 1500);
    await hold(camera.getByRole('button', { name: 'Hold to record hand' }), 1500);
    const first = await count(counts.nth(0));
    const second = await count(counts.nth(1));
    // About six images a second while held, none once released.
    expect(first).toBeGreaterThanOrEqual(4);
    expect(second).toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(500);
    expect(await count(counts.nth(0))).toBe(first);
    await expect(
      camera
        .getByTestId('camera-class')
        .nth(1)
        .getByRole('button', { name: /^Delete image \d+ of hand$/ }),
    ).toHaveCount(second);
    await camera.getByTestId('camera-class').nth(1).getByRole('button', { name: 'Delete image 1 of hand' }).click();
    await expect(counts.nth(1)).toHaveText(`${second - 1} images`);
    await camera.getByRole('textbox', { name: 'Name of the data set' }).fill('gestures');
    await camera.scrollIntoViewIfNeeded();
    await shot(page, 'camera-recorded');
  });

  let recorded = 0;
  await test.step('saving makes an image folder in the projects folder, which training then uses', async () => {
    recorded = (await count(camera.getByTestId('camera-count').nth(0))) + (await count(camera.getByTestId('camera-count').nth(1)));
    await camera.getByRole('button', { name: 'Save as a data set' }).click();
    await expect(dock.getByText(`gestures imported: ${recorded} files.`)).toBeVisible({ timeout: 30_000 });
    await expect(dock.getByTestId('data-current')).toContainText(/datasets[/\\]gestures/);
    // The panel shows the project's own (relative) reference until the preview brings the full path.
    const shownPath = dock.locator('.data-current__path');
    await expect.poll(async () => path.isAbsolute(((await shownPath.textContent()) ?? '').trim()), { timeout: 15_000 }).toBe(true);
    const folder = (await shownPath.textContent())!.trim();
    expect(existsSync(path.join(folder, 'class 1'))).toBe(true);
    expect(readdirSync(path.join(folder, 'class 1')).length + readdirSync(path.join(folder, 'hand')).length).toBe(recorded);
    const rows = dock.getByTestId('data-class');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('hand');
    await dock.getByRole('button', { name: 'Set units to 2' }).click();
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'camera-dataset');
  });

  await test.step('a short run on the recorded images, then Try it predicts from the camera', async () => {
    await trainBriefly(dock, 2, 4);
    await dock.getByRole('tab', { name: 'Try it' }).click();
    await dock.getByRole('button', { name: 'Predict from the camera' }).click();
    await expect(dock.getByTestId('try-answer')).toContainText(/^It looks like an? (class 1|hand) \(\d+(\.\d)?% sure\)/, {
      timeout: 30_000,
    });
    const bars = dock.getByTestId('prob-bars').locator('li');
    await expect(bars).toHaveCount(2);
    await expect(bars.nth(1)).toContainText('hand');
    // Live: the answer keeps coming for new frames.
    const seen = dock.locator('.try-camera video');
    await expect(seen).toBeVisible();
    const first = await dock.getByTestId('prob-bars').textContent();
    await expect.poll(() => dock.getByTestId('prob-bars').textContent(), { timeout: 20_000 }).not.toBe(first);
    await seen.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await shot(page, 'camera-try');
    await dock.getByRole('button', { name: 'Stop the camera' }).click();
    await expect(seen).toHaveCount(0);
  });
  expect(problems).toEqual([]);
});
