import { type Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { imageFolderClassifier } from '../core/model/project-fixtures';
import { consoleErrors, expectProbabilities, openDataTab, openTrainingDock, projectsFolder, shot, trainBriefly } from './helpers';

type Rgb = [number, number, number];

/** A `width × height` PNG: `left` on the left half, `right` on the right, with a little per-image variation. */
async function png(width: number, height: number, left: Rgb, right: Rgb, variation: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      pixels.set(
        (x < width / 2 ? left : right).map((c) => Math.max(0, Math.min(255, c + ((x * 3 + y * 5 + variation * 7) % 21) - 10))),
        (y * width + x) * 3,
      );
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

let tmp: string;
test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-images-e2e-'));
  // Two classes of flags: wide 40×20 photos first, then square 16×16 ones (the most common size, so the Input offered is square).
  const classes: [string, Rgb, Rgb][] = [
    ['day', [230, 40, 40], [40, 60, 230]],
    ['night', [40, 200, 60], [240, 220, 40]],
  ];
  for (const [name, left, right] of classes) {
    mkdirSync(path.join(tmp, 'flags', name), { recursive: true });
    for (let i = 0; i < 3; i++) writeFileSync(path.join(tmp, 'flags', name, `a-wide-${i}.png`), await png(40, 20, left, right, i));
    for (let i = 0; i < 4; i++) writeFileSync(path.join(tmp, 'flags', name, `b-square-${i}.png`), await png(16, 16, left, right, i));
  }
  writeFileSync(path.join(tmp, 'try-wide.png'), await png(40, 20, [230, 40, 40], [40, 60, 230], 5));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A thumbnail's pixels (its `data:` URL decoded here), to tell black bars from image. */
async function thumbnailPixels(img: Locator) {
  const src = (await img.getAttribute('src'))!;
  const { data, info } = await sharp(Buffer.from(src.split(',')[1], 'base64'))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    src,
    width: info.width,
    height: info.height,
    at: (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)),
  };
}

const isBlack = (rgb: number[]) => rgb.every((c) => c === 0);

test('a teacher imports non-square photos, switches letter-box and crop in the preview, trains on crops, and tries a photo', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  const dock = await openTrainingDock(page);
  await dock.getByRole('tab', { name: 'Data' }).click();

  await test.step('an imported folder of non-square images is letter-boxed by default, shown as the model will see it', async () => {
    await dock.getByTestId('data-folder-input').setInputFiles(path.join(tmp, 'flags'));
    await expect(dock.getByText(/flags imported: 14 files\./)).toBeVisible({ timeout: 30_000 });
    await dock.getByRole('button', { name: 'Set the Input shape to [16, 16, 3]' }).click();
    await dock.getByRole('button', { name: 'Set units to 2' }).click();
    const fit = dock.getByTestId('data-fit');
    await expect(fit.getByRole('radio', { name: /^Letter-box/ })).toBeChecked();
    await expect(fit.getByRole('radio', { name: /^Centre-crop/ })).not.toBeChecked();
    // Stretching is offered only to the projects that already use it.
    await expect(fit.getByRole('radio')).toHaveCount(2);
    const first = dock.getByTestId('data-class').first().getByRole('img').first();
    // Reading the folder may take a while on a busy machine.
    await expect(first).toBeVisible({ timeout: 60_000 });
    // A 40×20 photo in a 16×16 Input: black bars above and below, the flag whole in between.
    await expect.poll(async () => isBlack((await thumbnailPixels(first)).at(28, 2))).toBe(true);
    const letterboxed = await thumbnailPixels(first);
    expect([letterboxed.width, letterboxed.height]).toEqual([56, 56]);
    expect(isBlack(letterboxed.at(28, 53))).toBe(true);
    expect(letterboxed.at(5, 28)[0]).toBeGreaterThan(180);
    expect(letterboxed.at(50, 28)[2]).toBeGreaterThan(180);
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'images-letterbox');
  });

  await test.step('switching to centre-crop changes the preview: the middle of the flag fills the square', async () => {
    const first = dock.getByTestId('data-class').first().getByRole('img').first();
    const before = (await thumbnailPixels(first)).src;
    await dock
      .getByTestId('data-fit')
      .getByRole('radio', { name: /^Centre-crop/ })
      .check();
    await expect.poll(async () => (await thumbnailPixels(first)).src, { timeout: 20_000 }).not.toBe(before);
    const cropped = await thumbnailPixels(first);
    expect(isBlack(cropped.at(28, 2))).toBe(false);
    expect(isBlack(cropped.at(28, 53))).toBe(false);
    expect(cropped.at(5, 2)[0]).toBeGreaterThan(180);
    expect(cropped.at(50, 53)[2]).toBeGreaterThan(180);
    await shot(page, 'images-crop');
  });

  await test.step('a short run trains on the centre-cropped images', async () => {
    await trainBriefly(dock, 2, 4);
  });

  await test.step('Try it crops a wide photo as this run’s training did, and the model answers', async () => {
    await dock.getByRole('tab', { name: 'Try it' }).click();
    await dock.getByTestId('image-file').setInputFiles(path.join(tmp, 'try-wide.png'));
    await expect(dock.getByTestId('try-answer')).toContainText(/^It looks like an? (day|night) \(\d+(\.\d)?% sure\)/, { timeout: 30_000 });
    await expectProbabilities(dock, 2);
    const seen = dock.getByTestId('image-views').getByRole('img', { name: /as the model sees it/ });
    const pixels = await seen.evaluate((canvas) => {
      const c = canvas as unknown as {
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
      };
      const data = c.getContext('2d').getImageData(0, 0, 16, 16).data;
      const pixel = (x: number, y: number) => [data[(y * 16 + x) * 4], data[(y * 16 + x) * 4 + 1], data[(y * 16 + x) * 4 + 2]];
      return { topLeft: pixel(2, 1), topRight: pixel(13, 1), bottomLeft: pixel(2, 14), bottomRight: pixel(13, 14) };
    });
    // The middle of the flag fills the square: red left, blue right, from the top row to the bottom one.
    for (const red of [pixels.topLeft, pixels.bottomLeft]) expect(red[0]).toBeGreaterThan(180);
    for (const blue of [pixels.topRight, pixels.bottomRight]) expect(blue[2]).toBeGreaterThan(180);
    await seen.scrollIntoViewIfNeeded();
    await shot(page, 'images-try');
  });

  await test.step('back in the Data tab, the data set still says centre-crop, and letter-box brings the bars back', async () => {
    await dock.getByRole('tab', { name: 'Data' }).click();
    const fit = dock.getByTestId('data-fit');
    await expect(fit.getByRole('radio', { name: /^Centre-crop/ })).toBeChecked();
    await fit.getByRole('radio', { name: /^Letter-box/ }).check();
    const first = dock.getByTestId('data-class').first().getByRole('img').first();
    await expect.poll(async () => isBlack((await thumbnailPixels(first)).at(28, 2)), { timeout: 20_000 }).toBe(true);
  });
  expect(problems).toEqual([]);
});

