import { expect, test } from './fixtures';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { imageFolderClassifier, shortTraining } from '../core/model/project-fixtures';
import { variedColourPng } from './colours';
import { artifacts, consoleErrors, openDataTab, projectsFolder, shot } from './helpers';

const colours: Record<string, [number, number, number]> = {
  blue: [40, 60, 220],
  green: [40, 190, 60],
  orange: [230, 140, 30],
  red: [220, 40, 40],
};
const perClass = 750;

test('a practitioner previews a folder of 3,000 images: the preview stays quick, says what it checked, and training names the broken file it finds', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const projectsDir = projectsFolder();
  const folder = path.join(projectsDir, 'large-colours');
  const project = path.join(projectsDir, 'large-colours.json');
  for (const [name, rgb] of Object.entries(colours)) {
    mkdirSync(path.join(folder, name), { recursive: true });
    // A few distinct images, written many times: the folder is large, writing it is quick.
    const variants = await Promise.all(Array.from({ length: 8 }, (_, v) => variedColourPng(rgb, v)));
    for (let i = 0; i < perClass; i++) writeFileSync(path.join(folder, name, `${String(i).padStart(4, '0')}.png`), variants[i % 8]);
  }
  const whole = await variedColourPng([0, 0, 0], 0);
  // Cut short, as a failed download leaves a file: the first of a class is always decoded by the
  // preview, the second is not (one in three is).
  writeFileSync(path.join(folder, 'blue', '0000.png'), whole.subarray(0, whole.length - 30));
  writeFileSync(path.join(folder, 'red', '0001.png'), whole.subarray(0, whole.length - 30));
  writeFileSync(
    project,
    JSON.stringify(
      imageFolderClassifier('Large colours', 'large-colours', 4, { training: shortTraining({ learningRate: 0.05, batchSize: 64 }) }),
    ),
  );
  const problems = consoleErrors(page);
  // The host answers this preview in about a second; holding its answer a little longer at the
  // socket makes sure the loading state is there to be seen, on a machine of any speed.
  const previewCalls = new Set<number>();
  await page.routeWebSocket(/\/api\?/, (socket) => {
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const request = JSON.parse(String(message)) as { kind: string; id: number; method?: string };
      if (request.kind === 'request' && request.method === 'previewDataset') previewCalls.add(request.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { kind: string; id: number };
      if (answer.kind !== 'request' && previewCalls.delete(answer.id)) setTimeout(() => socket.send(message), 1_500);
      else socket.send(message);
    });
  });
  try {
    const dock = await openDataTab(page, 'large-colours.json');

    await test.step('the preview counts every image, shows the broken one it decoded and says how many it checked', async () => {
      // While the folder is read, the tab says that it is working.
      await expect(dock.getByTestId('data-loading')).toContainText('Reading the data…');
      // Taken at once, while the answer is held.
      await page.screenshot({ path: path.join(artifacts, 'data-large-loading.png') });
      await expect(dock.getByTestId('data-summary')).toHaveText(
        '4 classes · 2,399 samples for training · 600 kept for the final test · each sample 16×16×3',
        { timeout: 30_000 },
      );
      await expect(dock.getByTestId('data-loading')).toHaveCount(0);
      await expect(dock.getByTestId('data-checked')).toHaveText(
        '1,000 of 3,000 images were fully checked; the rest are checked when training loads them.',
      );
      await expect(dock.getByTestId('data-skipped')).toContainText('1 file skipped');
      await expect(dock.getByTestId('data-skipped')).toContainText(/blue.0000\.png — cannot be decoded/);
      const rows = dock.getByTestId('data-class');
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0)).toContainText('599 train · 150 test');
      for (let i = 0; i < 4; i++) await expect(rows.nth(i).getByRole('img')).toHaveCount(8);
      await dock.getByRole('heading', { name: 'Preview' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await shot(page, 'data-large');
    });

    await test.step('in French', async () => {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await expect(dock.getByTestId('data-checked')).toHaveText(
        '1 000 images sur 3 000 ont été entièrement vérifiées ; les autres le seront quand l’entraînement les chargera.',
      );
      await shot(page, 'data-large-fr');
      await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    });

    await test.step('training decodes every image and names the broken file the preview did not decode', async () => {
      await dock.getByRole('tab', { name: 'Train' }).click();
      await dock.getByRole('button', { name: 'Start training' }).click();
      await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
      const warning = dock.locator('.warning-box').filter({ hasText: 'files were skipped' });
      await expect(warning).toContainText(
        /^2 files were skipped: blue.0000\.png \(cannot be decoded \(.*\)\); red.0001\.png \(cannot be decoded/,
      );
      await warning.scrollIntoViewIfNeeded();
      await shot(page, 'data-large-trained');
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
    rmSync(project, { force: true });
  }
  expect(problems).toEqual([]);
});
