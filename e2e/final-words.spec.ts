import { type Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { consoleErrors, openExample, saveAs, shot, trainOnSamples } from './helpers';

// The Train panel ends a run with the words the command line and the Runs panel use: one sentence
// per ending, said again in the other language when the class switches, the same in the Runs panel,
// and held on one screen at 1280×720.

/** The final line is inside the panel and wraps rather than running off its side. */
async function expectFits(dock: Locator, final: Locator): Promise<void> {
  const [line, panel] = await Promise.all([final.boundingBox(), dock.boundingBox()]);
  expect(line && panel).toBeTruthy();
  expect(line!.x).toBeGreaterThanOrEqual(panel!.x);
  expect(line!.x + line!.width).toBeLessThanOrEqual(panel!.x + panel!.width + 1);
  expect(await final.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
}

test('a run that finished and a run stopped by the student end with the same words in the panel, in English and in French', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  // A project file, so that the runs are recorded and the Runs panel lists them.
  await saveAs(page, 'final-words.nbproj');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dock = page.locator('#training-dock');
  const final = dock.getByTestId('train-final');
  const language = page.getByRole('combobox', { name: /^(Language|Langue)$/ });

  await test.step('a finished run, then the same panel in French', async () => {
    await trainOnSamples(dock, 1000, 2, 32);
    await expect(final).toHaveText(/^Trained for 2 epochs\. Test accuracy: \d+(\.\d)?%\.$/);
    await expectFits(dock, final);
    await shot(page, 'final-words-completed-en', final);
    await language.selectOption('fr');
    await expect(final).toHaveText(/^Entraîné pendant 2 époques\. Exactitude sur le test\s:\s\d+(,\d)?\s%\.$/);
    await expectFits(dock, final);
    await shot(page, 'final-words-completed-fr', final);
  });

  await test.step('a longer run stopped once two epochs are done, in French, then in English', async () => {
    await dock.getByLabel('Époques', { exact: true }).fill('50');
    await dock.getByRole('button', { name: 'Lancer l’entraînement' }).click();
    await expect(dock.getByTestId('train-progress-text')).toContainText(/Époque ([3-9]|\d\d) sur 50/, { timeout: 60_000 });
    await dock.getByRole('button', { name: 'Arrêter' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Arrêté', { timeout: 60_000 });
    await expect(final).toHaveText(/^Arrêté par vous après ([2-9]|\d\d) époques complètes\. Exactitude sur le test\s:\s\d+(,\d)?\s%\.$/);
    await expectFits(dock, final);
    await shot(page, 'final-words-stopped-fr', final);
    await language.selectOption('en');
    await expect(final).toHaveText(/^Stopped by you after ([2-9]|\d\d) complete epochs\. Test accuracy: \d+(\.\d)?%\.$/);
    await expectFits(dock, final);
    await shot(page, 'final-words-stopped-en', final);
    // The Runs panel says why the run ended in the very words of the Train panel.
    const words = (await final.textContent())!.match(/^Stopped by you after \d+ complete epochs\./)![0];
    await dock.getByRole('tab', { name: 'Runs' }).click();
    await expect(dock.getByTestId('run-status-2').locator('.run-ended-why')).toHaveText(words);
    await language.selectOption('fr');
    await expect(dock.getByTestId('run-status-2').locator('.run-ended-why')).toHaveText(
      words.replace(/^Stopped by you after (\d+) complete epochs\.$/, 'Arrêté par vous après $1 époques complètes.'),
    );
  });
  expect(problems).toEqual([]);
});