test('a project saved before the choice existed opens with its images stretched, says so, and saves the new choice', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = consoleErrors(page);
  const projectsDir = projectsFolder();
  const folder = path.join(projectsDir, 'old-flags');
  for (const [name, left, right] of [
    ['day', [230, 40, 40], [40, 60, 230]],
    ['night', [40, 200, 60], [240, 220, 40]],
  ] as [string, Rgb, Rgb][]) {
    mkdirSync(path.join(folder, name), { recursive: true });
    for (let i = 0; i < 4; i++) writeFileSync(path.join(folder, name, `${i}.png`), await png(40, 20, left, right, i));
  }
  const file = path.join(projectsDir, 'old-flags.json');
  writeFileSync(file, JSON.stringify(imageFolderClassifier('Old flags', 'old-flags', 2)));
  try {
    const dock = await openDataTab(page, 'old-flags.json');
    const fit = dock.getByTestId('data-fit');
    await expect(fit.getByRole('radio', { name: /^Stretch/ })).toBeChecked();
    await expect(fit.getByRole('radio')).toHaveCount(3);
    const first = dock.getByTestId('data-class').first().getByRole('img').first();
    await expect(first).toBeVisible({ timeout: 60_000 });
    await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, 'images-old-project');
    // Stretched, as its runs were: the flag fills the square, red on the left half and blue on the right, no bars.
    await expect.poll(async () => (await thumbnailPixels(first)).at(5, 2)[0], { timeout: 20_000 }).toBeGreaterThan(180);
    expect((await thumbnailPixels(first)).at(50, 53)[2]).toBeGreaterThan(180);
    await fit.getByRole('radio', { name: /^Letter-box/ }).check();
    await expect.poll(async () => isBlack((await thumbnailPixels(first)).at(28, 2)), { timeout: 20_000 }).toBe(true);
    // Once another choice is made, stretching is no longer offered.
    await expect(fit.getByRole('radio')).toHaveCount(2);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => JSON.parse(readFileSync(file, 'utf8')).dataset, { timeout: 10_000 })
      .toEqual({ kind: 'imageFolder', path: 'old-flags', fit: 'letterbox' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(file, { force: true });
  }
  expect(problems).toEqual([]);
});
