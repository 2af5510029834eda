import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, stopServer } from './web-host';
import { artifacts, consoleErrors, shot } from './helpers';

// A first-time user on a classroom projector: only what is on screen (roles and visible labels),
// at the projector's 1280×720.

// A first-time user meets an app that has trained nothing yet: these tests have a web host of their
// own, not the one the other tests trained models in.
let host: { url: string; server: ChildProcess; home: string } | undefined;
test.beforeAll(async () => {
  test.setTimeout(150_000);
  const home = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-newcomer-'));
  host = { ...(await startServer(home)), home };
});
test.afterAll(async () => {
  if (!host) return;
  await stopServer(host.server);
  rmSync(host.home, { recursive: true, force: true });
});

const url = () => {
  if (!host) throw new Error('The web host of these tests did not start.');
  return host.url;
};

/** Whether an element lies wholly inside the window (nothing cut off at an edge). */
async function inWindow(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  const size = page.viewportSize()!;
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width + 0.5 && box.y + box.height <= size.height + 0.5;
}

/** `dialog` is whole in the window: it is shot into e2e/artifacts/<name>.png, then closed with Escape. */
async function shootDialog(page: Page, dialog: Locator, name: string): Promise<void> {
  expect(await inWindow(page, dialog)).toBe(true);
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  await page.keyboard.press('Escape');
}

/** Strokes on the drawing pad (the image a screen reader announces as the drawing pad), in pad coordinates (0–280). */
async function draw(pad: Locator, strokes: { x: number; y: number }[][]): Promise<void> {
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const scale = box.width / 280;
  const page = pad.page();
  for (const stroke of strokes) {
    await page.mouse.move(box.x + stroke[0].x * scale, box.y + stroke[0].y * scale);
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(box.x + p.x * scale, box.y + p.y * scale, { steps: 6 });
    await page.mouse.up();
  }
}

const seven = [
  [
    { x: 80, y: 60 },
    { x: 200, y: 60 },
    { x: 130, y: 240 },
  ],
];

