// The editor on a classroom projector (1280×720): readable block titles after fitting, side panels
// that fold away, presentation mode, and wiring that does not fight the user (insert on a connection,
// rewiring, notices and the overview map out of the way, the keyboard).
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import path from 'node:path';
import { addInChain, buildCourseCnn, canvasBox, center, COURSE_CNN, deselect, expectReadable, inspector, node } from './course';
import { artifacts, consoleErrors, shot, url } from './helpers';

test('the course CNN stays readable at 1280×720: fitted with the panels open, laid out left to right, and in presentation mode', async ({
  page,
}) => {
  const errors = consoleErrors(page);
  await buildCourseCnn(page);

  await test.step('tidy and fit with both panels open', async () => {
    await page.keyboard.press('l');
    await expectReadable(page);
    await page.keyboard.press('f');
    await expectReadable(page);
    await page.getByRole('button', { name: 'Fit the whole graph in view' }).click();
    await expectReadable(page);
    // The graph starts in view (a long graph scrolls from its beginning).
    await expect(node(page, 'input_1')).toBeInViewport();
    await shot(page, 'projector-editor-en');
  });

  await test.step('left to right is as readable as top to bottom', async () => {
    await page.getByRole('combobox', { name: 'Layout direction' }).selectOption('LR');
    await expect
      .poll(async () => ((await node(page, 'conv2d_1').boundingBox())?.x ?? 0) - ((await node(page, 'input_1').boundingBox())?.x ?? 0))
      .toBeGreaterThan(100);
    await expectReadable(page);
    await expect(node(page, 'input_1')).toBeInViewport();
    await shot(page, 'projector-editor-left-to-right-en');
    await page.getByRole('combobox', { name: 'Layout direction' }).selectOption('TB');
  });

  await test.step('presentation mode: the graph alone, larger, whole; Esc leaves it', async () => {
    await page.getByRole('button', { name: 'Present' }).click();
    await expect(page.locator('.palette')).toBeHidden();
    await expect(page.getByRole('toolbar', { name: 'Editor tools' })).toBeHidden();
    await expect(page.locator('.editor .side')).toBeHidden();
    expect((await canvasBox(page)).width).toBeGreaterThan(1200);
    await expectReadable(page, 15);
    for (const block of COURSE_CNN) await expect(node(page, block.id)).toBeInViewport();
    await shot(page, 'projector-presentation-en');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('toolbar', { name: 'Editor tools' })).toBeVisible();
    await expect(page.locator('.palette')).toBeVisible();
    await expectReadable(page);
    // One key too.
    await page.keyboard.press('p');
    await expect(page.getByRole('button', { name: 'Leave presentation (Esc)' })).toBeVisible();
    await page.getByRole('button', { name: 'Leave presentation (Esc)' }).click();
    await expect(page.locator('.palette')).toBeVisible();
  });

  await test.step('presentation mode keeps the panel in use: the training panel beside the graph', async () => {
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const dock = page.locator('#training-dock');
    await expect(dock).toBeVisible();
    await page.locator('.editor .canvas').focus();
    await page.keyboard.press('p');
    await expect(dock).toBeVisible();
    await expect(page.locator('.palette')).toBeHidden();
    await expect(page.getByRole('toolbar', { name: 'Editor tools' })).toBeHidden();
    await expect(page.locator('.editor .canvas')).toBeVisible();
    await expectReadable(page, 15);
    await shot(page, 'projector-presentation-training-en');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('toolbar', { name: 'Editor tools' })).toBeVisible();
    await expect(dock).toBeHidden();
  });

  await test.step('the same in French', async () => {
    await page.getByTestId('language').selectOption('fr');
    await page.keyboard.press('f');
    await expectReadable(page);
    await shot(page, 'projector-editor-fr');
    await page.getByRole('button', { name: 'Présenter' }).click();
    await expectReadable(page, 15);
    await expect(page.getByRole('button', { name: 'Quitter la présentation (Échap)' })).toBeVisible();
    await shot(page, 'projector-presentation-fr');
    await page.keyboard.press('Escape');
    await page.getByTestId('language').selectOption('en');
  });
  expect(errors).toEqual([]);
});

