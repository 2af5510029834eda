// Honest state and nothing lost, at a classroom projector's 1280×720: "valid" means it trains,
// Start says why it cannot be pressed, each project shows only its own runs, new projects keep
// their runs in a .nbproj file from the start, and a .nbproj received from someone else opens in
// the browser.
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chainProject } from '../core/model/project-fixtures';
import { consoleErrors, dismissMessages, shot, url } from './helpers';

const root = path.resolve(import.meta.dirname, '..');

function projectsDir(): string {
  const home = process.env.NEUROBLOCKS_E2E_HOME;
  if (!home)
    throw new Error("NEUROBLOCKS_E2E_HOME is not set: the fixtures start a web host for each worker (import `test` from './fixtures').");
  const documents = path.join(home, 'Documents');
  return path.join(existsSync(documents) ? documents : home, 'Neuroblocks');
}

/** The files of the projects folder (none before it is first written to). */
/** The projects folder's files; SQLite's side files of an existing project (-wal, -shm) come and go with its connections and are left out. */
const projectFiles = () => {
  const files = existsSync(projectsDir()) ? readdirSync(projectsDir()).sort() : [];
  return files.filter((f) => !/-(wal|shm|journal)$/.test(f) || !files.includes(f.replace(/-(wal|shm|journal)$/, '')));
};

const dock = (page: Page) => page.getByRole('complementary', { name: /Training and evaluation|Entraînement et évaluation/ });

async function language(page: Page, code: 'EN' | 'FR'): Promise<void> {
  await page.getByTestId('language').first().selectOption(code.toLowerCase());
}

/** Opens a project JSON through the home screen's file button, as a person does with a file from a colleague. */
async function openJson(page: Page, name: string, project: object): Promise<void> {
  await page
    .getByLabel('Open a project file (.nbproj or .json) from this computer…')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
}

const denseOnImage = chainProject(
  'Dense on a feature map',
  [
    { id: 'input_1', type: 'Input', params: { shape: [28, 28, 1] } },
    { id: 'conv2d_1', type: 'Conv2D', params: { filters: 32, kernelSize: 3, activation: 'relu' } },
    { id: 'maxpooling2d_1', type: 'MaxPooling2D', params: { poolSize: 4 } },
    { id: 'dense_1', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ],
  { kind: 'builtin', name: 'mnist', size: 200 },
  { epochs: 1, batchSize: 16 },
);

test('a graph whose output is not one value per class is an error while editing, and Start says why it is disabled', async ({ page }) => {
  const problems = consoleErrors(page);
  await page.goto(url());
  await openJson(page, 'dense-on-image.json', denseOnImage);
  await expect(page.getByTestId('total-params')).toBeVisible();
  // Imported JSON becomes a project file of its own at once.
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');

  const status = page.getByTestId('graph-status');
  await expect(status).not.toContainText('valid');
  await expect(status).toContainText('1 error');
  const summary = page.locator('.summary');
  await expect(summary).toContainText(
    'The model\'s output "dense_1" gives 6×6×10 values for each sample, but it must give 10 values, one per class: add a Flatten block (or GlobalAveragePooling2D) just before Dense "dense_1".',
  );

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const start = dock(page).getByTestId('train-start');
  await expect(start).toBeDisabled();
  const why = dock(page).getByTestId('train-start-why');
  await expect(why).toContainText('The graph has an error to fix first:');
  await expect(why).toContainText('6×6×10');
  // The reason is the button's accessible description, and the button looks disabled (not the blue of a pressable one).
  await expect(start).toHaveAccessibleDescription(/The graph has an error to fix first/);
  // Runs in the page; typed loosely because the Node-side compiler has no DOM library (on purpose).
  const background = await start.evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor as string);
  expect(background).not.toBe('rgb(36, 70, 184)');
  await expect(start).toHaveCSS('cursor', 'not-allowed');
  await shot(page, 'honest-output-error-en');

  await language(page, 'FR');
  await expect(why).toContainText('Le graphe a une erreur à corriger d’abord :');
  await expect(page.locator('.summary')).toContainText('ajoutez un bloc Flatten (ou GlobalAveragePooling2D) juste avant Dense « dense_1 »');
  await shot(page, 'honest-output-error-fr');
  await language(page, 'EN');
  expect(problems).toEqual([]);
});