test('a newcomer goes from the home screen to a trained model that answers their drawing, at 1280×720', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = consoleErrors(page);
  await page.goto(url());

  await test.step('the home screen offers the examples by name', async () => {
    await expect(page.getByRole('heading', { name: 'Neuroblocks', level: 1 })).toBeVisible();
    await expect(
      page.getByText('New here? Pick an example: it opens ready to train on its data. Then press ▶ Train at the top right.'),
    ).toBeVisible();
    await shot(page, 'newcomer-01-home');
    await page
      .getByRole('region', { name: 'New project' })
      .getByRole('button', { name: /^MNIST CNN/ })
      .click();
  });

  const toolbar = page.getByRole('toolbar');
  const trainButton = toolbar.getByRole('button', { name: 'Train', exact: true });
  await test.step('the example opens as a graph, and the whole toolbar is in sight, Train included', async () => {
    await expect(page.getByText('42,358').first()).toBeVisible();
    for (const name of ['Home', 'Save', 'Undo', 'Export…', 'Train'])
      expect(await inWindow(page, toolbar.getByRole('button', { name, exact: true })), name).toBe(true);
    expect(await inWindow(page, toolbar.getByRole('combobox', { name: 'Language' }))).toBe(true);
    await expect(
      page
        .getByRole('complementary', { name: 'Block', exact: true })
        .getByText(/^This network is ready to learn: press ▶ Train at the top right/),
    ).toBeVisible();
    await shot(page, 'newcomer-02-editor');
  });

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await test.step('the Train button opens the panel with its tabs, right below the toolbar', async () => {
    await trainButton.click();
    const tabs = dock.getByRole('tab');
    await expect(tabs).toHaveText(['Data', 'Train', 'Evaluate', 'Try it', 'Runs']);
    await expect(dock.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
    await expect(dock.getByRole('button', { name: 'Start training' })).toBeInViewport();
    const toolbarBox = (await toolbar.boundingBox())!;
    const dockBox = (await dock.boundingBox())!;
    expect(Math.abs(dockBox.y - (toolbarBox.y + toolbarBox.height))).toBeLessThanOrEqual(1);
    // The graph stays in sight beside the panel, its blocks whole.
    const canvas = page.getByRole('region', { name: 'Canvas: the network as a graph' });
    const canvasBox = (await canvas.boundingBox())!;
    expect(canvasBox.x + canvasBox.width).toBeLessThanOrEqual(dockBox.x + 1);
    const conv1 = canvas.locator('.react-flow__node').filter({ hasText: 'conv1' });
    await expect(conv1).toBeInViewport({ ratio: 1 });
    expect((await conv1.boundingBox())!.x + (await conv1.boundingBox())!.width).toBeLessThanOrEqual(dockBox.x);
    // The open panel's button stays readable under the pointer (white on the accent colour).
    await trainButton.hover();
    await expect(trainButton).toHaveCSS('background-color', 'rgb(36, 70, 184)');
    await expect(trainButton).toHaveCSS('color', 'rgb(255, 255, 255)');
    await shot(page, 'newcomer-03-train-tab');
  });

  await test.step('before training, Evaluate and Try it say what to do and lead back to Train', async () => {
    // The example opened as a project file of its own, which has no run yet.
    const noRuns = 'No run of this project has saved weights yet: train the model on the Train tab, and its runs appear here.';
    await dock.getByRole('tab', { name: 'Evaluate' }).click();
    await expect(dock.getByText(noRuns)).toBeVisible();
    await shot(page, 'newcomer-04-evaluate-empty');
    await dock.getByRole('tab', { name: 'Try it' }).click();
    await expect(dock.getByText(noRuns)).toBeVisible();
    await dock.getByRole('button', { name: 'Go to Train' }).click();
    await expect(dock.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
    await expect(dock.getByRole('tab', { name: 'Train' })).toBeFocused();
  });

  await test.step('the Data tab shows the digits it learns from', async () => {
    await dock.getByRole('tab', { name: 'Data' }).click();
    const mnist = dock.getByTestId('data-builtin-mnist').getByText('28×28×1 · 10 classes');
    await expect(mnist).toBeVisible();
    // The card's words stay inside the card.
    const card = (await dock
      .getByRole('radio', { name: /MNIST digits/ })
      .locator('..')
      .boundingBox())!;
    const words = (await mnist.boundingBox())!;
    expect(words.x + words.width).toBeLessThanOrEqual(card.x + card.width);
    await expect(dock.getByRole('img').first()).toBeVisible({ timeout: 30_000 });
    await shot(page, 'newcomer-05-data');
  });

  await test.step('train two epochs on a small part of the digits; the charts come into view', async () => {
    await dock.getByRole('tab', { name: 'Train' }).click();
    await dock.getByLabel('Training samples').fill('400');
    await dock.getByLabel('Epochs', { exact: true }).fill('2');
    await dock.getByLabel('Batch size').fill('16');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByText(/Epoch \d of 2/)).toBeVisible({ timeout: 60_000 });
    await expect(dock.getByRole('img', { name: 'Loss (lower is better)' })).toBeInViewport({ ratio: 0.9 });
    await shot(page, 'newcomer-06-training');
    await expect(dock.getByText('Finished', { exact: true })).toBeVisible({ timeout: 90_000 });
    await expect(dock.getByText(/Trained for 2 epochs\. Test accuracy: \d+(\.\d)?%\./)).toBeInViewport();
    await expect(dock.getByRole('img', { name: 'Accuracy (higher is better)' })).toBeInViewport({ ratio: 0.5 });
    await shot(page, 'newcomer-07-trained');
  });

  const next = dock.getByRole('navigation', { name: 'What to do next' });
  await test.step('the finished run points on to the test results', async () => {
    await expect(next).toBeInViewport();
    await next.getByRole('button', { name: 'See the test results' }).click();
    await expect(dock.getByRole('tab', { name: 'Evaluate' })).toHaveAttribute('aria-selected', 'true');
    await expect(dock.getByText(/^Test accuracy: \d+(\.\d)?% on 10,000 samples/)).toBeVisible();
    await expect(dock.getByRole('table').first().locator('tbody tr')).toHaveCount(10);
    await shot(page, 'newcomer-08-evaluate');
  });

  await test.step('and to trying it: draw a digit and get an answer', async () => {
    await dock.getByRole('tab', { name: 'Train' }).click();
    await next.getByRole('button', { name: 'Try it with your own drawing' }).click();
    await expect(dock.getByRole('tab', { name: 'Try it' })).toHaveAttribute('aria-selected', 'true');
    const pad = dock.getByRole('img', { name: 'Drawing pad' });
    await expect(pad).toBeInViewport();
    await shot(page, 'newcomer-09-try-empty');
    await draw(pad, seven);
    await expect(dock.getByText(/^It looks like a \d \(\d+(\.\d)?% sure\)\.$/)).toBeInViewport();
    await expect(dock.getByRole('meter')).toHaveCount(10);
    await shot(page, 'newcomer-10-try-answer');
  });

  await test.step('look inside the model', async () => {
    await dock.getByRole('button', { name: 'Look inside the model' }).click();
    await expect(dock.getByRole('heading', { name: 'Look inside the model' })).toBeVisible();
    // The graph beside the panel: a click on a block there shows what it makes of the drawing.
    await page
      .getByRole('region', { name: 'Canvas: the network as a graph' })
      .locator('.react-flow__node')
      .filter({ hasText: 'conv1' })
      .click();
    await expect(dock.getByRole('group', { name: 'Blocks of the trained model' }).getByRole('button', { name: /^conv1/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(dock.getByRole('img', { name: 'Channel 8' })).toBeVisible();
    await shot(page, 'newcomer-11-inside', dock.getByRole('img', { name: 'Channel 8' }));
  });

  await test.step('Runs: the example opened as a project file, so the run just trained is in its history', async () => {
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await expect(dock.getByText(/^Runs are kept in \.nbproj project files\./)).toHaveCount(0);
    await expect(dock.getByRole('button', { name: 'Restore the graph and settings of run 1 into the editor' })).toBeVisible();
    await shot(page, 'newcomer-12-runs');
  });

  await test.step('the same path in French', async () => {
    await toolbar.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    for (const name of ['Accueil', 'Enregistrer', 'Exporter…', 'Entraîner'])
      expect(await inWindow(page, toolbar.getByRole('button', { name, exact: true })), name).toBe(true);
    expect(await inWindow(page, toolbar.getByRole('combobox', { name: 'Langue' }))).toBe(true);
    const dockFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
    await dockFr.getByRole('tab', { name: 'Entraîner' }).click();
    await expect(
      dockFr.getByRole('navigation', { name: 'Que faire ensuite' }).getByRole('button', { name: 'L’essayer avec votre dessin' }),
    ).toBeVisible();
    await shot(page, 'newcomer-12-train-fr');
    await dockFr.getByRole('tab', { name: 'Évaluer' }).click();
    await expect(dockFr.getByTestId('test-accuracy')).toHaveText(/^Exactitude sur le test\s: \d+(,\d)?\s%\ssur 10\s000 exemples/);
    await shot(page, 'newcomer-13-evaluate-fr');
    await dockFr.getByRole('tab', { name: 'Essayer' }).click();
    await draw(dockFr.getByRole('img', { name: 'Zone de dessin' }), seven);
    await expect(dockFr.getByText(/^On dirait un/)).toBeVisible();
    await shot(page, 'newcomer-14-try-fr');
    await dockFr.getByRole('tab', { name: 'Données' }).click();
    await shot(page, 'newcomer-15-data-fr');
  });

  await test.step('at 1024×768 nothing of the toolbar is out of the window', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const name of ['Accueil', 'Enregistrer', 'Exporter…', 'Entraîner'])
      expect(await inWindow(page, toolbar.getByRole('button', { name, exact: true })), name).toBe(true);
    expect(await inWindow(page, toolbar.getByRole('combobox', { name: 'Langue' }))).toBe(true);
    await shot(page, 'newcomer-16-1024-fr');
    await toolbar.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await shot(page, 'newcomer-17-1024');
  });
  expect(problems).toEqual([]);
});

test('a teacher checks the other screens on a 1280×720 projector, in English and French', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(url());
  const toolbar = page.getByRole('toolbar');

  await test.step('the augmentation preview of a Random block, in the inspector', async () => {
    await page
      .getByRole('region', { name: 'New project' })
      .getByRole('button', { name: /^CNN with data augmentation/ })
      .click();
    await page.locator('.react-flow__node').filter({ hasText: 'RandomRotation' }).first().click();
    const inspector = page.getByRole('complementary', { name: 'Block', exact: true });
    const preview = inspector.getByRole('region', { name: 'Augmentation preview' });
    await expect(preview.getByRole('img').first()).toBeVisible({ timeout: 30_000 });
    await expect(preview.getByRole('button', { name: 'Re-roll' })).toBeVisible();
    await shot(page, 'newcomer-20-augment-preview', preview.getByRole('img').first());
  });

  await test.step('the code beside the graph opens right below the toolbar too', async () => {
    await toolbar.getByRole('button', { name: 'Code', exact: true }).click();
    const code = page.getByRole('complementary', { name: 'Code of the model' });
    await expect(code).toBeVisible();
    const toolbarBox = (await toolbar.boundingBox())!;
    const codeBox = (await code.boundingBox())!;
    expect(Math.abs(codeBox.y - (toolbarBox.y + toolbarBox.height))).toBeLessThanOrEqual(1);
    expect(codeBox.y + codeBox.height).toBeLessThanOrEqual(720.5);
    await shot(page, 'newcomer-21-code');
    await toolbar.getByRole('button', { name: 'Code', exact: true }).click();
    await toolbar.getByRole('button', { name: 'Home' }).click();
  });

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await test.step('a project file with two short runs', async () => {
    await page
      .getByRole('region', { name: 'New project' })
      .getByRole('button', { name: /^MNIST CNN/ })
      .click();
    await toolbar.getByRole('button', { name: 'Save as…' }).click();
    await page.getByRole('textbox', { name: 'File name' }).fill('projector.nbproj');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await expect(toolbar.getByText('Saved')).toHaveCount(1);
    await toolbar.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByLabel('Training samples').fill('300');
    await dock.getByLabel('Epochs', { exact: true }).fill('1');
    await dock.getByLabel('Batch size').fill('16');
    for (const seed of ['1', '2']) {
      await dock.getByLabel('Seed').fill(seed);
      await dock.getByRole('button', { name: 'Start training' }).click();
      await expect(dock.getByText('Finished', { exact: true })).toBeVisible({ timeout: 90_000 });
    }
  });

  await test.step('Evaluate: the most confident mistakes and a cell of the confusion matrix', async () => {
    await dock.getByRole('tab', { name: 'Evaluate' }).click();
    const mistakes = dock.getByRole('button', { name: /^Test sample \d+: actual \d, predicted \d/ });
    await expect(mistakes.first()).toBeVisible({ timeout: 30_000 });
    await shot(page, 'newcomer-22-evaluate-mistakes', mistakes.first());
    await mistakes.first().click();
    await expect(dock.getByRole('heading', { name: /^True \d, answered \d$/ })).toBeInViewport();
    await shot(page, 'newcomer-23-evaluate-cell');
  });

  await test.step('Runs: two ticked runs compared side by side', async () => {
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await dock.getByRole('checkbox', { name: 'Show run 1 on the chart' }).check();
    await dock.getByRole('checkbox', { name: 'Show run 2 on the chart' }).check();
    await shot(page, 'newcomer-24-runs');
    await dock.getByRole('button', { name: 'Compare the 2 ticked runs' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run 1 and run 2 side by side' });
    await expect(dialog).toBeVisible();
    await shootDialog(page, dialog, 'newcomer-25-runs-compare');
    await expect(dialog).toHaveCount(0);
  });

  await test.step('the Export dialog', async () => {
    await toolbar.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export the model' });
    await expect(dialog.getByRole('button', { name: 'Export', exact: true })).toBeInViewport();
    await shootDialog(page, dialog, 'newcomer-26-export');
    await expect(dialog).toHaveCount(0);
  });

  await test.step('in French', async () => {
    await toolbar.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    const dockFr = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
    await page.getByRole('button', { name: 'Comparer les 2 entraînements cochés' }).click();
    const compare = page.getByRole('dialog', { name: 'Entraînements 1 et 2 côte à côte' });
    await expect(compare).toBeVisible();
    await expect(compare.getByRole('row', { name: /^Jeu de données Chiffres MNIST Chiffres MNIST$/ })).toBeVisible();
    await expect(compare.getByRole('row', { name: /^Type de données Jeu fourni Jeu fourni$/ })).toBeVisible();
    await expect(compare.getByRole('row', { name: /^Meilleure exactitude de validation \d+(,\d)?\s% \d+(,\d)?\s%$/ })).toBeVisible();
    await shootDialog(page, compare, 'newcomer-27-runs-compare-fr');
    await dockFr.getByRole('tab', { name: 'Évaluer' }).click();
    await expect(dockFr.getByRole('heading', { name: 'Erreurs les plus sûres' })).toBeVisible();
    await shot(page, 'newcomer-28-evaluate-mistakes-fr', dockFr.getByRole('heading', { name: 'Erreurs les plus sûres' }));
    await toolbar.getByRole('button', { name: 'Exporter…' }).click();
    const exportFr = page.getByRole('dialog', { name: 'Exporter le modèle' });
    await expect(exportFr).toBeVisible();
    await shootDialog(page, exportFr, 'newcomer-29-export-fr');
  });
  expect(problems).toEqual([]);
});
