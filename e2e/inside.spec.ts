import { type Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { consoleErrors, draw, openExample, shot, trainOnSamples } from './helpers';

/** The pixels of every feature map shown, to tell whether they changed. */
const mapPixels = (view: Locator) =>
  view.locator('canvas').evaluateAll((canvases) =>
    canvases.map((c) => {
      const canvas = c as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
      };
      return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data).join(',');
    }),
  );

test('after training, a teacher looks inside the MNIST CNN: feature maps, activations and learned filters', async ({ page }) => {
  test.setTimeout(150_000);
  // A block is added from the palette while the training panel is open: the palette stays beside the
  // panel only in a window wider than 1400 px (a projector's 1280 px shows the graph alone beside it).
  await page.setViewportSize({ width: 1440, height: 900 });
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  await expect(page.getByTestId('total-params')).toHaveText('42,358');

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await test.step('train one epoch on a small subset', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await trainOnSamples(dock, 300, 1, 16);
  });

  const inside = dock.getByTestId('look-inside');
  const view = dock.getByTestId('inside-view');
  await test.step('draw a digit and open the inside of the model', async () => {
    await dock.getByRole('tab', { name: 'Try it' }).click();
    await draw(page, [
      [
        { x: 90, y: 60 },
        { x: 190, y: 60 },
        { x: 120, y: 240 },
      ],
    ]);
    await expect(dock.getByTestId('try-answer')).toContainText(/It looks like a \d/);
    const opener = dock.getByRole('button', { name: 'Look inside the model' });
    await expect(opener).toBeInViewport();
    await shot(page, 'inside-closed');
    await opener.click();
    await expect(inside.getByRole('heading', { name: 'Look inside the model' })).toBeVisible();
    const strip = inside.getByRole('group', { name: 'Blocks of the trained model' });
    await expect(strip.getByRole('button')).toHaveCount(11);
  });

  await test.step('the first convolution shows one feature map per filter', async () => {
    await inside.getByRole('button', { name: /^conv1\s*Conv2D$/ }).click();
    await expect(inside.getByRole('button', { name: /^conv1\s*Conv2D$/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(view.getByRole('heading')).toHaveText('conv1 · Conv2D · output 26×26×8');
    await expect(view.getByTestId('inside-maps').getByRole('img')).toHaveCount(8);
    await expect(view.getByRole('img', { name: 'Channel 8' })).toBeVisible();
    await expect(view.getByTestId('inside-explain')).toHaveText(
      'Each square is what one filter of this convolution responds to in your drawing: bright = strong response.',
    );
    // Picking a block in the strip selects it in the graph too.
    await expect(page.locator('.react-flow__node[data-id="conv1"]')).toHaveClass(/selected/);
    await shot(page, 'inside-conv', inside);
  });

  await test.step('the feature maps follow the drawing', async () => {
    const before = await mapPixels(view);
    await draw(page, [
      [
        { x: 60, y: 150 },
        { x: 220, y: 150 },
      ],
    ]);
    await expect.poll(async () => (await mapPixels(view)).join('|') !== before.join('|'), { timeout: 10_000 }).toBe(true);
  });

  await test.step('clicking a Dense block in the graph shows its activations', async () => {
    await page.locator('.react-flow__node[data-id="dense1"]').click();
    await expect(view.getByRole('heading')).toHaveText('dense1 · Dense · output 100');
    await expect(inside.getByRole('button', { name: /^dense1\s*Dense$/ })).toHaveAttribute('aria-pressed', 'true');
    const bars = view.getByTestId('inside-bars');
    await expect(bars).toHaveAttribute('data-count', '100');
    await expect(bars.locator('rect')).toHaveCount(100);
    await expect(view.getByTestId('inside-explain')).toContainText('Each bar is one neuron of this layer');
    await shot(page, 'inside-dense', inside);
  });

  await test.step('the output block labels its bars with the classes', async () => {
    await inside.getByRole('button', { name: /^output\s*Dense$/ }).click();
    const bars = view.getByTestId('inside-bars');
    await expect(bars).toHaveAttribute('data-count', '10');
    await expect(bars.locator('.inside-bars__label')).toHaveText(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // Each class's score is written on its bar, and the scores are probabilities.
    const scores = (await bars.locator('.inside-bars__value').allTextContents()).map(Number);
    expect(scores).toHaveLength(10);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 1);
    await shot(page, 'inside-output', inside);
    await expect(view.getByTestId('inside-explain')).toHaveText('Each bar is the model’s score for one class: the tallest is its answer.');
  });

  await test.step('the filters of the first convolution are shown enlarged', async () => {
    const filters = inside.getByTestId('inside-filters');
    await expect(inside.getByRole('heading', { name: 'Filters learned by conv1, the first convolution' })).toBeVisible();
    await expect(filters.getByRole('img')).toHaveCount(8);
    await expect(filters.getByRole('img', { name: 'Filter 1' })).toBeVisible();
    const size = await filters
      .getByRole('img', { name: 'Filter 1' })
      .evaluate((c) => [(c as unknown as { width: number }).width, (c as unknown as { height: number }).height]);
    expect(size).toEqual([3, 3]);
    await shot(page, 'inside-filters', filters);
  });

  await test.step('a digit of the test set can be looked at instead of the drawing', async () => {
    await inside.getByRole('button', { name: 'Look at a test sample of 3' }).click();
    await expect(inside.getByTestId('inside-test-digit')).toContainText(
      /^Showing test sample \d+ \(a 3\) instead of your drawing; draw on the pad to go back to it\.$/,
    );
    await expect(inside.getByRole('img', { name: 'The test sample of 3 being looked at' })).toBeVisible();
    await expect(view.getByTestId('inside-bars')).toHaveAttribute('data-count', '10');
    await shot(page, 'inside-test-digit', inside);
  });

  await test.step('a block added after training is named, and clearing the pad empties the view', async () => {
    await page.locator('.react-flow__node[data-id="conv2"]').click();
    await expect(view.getByRole('heading')).toHaveText('conv2 · Conv2D · output 11×11×16');
    await expect(view.getByTestId('inside-maps').getByRole('img')).toHaveCount(16);
    await page.getByTestId('palette-Dropout').focus();
    await page.keyboard.press('Enter');
    await expect(inside.getByRole('status').filter({ hasText: 'trained model' })).toHaveText(
      /^Block (\S+) is not in the trained model \(it was added or renamed after training\): train again to look inside it\.$/,
    );
    await shot(page, 'inside-not-trained', inside);
    await dock.getByRole('button', { name: 'Clear' }).click();
    await expect(view).toContainText('Draw a digit on the pad');
  });

  await test.step('the view speaks French', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const insideFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' }).getByTestId('look-inside');
    await draw(page, [
      [
        { x: 140, y: 40 },
        { x: 140, y: 240 },
      ],
    ]);
    await expect(insideFr.getByRole('heading', { name: 'Regarder dans le modèle' })).toBeVisible();
    await expect(insideFr.getByTestId('inside-explain')).toHaveText(
      'Chaque carré montre à quoi réagit un filtre de cette convolution dans votre dessin : clair = forte réaction.',
    );
    await expect(insideFr.getByRole('heading', { name: 'Filtres appris par conv1, la première convolution' })).toBeVisible();
    await shot(page, 'inside-fr', insideFr);
  });
  expect(problems).toEqual([]);
});
