import { expect, test } from './fixtures';
import { url } from './helpers';

// The page's Content-Security-Policy allows no inline styles or scripts: every screen must render
// without a single violation (React Flow and uPlot style elements through the CSSOM, which is allowed).
test('the editor, the code view, the data preview and a training run with its charts render with no CSP violation', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const seen: string[] = [];
    (globalThis as any).__cspViolations = seen;
    (globalThis as any).document.addEventListener('securitypolicyviolation', (event: any) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  const response = await page.goto(url());
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("style-src 'self';");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');

  await page.getByTestId('example-spirals-mlp').click();
  await expect(page.getByTestId('total-params')).not.toBeEmpty();
  // Selecting a block draws the inspector; the React Flow canvas is already styled by the CSSOM.
  await page.locator('.react-flow__node').first().click();
  const codeToggle = page.getByRole('button', { name: 'Code', exact: true });
  await codeToggle.click();
  await expect(page.getByRole('complementary', { name: 'Code of the model' }).getByTestId('code-view')).toContainText('layers.Dense');
  await codeToggle.click();

  const dock = page.locator('#training-dock');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await dock.getByRole('tab', { name: 'Data' }).click();
  await expect(dock.getByTestId('data-class').first()).toBeVisible();
  await dock.getByRole('tab', { name: 'Train' }).click();
  await dock.getByLabel('Epochs', { exact: true }).fill('2');
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(dock.locator('.u-legend').first()).toBeVisible();

  expect(await page.evaluate(() => (globalThis as any).__cspViolations as string[])).toEqual([]);
  expect(consoleViolations).toEqual([]);
});