test('the first advice on an unfinished graph says what is missing, with `code` shown as code, never "softmax on conv2d_1"', async ({
  page,
}) => {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  await expect(page.locator('.canvas-empty')).toBeVisible();
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  await page.getByTestId('palette-Input').press('Enter');
  await page.getByTestId('palette-Conv2D').press('Enter');
  await expect(page.locator('.react-flow__edge')).toHaveCount(1);
  const summary = page.locator('.summary');
  await expect(summary).toContainText(
    'add a Flatten block and then a Dense block with units = the number of classes and activation "softmax" after "conv2d_1"',
  );
  await expect(summary).not.toContainText('softmax" on "conv2d_1"');
  // Backticks are rendered as code, never shown.
  await expect(summary.locator('code.message-code').first()).toHaveText('units');
  expect(await summary.textContent()).not.toContain('`');

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const why = dock(page).getByTestId('train-start-why');
  await expect(dock(page).getByTestId('train-start')).toBeDisabled();
  await expect(why).toContainText('Choose the data to train on first');
  await expect(why).toContainText('The graph has an error to fix first:');
  await expect(why.locator('code.message-code').first()).toBeVisible();
  expect(await why.textContent()).not.toContain('`');
  await shot(page, 'honest-start-why-en');
  await language(page, 'FR');
  await expect(why).toContainText('Choisissez d’abord les données d’entraînement');
  await expect(summary).toContainText('ajoutez un bloc Flatten puis un bloc Dense avec units = le nombre de classes');
  await shot(page, 'honest-start-why-fr');
  await language(page, 'EN');
});

test('each project shows only its own runs; after Restore, Evaluate and Try it follow the restored run; opening a project closes the panels over the canvas', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  await page.goto(url());
  await page.getByTestId('example-spirals-mlp').click();
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  const panel = dock(page);
  const status = panel.getByTestId('train-status');

  await test.step('two short runs of the example, recorded in its project file from the start', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await panel.getByLabel('Epochs', { exact: true }).fill('2');
    await panel.getByTestId('train-start').click();
    await expect(status).toHaveText('Finished', { timeout: 90_000 });
    await panel.getByLabel('Learning rate').fill('0.05');
    await panel.getByTestId('train-start').click();
    await expect(status).toHaveText('Finished', { timeout: 90_000 });
    await panel.getByRole('tab', { name: 'Runs' }).click();
    await expect(panel.getByRole('button', { name: /Restore the graph and settings of run/ })).toHaveCount(2);
  });

  await test.step('Restore run 1: Evaluate and Try it show run 1', async () => {
    await panel.getByRole('button', { name: 'Restore the graph and settings of run 1 into the editor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore run 1' }).click();
    await expect(panel.getByTestId('runs-message')).toContainText('1');
    await panel.getByRole('tab', { name: 'Evaluate' }).click();
    await expect(panel.getByTestId('run-picker-status')).toContainText('Run 1,', { timeout: 60_000 });
    await expect(panel.getByTestId('test-accuracy')).toBeVisible();
    await panel.getByRole('tab', { name: 'Try it' }).click();
    await expect(panel.getByTestId('run-picker-status')).toContainText('Run 1,');
    await shot(page, 'honest-restored-run-en');
  });

  await test.step('a new project shows none of them, and opens on the palette and the canvas', async () => {
    await page.locator('.code-toggle').click();
    await expect(page.locator('#code-panel')).toBeVisible();
    await page.getByRole('button', { name: 'Home' }).click();
    await page.getByTestId('new-empty').click();
    await expect(page.locator('.canvas-empty')).toBeVisible();
    // The panels that would hide the palette or the canvas are closed.
    await expect(panel).toBeHidden();
    await expect(page.locator('#code-panel')).toBeHidden();
    await expect(page.getByTestId('palette-Input')).toBeVisible();
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await expect(status).not.toHaveText('Finished');
    await expect(panel.getByTestId('train-progress-text')).toHaveCount(0);
    await panel.getByRole('tab', { name: 'Evaluate' }).click();
    await expect(panel.getByTestId('test-accuracy')).toHaveCount(0);
    await expect(panel.getByTestId('run-picker-status')).not.toContainText('Run 1');
    await panel.getByRole('tab', { name: 'Try it' }).click();
    await expect(panel.getByTestId('run-picker-status')).not.toContainText('Run');
    await panel.getByRole('tab', { name: 'Runs' }).click();
    await expect(panel).toContainText('No run recorded yet');
    await shot(page, 'honest-new-project-no-runs-en');
    await language(page, 'FR');
    await expect(panel).toContainText('Aucun entraînement enregistré');
    await shot(page, 'honest-new-project-no-runs-fr');
    await language(page, 'EN');
  });
  expect(problems).toEqual([]);
});