test('the side panels fold away with a button or a key, and the window remembers it', async ({ page, context }) => {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  const wide = (await canvasBox(page)).width;
  await page.getByRole('button', { name: 'Hide the blocks' }).click();
  await expect(page.locator('.palette')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show the blocks' })).toBeVisible();
  await deselect(page);
  await page.keyboard.press(']');
  await expect(page.locator('.editor .side')).toHaveCount(0);
  const wider = (await canvasBox(page)).width;
  expect(wider).toBeGreaterThan(wide + 450);

  // Remembered by this window across a reload (presentation mode is not)…
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Leave presentation (Esc)' })).toBeVisible();
  await page.reload();
  await page.getByTestId('new-empty').click();
  await expect(page.getByRole('button', { name: 'Show the blocks' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Show the block’s settings and the summary' })).toBeVisible();
  await expect(page.locator('.palette')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Editor tools' })).toBeVisible();
  // …but another window has its own.
  const other = await context.newPage();
  await other.goto(url());
  await other.getByTestId('new-empty').click();
  await expect(other.locator('.palette')).toBeVisible();
  await other.close();

  await deselect(page);
  await page.keyboard.press('[');
  await expect(page.locator('.palette')).toBeVisible();
  await page.getByRole('button', { name: 'Show the block’s settings and the summary' }).click();
  await expect(inspector(page)).toBeVisible();
});

test('a block dropped on a connection is inserted in it, as one undo step', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  await addInChain(page, ['Input', 'Flatten', 'Dense']);
  await page.keyboard.press('f');
  await page.waitForTimeout(400);
  const label = page.getByTestId('edge-label-flatten_1-dense_1');
  await page.getByTestId('palette-Dropout').dragTo(label);
  await expect(page.getByTestId('edge-label-flatten_1-dropout_1')).toHaveText('784');
  await expect(page.getByTestId('edge-label-dropout_1-dense_1')).toHaveText('784');
  await expect(page.getByTestId('edge-label-flatten_1-dense_1')).toHaveCount(0);
  await expect(page.getByTestId('toast-info').last()).toContainText('between flatten_1 and dense_1');

  // Dropped on the line itself (away from the label) too.
  const path = page.locator('.react-flow__edge[data-id] .react-flow__edge-path').first();
  const edgeId = await page.locator('.react-flow__edge').first().getAttribute('data-id');
  const start = await page.locator(`.react-flow__edge[data-id="${edgeId}"]`).evaluate((el) => {
    const p = el.querySelector('.react-flow__edge-path') as any;
    const point = p.getPointAtLength(p.getTotalLength() * 0.2);
    const m = p.getScreenCTM();
    return { x: point.x * m.a + m.e, y: point.y * m.d + m.f };
  });
  expect(path).toBeTruthy();
  const source = await page.locator(`.react-flow__edge[data-id="${edgeId}"]`).getAttribute('aria-label');
  await page
    .getByTestId('palette-BatchNormalization')
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: await toPane(page, start) });
  const [from, to] = (source ?? '').split(' → ');
  await expect(page.getByTestId(`edge-label-${from}-batchnormalization_1`)).toBeVisible();
  await expect(page.getByTestId(`edge-label-batchnormalization_1-${to}`)).toBeVisible();

  // Undo takes the whole insertion back: the block and both connections.
  await deselect(page);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-batchnormalization_1')).toHaveCount(0);
  await expect(page.getByTestId(`edge-label-${from}-${to}`)).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('node-dropout_1')).toHaveCount(0);
  await expect(page.getByTestId('edge-label-flatten_1-dense_1')).toHaveText('784');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
});

/** A page point as a position inside the canvas's pane. */
async function toPane(page: Page, point: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!;
  return { x: point.x - box.x, y: point.y - box.y };
}

test('dragging the end of a connection to another block rewires it, as one undo step', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  await addInChain(page, ['Input', 'Flatten', 'Dense']);
  await deselect(page);
  await page.getByTestId('palette-Dense').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('node-dense_2')).toBeVisible();
  // Side by side, so that both inputs are in view.
  await node(page, 'dense_2').locator('.block-node__type').hover();
  const d1 = (await node(page, 'dense_1').boundingBox())!;
  await page.mouse.down();
  await page.mouse.move(d1.x + d1.width + 200, d1.y + 40, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.press('f');
  await page.waitForTimeout(400);

  const end = page.locator('.react-flow__edge[data-id] .react-flow__edgeupdater-target').last();
  const edges = page.locator('.react-flow__edge');
  const ids = await edges.evaluateAll((els) => els.map((el) => (el as any).dataset.id));
  const index = ids.findIndex((id: string) => id.includes('flatten_1') && id.includes('dense_1'));
  expect(index).toBeGreaterThanOrEqual(0);
  const anchor = await center(edges.nth(index).locator('.react-flow__edgeupdater-target'));
  const target = await center(node(page, 'dense_2').locator('.handle-in'));
  await page.mouse.move(anchor.x, anchor.y);
  await page.mouse.down();
  await page.mouse.move((anchor.x + target.x) / 2, (anchor.y + target.y) / 2, { steps: 5 });
  await page.mouse.move(target.x, target.y, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId('edge-label-flatten_1-dense_2')).toHaveText('784');
  await expect(page.getByTestId('edge-label-flatten_1-dense_1')).toHaveCount(0);
  await expect(edges).toHaveCount(2);
  expect(await end.count()).toBeGreaterThan(0);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('edge-label-flatten_1-dense_1')).toHaveText('784');
  await expect(page.getByTestId('edge-label-flatten_1-dense_2')).toHaveCount(0);
  await expect(edges).toHaveCount(2);
});

