// The course's CNN built through the editor as a user would, and the measure of its block titles on
// screen: shared by the specs that check the editor on a classroom projector.
import { type Locator, type Page } from '@playwright/test';
import { expect } from './fixtures';
import { url } from './helpers';

/** The course's CNN, in order: type, parameters set in the inspector, and the id the editor gives it. */
export const COURSE_CNN: { type: string; id: string; params: Record<string, string> }[] = [
  { type: 'Input', id: 'input_1', params: { shape: '28, 28, 1' } },
  { type: 'Conv2D', id: 'conv2d_1', params: { filters: '8', kernelSize: '3', activation: 'relu' } },
  { type: 'MaxPooling2D', id: 'maxpooling2d_1', params: { poolSize: '2' } },
  { type: 'Dropout', id: 'dropout_1', params: { rate: '0.2' } },
  { type: 'Conv2D', id: 'conv2d_2', params: { filters: '16', kernelSize: '3', activation: 'relu' } },
  { type: 'MaxPooling2D', id: 'maxpooling2d_2', params: { poolSize: '2' } },
  { type: 'Dropout', id: 'dropout_2', params: { rate: '0.2' } },
  { type: 'Flatten', id: 'flatten_1', params: {} },
  { type: 'Dense', id: 'dense_1', params: { units: '100', activation: 'relu' } },
  { type: 'Dropout', id: 'dropout_3', params: { rate: '0.5' } },
  { type: 'Dense', id: 'dense_2', params: { units: '10', activation: 'softmax' } },
];

export const node = (page: Page, id: string) => page.getByTestId(`node-${id}`);
export const inspector = (page: Page) => page.getByRole('complementary', { name: /^(Block|Bloc)$/ });
export const canvasBox = async (page: Page) => (await page.locator('.editor .canvas').boundingBox())!;

export async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('The element is not visible.');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Adds blocks with the keyboard: each goes after the selected one and is connected to it. */
export async function addInChain(page: Page, types: string[]): Promise<void> {
  for (const type of types) {
    await page.getByTestId(`palette-${type}`).focus();
    await page.keyboard.press('Enter');
  }
}

/** Selects a block from the keyboard, wherever it is: the canvas brings the focused block into view. */
export async function selectBlock(page: Page, id: string): Promise<void> {
  await page.locator(`.react-flow__node[data-id="${id}"]`).focus();
  await page.keyboard.press('Enter');
  await expect(inspector(page).locator('.inspector__id')).toHaveText(id);
}

/** Nothing selected (Esc on the canvas; a click on the pane could land on a block). */
export async function deselect(page: Page): Promise<void> {
  await page.locator('.editor .canvas').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(0);
}

/** Adds the course's CNN to the open (empty) project from the palette and sets its parameters in the inspector, all from the keyboard. */
export async function addCourseCnn(page: Page): Promise<void> {
  await addInChain(
    page,
    COURSE_CNN.map((b) => b.type),
  );
  await expect(page.locator('.react-flow__node')).toHaveCount(COURSE_CNN.length);
  await expect(page.locator('.react-flow__edge')).toHaveCount(COURSE_CNN.length - 1);
  for (const block of COURSE_CNN) {
    if (!Object.keys(block.params).length) continue;
    await selectBlock(page, block.id);
    for (const [name, value] of Object.entries(block.params)) {
      const field = inspector(page).getByTestId(`param-${name}`);
      if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
      else await field.fill(value);
    }
  }
  await expect(page.getByTestId('total-params')).toHaveText('42,358');
  await deselect(page);
}

/** Opens the app, starts an empty project and builds the course's CNN in it. */
export async function buildCourseCnn(page: Page): Promise<void> {
  await page.goto(url());
  await page.getByTestId('new-empty').click();
  await addCourseCnn(page);
}

/** Each block's title (type and id) on screen: the viewport's zoom × the computed font size, and whether the id shows whole. */
export async function titleSizes(page: Page): Promise<{ id: string; typePx: number; idPx: number; idWhole: boolean }[]> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const transform: string = doc.querySelector('.react-flow__viewport').style.transform;
    const zoom = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1] ?? '1');
    return Array.from(doc.querySelectorAll('.react-flow__node')).map((el: any) => {
      const type = el.querySelector('.block-node__type');
      const id = el.querySelector('.block-node__id');
      const px = (e: any) => zoom * parseFloat((globalThis as any).getComputedStyle(e).fontSize);
      return {
        id: String(el.dataset.id),
        typePx: px(type),
        idPx: px(id),
        idWhole: id.textContent === el.dataset.id && id.scrollWidth <= id.clientWidth + 1,
      };
    });
  });
}

/**
 * Every block's type and id are at least minPx CSS pixels high on screen, and every id shows whole.
 * Tidying and fitting run a layout first and then animate, so the view may stay still for a while
 * before it moves: wait until it is both still (the same transform 300 ms apart) and readable, and on
 * timeout name every block that is not.
 */
export async function expectReadable(page: Page, minPx = 12, blocks = COURSE_CNN.length): Promise<void> {
  const viewport = page.locator('.react-flow__viewport');
  let last = '';
  await expect
    .poll(
      async () => {
        await page.waitForTimeout(300);
        const now = (await viewport.getAttribute('style')) ?? '';
        const moving = now !== last;
        last = now;
        const sizes = await titleSizes(page);
        const problems = sizes.flatMap((size) => [
          ...(size.typePx < minPx ? [`${size.id}'s type is ${size.typePx.toFixed(1)} px`] : []),
          ...(size.idPx < minPx ? [`${size.id}'s id is ${size.idPx.toFixed(1)} px`] : []),
          ...(size.idWhole ? [] : [`${size.id}'s id is cut`]),
        ]);
        if (sizes.length !== blocks) problems.push(`${sizes.length} blocks on the canvas, not ${blocks}`);
        if (moving) problems.push('the view is still moving');
        return problems;
      },
      { message: `every block title at least ${minPx} px high and whole, the view still`, timeout: 15_000 },
    )
    .toEqual([]);
}
