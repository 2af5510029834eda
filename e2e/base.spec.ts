import { expect, test } from './fixtures';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { artifacts, consoleErrors, shot, trainOnSamples, url } from './helpers';

test('a trained run becomes a pretrained base block in a new project: collapsed, expanded, made trainable', async ({ page }) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  await page.goto(url());
  await page.getByTestId('example-digits-0-4').click();
  await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue('Digits 0–4', { timeout: 30_000 });

  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await test.step('train "Digits 0–4" briefly: 1 epoch on 600 digits', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await trainOnSamples(dock, 600, 1, 32, 120_000);
  });

  await test.step('Runs › Use as base, cut before the classifier, into a new project', async () => {
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await dock.getByTestId('use-as-base-1').click();
    const dialog = page.getByTestId('use-as-base-dialog');
    await expect(dialog).toBeVisible();
    const cut = dialog.getByLabel('The base ends with the block');
    await expect(cut).toHaveValue('flatten');
    await expect(cut.locator('option:checked')).toHaveText('flatten (Flatten → 800) — the block before the classifier');
    await expect(dialog.getByRole('radio', { name: 'A new project' })).toBeChecked();
    // In the browser the projects folder is all the app reaches, and the dialog says so; the desktop's "Another project file…" is not offered.
    await expect(dialog).toContainText('In a browser the app reaches only the projects folder: copy a project there to use it here.');
    await expect(dialog.getByRole('button', { name: 'Another project file…' })).toHaveCount(0);
    await dialog.getByLabel('Name of the new project').fill('Digits 5–9 with a base');
    await shot(page, 'base-use-as-base-dialog');
    await dialog.getByRole('button', { name: 'Use as base' }).click();
    await expect(dialog).toHaveCount(0);
  });

  const base = page.locator('.base-node');
  await test.step('the new project shows the base as one collapsed block: name, source, output shape, counts', async () => {
    await expect(page.getByRole('textbox', { name: 'Project name' })).toHaveValue('Digits 5–9 with a base');
    // The training panel closed with the project it belonged to: the canvas shows the new one.
    await expect(page.getByRole('button', { name: 'Close the training panel' })).toHaveCount(0);
    await expect(base).toHaveCount(1);
    await expect(base).toContainText('Digits 0–4');
    await expect(base).toContainText('From run 1 of Digits 0–4');
    await expect(base).toContainText('5 layers');
    await expect(base).toContainText('→ 800');
    await expect(base).toContainText('4,800 parameters · 0 trainable · 4,800 frozen');
    // The connections into and out of the base are drawn to it, with their shapes.
    await expect(page.locator('.edge-label', { hasText: '28×28×1' })).toHaveCount(1);
    await expect(page.locator('.edge-label', { hasText: /^800$/ })).toHaveCount(1);
    // Readable on a projector: no text of the base block under 12 px on screen.
    const smallest = await base.evaluate((element) => {
      const zoom = element.getBoundingClientRect().width / (element as unknown as { offsetWidth: number }).offsetWidth;
      const style = (globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle;
      let min = Infinity;
      for (const e of element.querySelectorAll('*')) if (e.textContent?.trim()) min = Math.min(min, parseFloat(style(e).fontSize) * zoom);
      return min;
    });
    expect(smallest).toBeGreaterThanOrEqual(12);
    await shot(page, 'base-block');
    mkdirSync(path.resolve(import.meta.dirname, '../assets/screenshots'), { recursive: true });
    copyFileSync(path.join(artifacts, 'base-block.png'), path.resolve(import.meta.dirname, '../assets/screenshots/base-block.png'));
  });

  await test.step('selected, the inspector lists its layers; the Trainable switch unfreezes all of it', async () => {
    await base.locator('.base-node__name').click();
    const inspector = page.getByTestId('base-inspector');
    await expect(inspector.locator('tbody tr')).toHaveCount(5);
    await expect(inspector.locator('tbody tr').first()).toContainText('Conv2D');
    await expect(inspector.locator('tbody tr').first()).toContainText('26×26×16');
    const trainable = inspector.getByRole('switch', { name: 'Trainable' });
    await expect(trainable).not.toBeChecked();
    await trainable.check();
    await expect(base).toContainText('4,800 trainable · 0 frozen');
    await shot(page, 'base-block-inspector');
    // Fine-tuning: only the last layer with weights learns.
    await inspector.getByRole('spinbutton', { name: 'Unfreeze the last' }).fill('1');
    await inspector.getByRole('button', { name: 'Unfreeze', exact: true }).click();
    await expect(base).toContainText('4,640 trainable · 160 frozen');
  });

  await test.step('expanded, its blocks are shown in a frame; collapsed again, one block', async () => {
    await base.getByRole('button', { name: /Show the 5 blocks of the base/ }).click();
    await expect(base).toHaveCount(0);
    const frame = page.locator('.base-frame');
    await expect(frame).toBeVisible();
    await expect(frame).toContainText('Digits 0–4');
    await expect(page.locator('.block-node[data-block-type="Conv2D"]')).toHaveCount(2);
    await shot(page, 'base-block-expanded');
    await frame.getByRole('button', { name: /Draw the base .* as one block/ }).click();
    await expect(base).toHaveCount(1);
    await expect(page.locator('.block-node[data-block-type="Conv2D"]')).toHaveCount(0);
    // Undo brings the expanded view back: the state is part of the project.
    await page.keyboard.press('Control+z');
    await expect(page.locator('.base-frame')).toBeVisible();
  });

  expect(problems).toEqual([]);
});