test('notices and the overview map never cover what is under them, and the map shows categories, not errors', async ({ page }) => {
  await buildCourseCnn(page);
  await page.keyboard.press('l');
  await page.waitForTimeout(500);

  await test.step('the overview map sits where it covers no block, in the categories’ colours', async () => {
    const map = page.locator('.react-flow__minimap');
    // Shown in a corner that is clear of blocks, or, where no corner is (the view scrolls), hidden and letting the pointer through.
    await expect(map).toBeAttached();
    // Once the view has settled (the layout animates), the map covers no block, or is faded and lets the pointer through.
    await expect
      .poll(() =>
        map.evaluate((el) => {
          const doc = (globalThis as any).document;
          if ((globalThis as any).getComputedStyle(el).pointerEvents === 'none') return 'faded';
          const m = el.getBoundingClientRect();
          const covered = Array.from(doc.querySelectorAll('.react-flow__node')).filter((n: any) => {
            const b = n.getBoundingClientRect();
            return b.left < m.right && m.left < b.right && b.top < m.bottom && m.top < b.bottom;
          });
          return covered.length ? `covers ${covered.map((n: any) => n.dataset.id).join(', ')}` : 'clear';
        }),
      )
      .toMatch(/^(clear|faded)$/);
    // An error on conv2d_2: its block on the canvas says so, the map keeps its category colour.
    await node(page, 'conv2d_2').locator('.block-node__type').click();
    await inspector(page).getByTestId('param-kernelSize').fill('15');
    await expect(page.getByTestId('badge-conv2d_2')).toBeVisible();
    const fills = await page
      .locator('.react-flow__minimap-node')
      .evaluateAll((els) => els.map((el) => (el.getAttribute('fill') ?? (globalThis as any).getComputedStyle(el).fill).toLowerCase()));
    expect(fills).toHaveLength(COURSE_CNN.length);
    for (const fill of fills) expect(['#c62828', '#b3261e', 'rgb(198, 40, 40)', 'rgb(179, 38, 30)']).not.toContain(fill);
    expect(fills.filter((f) => ['#3949ab', 'rgb(57, 73, 171)'].includes(f))).toHaveLength(2);
    await page.keyboard.press('Control+z');
  });

  await test.step('a drop on the overview map adds the block there', async () => {
    const map = page.locator('.react-flow__minimap');
    await page
      .getByTestId('palette-Dense')
      .dragTo(page.locator('.react-flow__pane'), { targetPosition: await toPane(page, await center(map)) });
    await expect(node(page, 'dense_3')).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(COURSE_CNN.length + 1);
  });

  await test.step('a message over the canvas lets the pointer and drops through', async () => {
    await deselect(page);
    await page.keyboard.press('Control+z');
    await expect(page.locator('.react-flow__node')).toHaveCount(COURSE_CNN.length);
    const toast = page.getByTestId('toast-info').last();
    await page.getByTestId('palette-Flatten').focus();
    await page.keyboard.press('Enter');
    await expect(toast).toBeVisible();
    const at = await center(toast.locator('span').first());
    const under = await page.evaluate(({ x, y }) => {
      const el = (globalThis as any).document.elementFromPoint(x, y);
      return { inToast: Boolean(el?.closest('.toasts')), inCanvas: Boolean(el?.closest('.canvas')) };
    }, at);
    expect(under).toEqual({ inToast: false, inCanvas: true });
    await page.getByTestId('palette-Dropout').dragTo(page.locator('.react-flow__pane'), { targetPosition: await toPane(page, at) });
    await expect(page.locator('.react-flow__node[data-id^="dropout_"]')).toHaveCount(4);
  });
});

