import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import path from 'node:path';
import { selectBlock } from './course';
import { artifacts, consoleErrors, dismissMessages, url } from './helpers';

async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await dismissMessages(page);
  await (target ?? page).screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** The pixels of every image of the grid, as data URLs of their canvases. */
const canvases = (grid: Locator) =>
  grid.locator('canvas').evaluateAll((list) => list.map((c) => (c as unknown as { toDataURL(): string }).toDataURL()));

test('the augmentation preview shows a digit through the augmented CNN’s blocks, re-rolls and follows the parameters', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = consoleErrors(page);
  await page.goto(url());
  await page.getByTestId('example-augmented-cnn').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(16);

  const inspector = page.getByRole('complementary', { name: 'Block', exact: true });
  const section = inspector.getByRole('region', { name: 'Augmentation preview' });
  const grid = section.getByTestId('augment-grid');

  await test.step('selecting an augmentation block shows the original and eight random draws', async () => {
    await selectBlock(page, 'flip');
    await expect(section).toBeVisible();
    // The preview loads the example's data set first, slower on a busy machine.
    await expect(grid).toHaveAttribute('data-count', '9', { timeout: 60_000 });
    await expect(grid.getByTestId('augment-cell')).toHaveCount(9);
    await expect(grid.getByTestId('augment-cell').first()).toContainText('Original');
    await expect(section.getByTestId('augment-image')).toHaveText(/^Image 0 of 8,000 · class \d$/);
    await expect(section).toContainText(
      'RandomFlip → RandomRotation → RandomZoom → RandomTranslation → RandomCrop → RandomContrast → RandomBrightness',
    );
    await expect(section).toContainText('Image 28×28×1 → 24×24×1 after augmentation');
    // The original is 28×28 and the draws, after RandomCrop, 24×24; they are drawn large.
    const sizes = await grid
      .locator('canvas')
      .evaluateAll((list) => list.map((c) => [(c as unknown as { width: number }).width, Math.round(c.getBoundingClientRect().width)]));
    expect(sizes[0][0]).toBe(28);
    expect(sizes.slice(1).every(([w]) => w === 24)).toBe(true);
    expect(Math.min(...sizes.map(([, shown]) => shown))).toBeGreaterThanOrEqual(90);
    await shot(page, 'augment-inspector');
  });

  await test.step('Re-roll draws new images of the same digit', async () => {
    const digest = await grid.getAttribute('data-digest');
    const before = await canvases(grid);
    await section.getByRole('button', { name: 'Re-roll' }).click();
    await expect(grid).toHaveAttribute('data-seed', '2');
    await expect(grid).not.toHaveAttribute('data-digest', digest!);
    const after = await canvases(grid);
    expect(after[0]).toBe(before[0]);
    expect(after.slice(1).filter((image, i) => image !== before[i + 1]).length).toBeGreaterThanOrEqual(6);
  });

  await test.step('Another image shows a different training digit', async () => {
    const before = await canvases(grid);
    await section.getByRole('button', { name: 'Another image' }).click();
    await expect(grid).not.toHaveAttribute('data-sample', '0');
    await expect(section.getByTestId('augment-image')).not.toHaveText(/^Image 0 of/);
    expect((await canvases(grid))[0]).not.toBe(before[0]);
  });

  await test.step('changing a parameter of an augmentation block redraws the grid', async () => {
    const sample = (await grid.getAttribute('data-sample'))!;
    await selectBlock(page, 'rotate');
    await expect(grid).toHaveAttribute('data-count', '9');
    await expect(section.locator('.augment__current')).toHaveText('RandomRotation');
    // The image chosen stays when another block is selected.
    await expect(grid).toHaveAttribute('data-sample', sample);
    const digest = await grid.getAttribute('data-digest');
    const seed = await grid.getAttribute('data-seed');
    await inspector.getByTestId('param-factor').fill('0.5');
    await expect(grid).not.toHaveAttribute('data-digest', digest!);
    await expect(grid).toHaveAttribute('data-seed', seed!);
  });

  await test.step('a crop larger than the image is explained, naming the block and the parameter, and the last grid stays', async () => {
    await selectBlock(page, 'crop');
    await expect(grid).toHaveAttribute('data-count', '9');
    await inspector.getByTestId('param-height').fill('40');
    const error = section.getByTestId('augment-error');
    await expect(error).toContainText('RandomCrop "crop"');
    await expect(error).toContainText('set `height` to at most 28');
    await expect(grid.getByTestId('augment-cell')).toHaveCount(9);
    await shot(page, 'augment-error');
    await inspector.getByTestId('param-height').fill('20');
    await expect(error).toHaveCount(0);
    await expect(section).toContainText('Image 28×28×1 → 20×24×1 after augmentation');
    const widths = await grid.locator('canvas').evaluateAll((list) => list.map((c) => (c as unknown as { height: number }).height));
    expect(widths.slice(1).every((h) => h === 20)).toBe(true);
  });

  await test.step('Enlarge shows a 4×4 grid for a projector', async () => {
    await section.getByRole('button', { name: 'Enlarge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Augmentation preview' });
    await expect(dialog).toBeVisible();
    const big = dialog.getByTestId('augment-grid');
    await expect(big).toHaveAttribute('data-count', '16');
    const shown = await big.locator('canvas').evaluateAll((list) => list.map((c) => Math.round(c.getBoundingClientRect().width)));
    expect(Math.min(...shown)).toBeGreaterThanOrEqual(140);
    await shot(page, 'augment-enlarged');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toHaveCount(0);
  });

  await test.step('in French', async () => {
    await page.getByTestId('language').selectOption('fr');
    const fr = page.getByRole('complementary', { name: 'Bloc', exact: true }).getByRole('region', { name: 'Aperçu de l’augmentation' });
    await expect(fr.getByRole('button', { name: 'Relancer' })).toBeVisible();
    await expect(fr.getByRole('button', { name: 'Autre image' })).toBeVisible();
    await expect(fr.getByTestId('augment-image')).toHaveText(/^Image \d[\d\s\u202f]* sur 8\s000 · classe \d$/);
    await fr.scrollIntoViewIfNeeded();
    await shot(page, 'augment-fr');
    await page.getByTestId('language').selectOption('en');
  });

  await test.step('on a 1024×768 projector, the grid shows as soon as a block is selected', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await selectBlock(page, 'rotate');
    await expect(grid).toHaveAttribute('data-count', '9');
    await expect(grid).toBeInViewport();
    await shot(page, 'augment-projector');
  });

  expect(problems).toEqual([]);
});

test('a graph without augmentation says how to add some; one after a Conv2D is named', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('example-mnist-cnn').click();
  await selectBlock(page, 'input');
  const section = page.getByRole('complementary', { name: 'Block', exact: true }).getByRole('region', { name: 'Augmentation preview' });
  await expect(section.getByTestId('augment-none')).toContainText('drag a block of the Augmentation group of the palette');
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'augment-none', page.getByRole('complementary', { name: 'Block', exact: true }));

  // A RandomFlip added after conv1 acts on feature maps: the preview has nothing to show and says so.
  await selectBlock(page, 'conv1');
  await page.getByRole('searchbox', { name: 'Search blocks' }).fill('RandomFlip');
  await page.getByTestId('palette-RandomFlip').press('Enter');
  await expect(page.locator('.inspector__id')).toHaveText(/randomflip/);
  await expect(section.getByTestId('augment-none')).toBeVisible();
  await expect(section.getByTestId('augment-not-applied')).toContainText(/RandomFlip “randomflip_\d+” comes after Conv2D “conv1”/);
  await shot(page, 'augment-after-conv', page.getByRole('complementary', { name: 'Block', exact: true }));
});
