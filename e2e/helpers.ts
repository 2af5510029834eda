// What the end-to-end specs share: the web host's address, the folder screenshots go to, passing
// messages closed before a screenshot, the page's console errors, and strokes on the drawing pad.
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const artifacts = path.resolve(import.meta.dirname, 'artifacts');
mkdirSync(artifacts, { recursive: true });

export const url = () => {
  const value = process.env.NEUROBLOCKS_URL;
  if (!value) throw new Error('NEUROBLOCKS_URL is not set: the global setup starts the web host.');
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

/** Closes the passing messages, which would hide part of the screen. */
export async function dismissMessages(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: /Dismiss|Fermer$/ });
  while (await close.count()) await close.first().click({ timeout: 1000 }).catch(() => undefined);
}

/** A screenshot of the whole window into e2e/artifacts/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await dismissMessages(page);
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