test('dragging a connection to the canvas’s edge never throws the view away', async ({ page }) => {
  await buildCourseCnn(page);
  await page.keyboard.press('f');
  await page.waitForTimeout(400);
  const canvas = await canvasBox(page);
  const from = await center(node(page, 'input_1').locator('.handle-out'));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(canvas.x + canvas.width - 3, canvas.y + canvas.height / 2, { steps: 10 });
  await page.waitForTimeout(3000);
  await page.mouse.move(canvas.x + canvas.width - 2, canvas.y + canvas.height - 3, { steps: 3 });
  await page.waitForTimeout(2000);
  const visible = await page.locator('.react-flow__node').evaluateAll(
    (els, c) =>
      els.filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > c.x && r.left < c.x + c.width && r.bottom > c.y && r.top < c.y + c.height;
      }).length,
    canvas,
  );
  await page.mouse.up();
  expect(visible).toBeGreaterThan(0);
  // Some of the graph is still in the canvas: at least a block's worth.
  const shown = await node(page, COURSE_CNN[0].id).boundingBox();
  expect(shown).not.toBeNull();
});

test('the keyboard: focus after deleting, an outlined connection, and a skip link to the inspector', async ({ page }) => {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  await addInChain(page, ['Input', 'Flatten', 'Dense', 'Dropout']);

  await test.step('after deleting a block, the block before it has the focus and the selection', async () => {
    await node(page, 'dense_1').locator('.block-node__type').click();
    await page.keyboard.press('Delete');
    await expect(node(page, 'dense_1')).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.dataset?.id)).toBe('flatten_1');
    await expect(inspector(page).locator('.inspector__id')).toHaveText('flatten_1');
    // And again from there, with the Delete button of the inspector.
    await inspector(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.dataset?.id)).toBe('input_1');
  });

  await test.step('a connection reached with the keyboard is outlined', async () => {
    await deselect(page);
    await page.getByTestId('palette-Dense').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('combobox', { name: 'Connect an input from…' }).selectOption('input_1');
    await page.getByRole('button', { name: 'Connect', exact: true }).press('Enter');
    const edge = page.locator('.react-flow__edge').first();
    await expect(edge).toHaveCount(1);
    const before = await edge.locator('.react-flow__edge-path').evaluate((el) => (globalThis as any).getComputedStyle(el).stroke);
    // Tab from the canvas reaches the connection.
    await page.locator('.editor .canvas').focus();
    for (let i = 0; i < 10 && !(await edge.evaluate((el) => el === (globalThis as any).document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(edge).toBeFocused();
    const after = await edge.locator('.react-flow__edge-path').evaluate((el) => ({
      stroke: (globalThis as any).getComputedStyle(el).stroke,
      width: parseFloat((globalThis as any).getComputedStyle(el).strokeWidth),
    }));
    expect(after.stroke).not.toBe(before);
    expect(after.stroke).toBe('rgb(245, 160, 0)');
    expect(after.width).toBeGreaterThanOrEqual(4);
    // Not shot(): closing the messages would take the focus away.
    await page.screenshot({ path: path.join(artifacts, 'projector-focused-connection.png') });
  });

  await test.step('the skip link goes to the inspector without passing the palette', async () => {
    await page.reload();
    await page.getByTestId('new-empty').click();
    await page.locator('body').evaluate((el) => (el as any).focus());
    let presses = 0;
    const skip = page.getByRole('link', { name: 'Skip to the selected block’s settings' });
    while (presses < 5 && !(await skip.evaluate((el) => el === (globalThis as any).document.activeElement))) {
      await page.keyboard.press('Tab');
      presses++;
    }
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.locator('#inspector')).toBeFocused();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return { inPalette: Boolean(el?.closest('.palette')), inSide: Boolean(el?.closest('.side')) };
    });
    expect(focused).toEqual({ inPalette: false, inSide: true });
  });
});
