import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { consoleErrors, url } from './helpers';

// Transfer learning: a project whose convolutions are frozen trains only its head, and the Train
// panel says so in one line, in English and in French; a Dropout before the base says why not.

const frozen = { trainable: false };

function project(name: string, first: { id: string; type: string; params: Record<string, unknown> }[]) {
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [28, 28, 1] } },
    ...first,
    { id: 'c1', type: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu', ...frozen } },
    { id: 'p1', type: 'MaxPooling2D', params: { poolSize: 2 } },
    { id: 'c2', type: 'Conv2D', params: { filters: 8, kernelSize: 3, activation: 'relu', ...frozen } },
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ];
  return {
    format: 'neuroblocks.project',
    version: 1,
    name,
    graph: { nodes, edges: nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id })) },
    dataset: { kind: 'builtin', name: 'mnist', size: 300 },
    training: {
      optimizer: 'adam',
      learningRate: 0.003,
      loss: 'categoricalCrossentropy',
      batchSize: 32,
      epochs: 1,
      validationSplit: 0.2,
      seed: 1,
    },
  };
}

async function openAndTrain(page: Page, name: string, text: string) {
  await page.goto(url());
  await page
    .getByText('Open a project file (.nbproj or .json) from this computer…')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 120_000 });
  return dock;
}

test('a frozen base is computed once per image, and the Train panel says so in English and French', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  const dock = await openAndTrain(page, 'frozen-base.json', JSON.stringify(project('Frozen base', [])));
  await expect(dock.getByTestId('train-frozen-base')).toHaveText(
    'The frozen base (4 blocks) is computed once per image; only the head trains.',
  );
  await page.getByTestId('language').selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The dock's own name is French now: the line is found by its test id.
  await expect(page.getByTestId('train-frozen-base')).toHaveText(
    'La base gelée (4 blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
  );
  await page.getByTestId('language').selectOption('en');
  expect(problems).toEqual([]);
});

test('a Dropout before the frozen blocks: the Train panel says why the base runs at every step', async ({ page }) => {
  test.setTimeout(240_000);
  const dock = await openAndTrain(
    page,
    'dropout-first.json',
    JSON.stringify(project('Dropout first', [{ id: 'drop', type: 'Dropout', params: { rate: 0.1 } }])),
  );
  await expect(dock.getByTestId('train-frozen-base')).toHaveText(
    'The frozen blocks run at every step: the Dropout "drop" block comes before them: it drops other values at every step.',
  );
});
