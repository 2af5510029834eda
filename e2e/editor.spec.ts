import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import path from 'node:path';
import { chainProject } from '../core/model/project-fixtures';
import { center, COURSE_CNN, inspector, node } from './course';
import { consoleErrors, openExample, shot, unnamedControls, url } from './helpers';

/** Drags from one block's output handle to another's input handle, as a person does with the mouse. */
async function dragConnect(page: Page, from: string, to: string): Promise<void> {
  const start = await center(node(page, from).locator('.handle-out'));
  const end = await center(node(page, to).locator('.handle-in'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move((start.x + end.x) / 2, (start.y + end.y) / 2, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 4 });
  await page.mouse.up();
}

/** Selects a block by clicking its title and sets its parameters in the inspector. */
async function setParams(page: Page, id: string, params: Record<string, string>): Promise<void> {
  const idLabel = inspector(page).locator('.inspector__id');
  const shown = (await idLabel.count()) ? await idLabel.textContent() : null;
  if (shown !== id) await node(page, id).locator('.block-node__type').click();
  await expect(inspector(page).locator('.inspector__id')).toHaveText(id);
  for (const [name, value] of Object.entries(params)) {
    const field = inspector(page).getByTestId(`param-${name}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
}

test('a person builds, checks, edits and saves the course CNN with the mouse', async ({ page }) => {
  // The course CNN built block by block, its parameters typed: on a busy machine, more than the config's 90 s.
  test.setTimeout(180_000);
  // Its blocks are dropped in three columns 280 px apart at the starting zoom, which needs the canvas
  // of a 1440×900 window: at 1280×720 the canvas between the open palette and inspector is 680 px wide.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(url());
  await expect(page.getByRole('heading', { name: 'Neuroblocks', exact: true })).toBeVisible();
  await expect(page.getByTestId('example-mnist-cnn')).toBeVisible();
  await shot(page, 'home');
  expect(await unnamedControls(page)).toEqual([]);

  await test.step('start an empty project', async () => {
    await page.getByTestId('new-empty').click();
    await expect(page.locator('.canvas-empty')).toBeVisible();
    await page.getByRole('textbox', { name: 'Project name' }).fill('Course CNN');
  });

  await test.step('drag the blocks from the palette onto the canvas', async () => {
    const canvas = page.locator('.react-flow__pane');
    const box = (await canvas.boundingBox())!;
    // Three columns of four rows: everything stays in view at the starting zoom.
    for (const [i, block] of COURSE_CNN.entries()) {
      const column = Math.floor(i / 4);
      const row = i % 4;
      await page.getByTestId(`palette-${block.type}`).dragTo(canvas, { targetPosition: { x: 110 + column * 280, y: 60 + row * 150 } });
      await expect(node(page, block.id)).toBeVisible();
    }
    expect(box.width).toBeGreaterThan(800);
    await expect(page.locator('.react-flow__node')).toHaveCount(COURSE_CNN.length);
  });

  await test.step('connect them by dragging between handles', async () => {
    for (let i = 0; i + 1 < COURSE_CNN.length; i++) {
      await dragConnect(page, COURSE_CNN[i].id, COURSE_CNN[i + 1].id);
      await expect(page.getByTestId(`edge-label-${COURSE_CNN[i].id}-${COURSE_CNN[i + 1].id}`)).toBeVisible();
    }
    await expect(page.locator('.react-flow__edge')).toHaveCount(COURSE_CNN.length - 1);
  });

  await test.step('a connection that cannot work is refused with the reason', async () => {
    await dragConnect(page, 'maxpooling2d_1', 'conv2d_1');
    await expect(page.getByTestId('toast-error').last()).toContainText(/loop|only one input/);
    await expect(page.locator('.react-flow__edge')).toHaveCount(COURSE_CNN.length - 1);
  });

  await test.step('set the parameters in the inspector and read shapes and the parameter count', async () => {
    for (const block of COURSE_CNN) if (Object.keys(block.params).length) await setParams(page, block.id, block.params);
    await expect(page.getByTestId('edge-label-input_1-conv2d_1')).toHaveText('28×28×1');
    await expect(page.getByTestId('edge-label-conv2d_1-maxpooling2d_1')).toHaveText('26×26×8');
    await expect(page.getByTestId('edge-label-conv2d_2-maxpooling2d_2')).toHaveText('11×11×16');
    await expect(page.getByTestId('edge-label-flatten_1-dense_1')).toHaveText('400');
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await expect(page.getByTestId('trainable-params')).toHaveText('42,358');
    await expect(page.getByTestId('non-trainable-params')).toHaveText('0');
    await expect(page.getByTestId('graph-status')).toContainText('valid');
    await expect(node(page, 'conv2d_1')).toContainText('80 parameters');
  });

  await test.step('tidy the layout (L) and look at the result', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('l');
    // The tidied graph is fitted into view: the first and the last block are both on screen.
    await expect(node(page, 'input_1')).toBeInViewport();
    await expect(node(page, 'dense_2')).toBeInViewport();
    await node(page, 'conv2d_2').locator('.block-node__type').click();
    // Laid out in columns that fit the canvas: the whole network is legible without zooming in.
    await page.waitForTimeout(400);
    await page.locator('.palette').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'editor');
  });

  await test.step('a kernel too large shows an error on its block; undo and redo', async () => {
    await setParams(page, 'conv2d_2', { kernelSize: '15' });
    const badge = page.getByTestId('badge-conv2d_2');
    await expect(badge).toBeVisible();
    await badge.hover();
    await expect(badge.getByRole('tooltip')).toContainText('kernel');
    await expect(page.getByTestId('graph-status')).toContainText('error');
    await expect(page.getByTestId('edge-label-conv2d_2-maxpooling2d_2')).toHaveText('?');
    await shot(page, 'editor-error');

    await page.keyboard.press('Control+z');
    await expect(badge).toHaveCount(0);
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await expect(page.getByTestId('param-kernelSize')).toHaveValue('3');
    await page.keyboard.press('Control+y');
    await expect(badge).toBeVisible();
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(badge).toHaveCount(0);
    await expect(page.getByTestId('edge-label-conv2d_2-maxpooling2d_2')).toHaveText('11×11×16');
  });

  await test.step('save (Ctrl+S) into the project file the new project got at once, reload, and find the same graph', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+s');
    // The project is a .nbproj file from the start (and autosaved): Save needs no file name.
    await expect(page.getByRole('dialog', { name: 'Save the project as' })).toHaveCount(0);
    await expect(page.getByTestId('toast-info').last()).toContainText(/Saved to .*untitled(-\d+)?\.nbproj/);
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
    await expect(page).toHaveTitle('Course CNN — Neuroblocks');

    const before = await page.locator('.edge-label').allTextContents();
    await page.reload();
    await page.locator('[data-testid^="file-"]', { hasText: 'Course CNN' }).click();
    await expect(page.locator('.react-flow__node')).toHaveCount(COURSE_CNN.length);
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    expect((await page.locator('.edge-label').allTextContents()).sort()).toEqual(before.sort());
    for (const block of COURSE_CNN) await expect(node(page, block.id)).toHaveAttribute('data-block-type', block.type);
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  });

  await test.step('switch to French; the choice is remembered', async () => {
    await page.getByTestId('language').selectOption('fr');
    await expect(page.getByRole('button', { name: 'Enregistrer', exact: true })).toBeVisible();
    await expect(page.getByText('Paramètres au total')).toBeVisible();
    await expect(page.getByTestId('total-params')).toHaveText(/^42\s358$/);
    await expect(page.getByTestId('palette-Conv2D')).toContainText(/filtre|convolution/i);
    await node(page, 'conv2d_1').locator('.block-node__type').click();
    await expect(page.getByText('Ce qu’il fait')).toBeVisible();
    await expect(node(page, 'dropout_1').locator('.block-node__describe')).toHaveText('taux 0,2');
    await shot(page, 'editor-fr');
    // Errors speak French too, naming the block and the parameter.
    await setParams(page, 'conv2d_2', { kernelSize: '15' });
    const badge = page.getByTestId('badge-conv2d_2');
    await badge.hover();
    await expect(badge.getByRole('tooltip')).toContainText('Le noyau 15×15 dépasse son entrée 13×13');
    await expect(page.getByTestId('issue').first()).toContainText('Conv2D « conv2d_2 »');
    await shot(page, 'editor-error-fr');
    await page.getByRole('button', { name: 'Annuler' }).click();
    await expect(badge).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Nouveau projet' })).toBeVisible();
    await expect(page.locator('[data-testid^="file-"]', { hasText: 'Course CNN' })).toBeVisible();
    await expect(page.getByTestId('example-mnist-cnn')).toContainText('Le réseau convolutif du cours');
    await shot(page, 'home-fr');
    await page.getByTestId('language').selectOption('en');
  });
});

test('the keyboard alone builds a small network and the shortcuts edit it', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  const add = async (type: string) => {
    await page.getByTestId(`palette-${type}`).focus();
    await page.keyboard.press('Enter');
  };
  await add('Input');
  await add('Flatten');
  await add('Dense');
  // Each block was added after the selected one and connected to it.
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await expect(page.getByTestId('edge-label-input_1-flatten_1')).toHaveText('28×28×1');
  await expect(page.getByTestId('edge-label-flatten_1-dense_1')).toHaveText('784');
  await expect(page.getByTestId('total-params')).toHaveText('7,850');

  await page.getByRole('spinbutton', { name: 'units' }).fill('32');
  await expect(page.getByTestId('total-params')).toHaveText('25,120');

  // Duplicate, then delete the copy, with shortcuts.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.getByTestId('node-dense_1').locator('.block-node__type').click();
  await page.keyboard.press('Control+d');
  await expect(page.getByTestId('node-dense_2')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('node-dense_2')).toHaveCount(0);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__node')).toHaveCount(3);

  // A block added with nothing selected is connected from the inspector, with the keyboard.
  await page.keyboard.press('Escape');
  await add('Dropout');
  const connectFrom = page.getByRole('combobox', { name: 'Connect an input from…' });
  await connectFrom.selectOption('dense_1');
  await page.getByRole('button', { name: 'Connect', exact: true }).press('Enter');
  await expect(page.getByTestId('edge-label-dense_1-dropout_1')).toHaveText('32');
  // A block on the canvas takes the focus and is selected with Enter.
  await page
    .getByRole('group')
    .filter({ has: page.getByTestId('node-input_1') })
    .focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.inspector__id')).toHaveText('input_1');
  expect(await unnamedControls(page)).toEqual([]);

  // The search narrows the palette; the summary lists a problem and selects its block.
  await page.getByRole('searchbox', { name: 'Search blocks' }).fill('pool');
  await expect(page.getByTestId('palette-Dense')).toHaveCount(0);
  await expect(page.getByTestId('palette-MaxPooling2D')).toBeVisible();
});

test('an example opens from the home screen, readable and checked', async ({ page }) => {
  // The page logs no error and every file it asks for exists.
  const problems = consoleErrors(page);
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await openExample(page, 'mnist-cnn');
  await expect(page.locator('.react-flow__node')).toHaveCount(11);
  await expect(page.getByTestId('total-params')).toHaveText('42,358');
  await expect(page.getByTestId('graph-status')).toHaveText(/valid/);
  // An example opens as a new project file of its own (its runs will be kept), nothing changed yet.
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
  // Opened at a readable zoom, from its beginning.
  await expect(node(page, 'input')).toBeInViewport();
  const transform = (await page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
  const zoom = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
  expect(zoom).toBeGreaterThanOrEqual(0.7);

  // Clicking an error in the summary selects its block.
  await setParams(page, 'conv1', { filters: '0' });
  await expect(page.getByTestId('badge-conv1')).toBeVisible();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await expect(page.locator('.inspector__id')).toHaveCount(0);
  await page.locator('.summary').getByTestId('issue').filter({ hasText: 'conv1' }).first().click();
  await expect(page.locator('.inspector__id')).toHaveText('conv1');
  await expect(page.getByTestId('param-filters')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'example-error');
  expect(await unnamedControls(page)).toEqual([]);

  // Left-to-right layout: each block sits to the right of the one feeding it.
  await page.getByRole('combobox', { name: 'Layout direction' }).selectOption('LR');
  await expect
    .poll(async () => {
      const [a, b] = await Promise.all([node(page, 'input').boundingBox(), node(page, 'conv1').boundingBox()]);
      return a && b ? b.x - a.x : 0;
    })
    .toBeGreaterThan(100);
  await shot(page, 'example-left-to-right');
  expect(problems).toEqual([]);
});

test('a project file from this computer opens in the editor', async ({ page }) => {
  await page.goto(url());
  await page
    .getByLabel('Open a project file (.nbproj or .json) from this computer…')
    .setInputFiles(path.resolve(import.meta.dirname, '..', 'projects', 'spirals-mlp.json'));
  await expect(page.getByRole('textbox', { name: 'Project name' })).not.toHaveValue('');
  await expect(page.getByTestId('total-params')).toHaveText('354');
  // Imported JSON becomes a project file of its own in the projects folder.
  await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
});

test('ZeroPadding2D takes one number, rows and columns, or each side apart in its inspector field', async ({ page }) => {
  const project = chainProject('Uneven padding', [
    { id: 'in', type: 'Input', params: { shape: [28, 28, 1] } },
    { id: 'pad', type: 'ZeroPadding2D', params: { padding: 1 } },
    { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, strides: 2, activation: 'relu' } },
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ]);
  await page.goto(url());
  await page
    .getByLabel('Open a project file (.nbproj or .json) from this computer…')
    .setInputFiles({ name: 'padding.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  const padded = page.getByTestId('edge-label-pad-conv');
  await expect(padded).toHaveText('30×30×1');
  // One row below and one column on the right, as MobileNetV2 pads before a stride-2 convolution.
  await setParams(page, 'pad', { padding: '0, 1, 0, 1' });
  await expect(padded).toHaveText('29×29×1');
  await expect(page.getByTestId('edge-label-conv-flat')).toHaveText('14×14×4');
  await expect(node(page, 'pad')).toContainText('+0/1×0/1');
  // Keras's own way of writing it is read as it is.
  await setParams(page, 'pad', { padding: '((2, 0), (1, 3))' });
  await expect(padded).toHaveText('30×32×1');
  await setParams(page, 'pad', { padding: '1, 2' });
  await expect(padded).toHaveText('30×32×1');
  await setParams(page, 'pad', { padding: '2' });
  await expect(padded).toHaveText('32×32×1');
  await expect(page.getByTestId('graph-status')).toContainText('valid');
  // Three numbers are neither a pair nor the four sides: the block and the field say what the parameter takes.
  await setParams(page, 'pad', { padding: '0, 1, 0' });
  await expect(page.getByTestId('badge-pad')).toBeVisible();
  await expect(inspector(page).getByRole('alert')).toContainText(
    'ZeroPadding2D "pad": padding must be a whole number between 0 and 1024, a pair [height, width] of them, or [[top, bottom], [left, right]] (got [0,1,0])',
  );
});