test('saving as .json says the runs are not kept in it, and the project keeps them', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('example-spirals-mlp').click();
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  await page.getByRole('button', { name: 'Save as…' }).click();
  const dialog = page.getByRole('dialog');
  const name = dialog.getByRole('textbox', { name: 'File name' });
  await expect(name).toHaveValue(/\.nbproj$/);
  await expect(dialog.getByTestId('save-as-kind')).toContainText('keeps the graph, the settings and every run');
  await name.fill('spirals-copy.json');
  await expect(dialog.getByTestId('save-as-kind')).toHaveText(
    'A .json file keeps the graph and the settings only: runs and their weights are not kept in it (they stay in the .nbproj project file).',
  );
  await expect(name).toHaveAccessibleDescription(/runs and their weights are not kept in it/);
  await page.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'honest-save-json-en.png') });
  await language(page, 'FR');
  await expect(dialog.getByTestId('save-as-kind')).toContainText('les entraînements et leurs poids n’y sont pas conservés');
  await page.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'honest-save-json-fr.png') });
  await language(page, 'EN');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByTestId('toast-info').last()).toContainText(
    /Exported spirals-copy\.json: a \.json file keeps the graph and the settings, not the runs\. The project, with its runs, stays in two-spirals(-\d+)?\.nbproj\./,
  );
  expect(existsSync(path.join(projectsDir(), 'spirals-copy.json'))).toBe(true);
});

test('the browser opens a .nbproj received from someone else, with its runs; a damaged one is refused and nothing of it is kept', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const outside = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-received-'));
  const received = path.join(outside, 'from-the-teacher.nbproj');
  execFileSync(process.execPath, ['bin/neuroblocks.js', 'train', 'projects/spirals-mlp.json', '--save', received, '--epochs', '2'], {
    cwd: root,
    stdio: 'pipe',
  });
  const damaged = path.join(outside, 'damaged.nbproj');
  const bytes = readFileSync(received);
  writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 3)));

  await page.goto(url());
  const before = projectFiles();
  const picker = page.getByLabel('Open a project file (.nbproj or .json) from this computer…');
  await picker.setInputFiles(damaged);
  await expect(page.getByTestId('toast-error').last()).toContainText(/^damaged\.nbproj is damaged.*Nothing was kept/);
  await expect(page.getByTestId('toast-error').last()).not.toContainText('.upload-');
  expect(projectFiles()).toEqual(before);
  // With the message on screen (a shot would close it first).
  await page.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'honest-upload-refused-en.png') });
  await dismissMessages(page);
  await language(page, 'FR');
  await page.getByLabel('Ouvrir un fichier de projet (.nbproj ou .json) de cet ordinateur…').setInputFiles(damaged);
  await expect(page.getByTestId('toast-error').last()).toContainText(/^damaged\.nbproj est endommagé.*Rien n’a été conservé/);
  await page.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'honest-upload-refused-fr.png') });
  await dismissMessages(page);
  await language(page, 'EN');
  expect(projectFiles()).toEqual(before);

  await picker.setInputFiles(received);
  await expect(page.getByTestId('total-params')).toHaveText('354');
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  expect(projectFiles()).toContain('from-the-teacher.nbproj');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const panel = dock(page);
  await panel.getByRole('tab', { name: 'Runs' }).click();
  await expect(panel.getByRole('button', { name: 'Restore the graph and settings of run 1 into the editor' })).toBeVisible();
  await panel.getByRole('tab', { name: 'Evaluate' }).click();
  await expect(panel.getByTestId('test-accuracy')).toBeVisible({ timeout: 60_000 });
  await shot(page, 'honest-upload-opened-en');
});
