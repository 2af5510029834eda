// Words that fit the model, on a 1280×720 classroom projector: a drawing and ink only for a
// drawing-pad model, colour filters for a colour model, percentages that never claim a certainty
// that is not there, whole epochs on the charts' axes, and a French interface with no English left.
import { type Locator, type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { imageFolderClassifier, shortTraining } from '../core/model/project-fixtures';
import { colourPng, trainWithCommandLine, writeColourFolder } from './colours';
import { consoleErrors, dismissMessages, draw, openExample, openTrainingDock, projectsFolder, shot, url } from './helpers';

const seven = [
  [
    { x: 80, y: 60 },
    { x: 200, y: 60 },
    { x: 120, y: 240 },
  ],
];

/** Trains the open example on a few MNIST digits for `epochs` epochs, from the Train tab. */
async function train(dock: Locator, epochs: number, samples = 300): Promise<void> {
  await dock.getByRole('tab', { name: 'Train' }).click();
  await dock.getByLabel('Training samples').fill(String(samples));
  await dock.getByLabel('Epochs', { exact: true }).fill(String(epochs));
  await dock.getByLabel('Batch size').fill('32');
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
}

/** The visible text of an element, as a reader sees it. */
const seen = (target: Locator) => target.evaluate((el) => (el as unknown as { innerText: string }).innerText);

test('a drawing-pad model speaks of a drawing, and its probabilities never claim a certainty that is not there', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  await openExample(page, 'mnist-cnn');
  await expect(page.getByTestId('ready-to-train')).toContainText('test it with your own drawing under Try it');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  await train(dock, 1);

  await dock.getByRole('tab', { name: 'Try it' }).click();
  await expect(dock.getByText('Draw a digit with the mouse, a finger or a pen: the model answers as you draw.')).toBeVisible();
  await draw(page, seven);
  const answer = dock.getByTestId('try-answer');
  await expect(answer).toHaveText(/^It looks like a \d \((\d{1,2}\.\d|100)% sure\)\.$/);

  const bars = dock.getByTestId('prob-bars').getByRole('meter');
  await expect(bars).toHaveCount(10);
  const shown = await bars.evaluateAll((meters) =>
    meters.map((m) => ({
      p: Number(m.getAttribute('data-probability')),
      text: m.parentElement!.querySelector('.prob-bars__value')!.textContent!,
      valueText: m.getAttribute('aria-valuetext'),
    })),
  );
  for (const { p, text, valueText } of shown) {
    // One decimal; "100%" or "0%" only when the probability rounds to 100.0 % or 0.0 %.
    expect(text, `probability ${p}`).toMatch(/^(\d{1,2}\.\d|100|0)%$/);
    expect(text === '100%', `probability ${p} shown as ${text}`).toBe(Math.round(p * 1000) === 1000);
    expect(text === '0%', `probability ${p} shown as ${text}`).toBe(Math.round(p * 1000) === 0);
    expect(Math.abs(Number(text.replace('%', '')) - p * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(valueText).toBe(text);
  }
  // The sentence above the bars says what the best bar says.
  const best = shown.reduce((a, b) => (b.p > a.p ? b : a));
  await expect(answer).toContainText(`(${best.text} sure)`);

  await dock.getByRole('button', { name: 'Look inside the model' }).click();
  const inside = dock.getByTestId('look-inside');
  await expect(inside.getByText('Pick a block below, or click one in the graph, to see what it makes of your drawing.')).toBeVisible();
  await inside.getByRole('button', { name: /^input\s*Input$/ }).click();
  await expect(inside.getByTestId('inside-explain')).toHaveText(
    'This is what the model receives: your drawing as a 28×28×1 image, bright = ink.',
  );
  await expect(inside.getByTestId('inside-filters-explain')).toContainText('orange weights respond to ink under them');
  await expect(inside.getByRole('img', { name: 'Filter 1', exact: true })).toBeVisible();
  await shot(page, 'words-pad');
  expect(problems).toEqual([]);
});

test('a colour model speaks of an image, and Look inside shows its first filters in colour', async ({ page }) => {
  test.setTimeout(150_000);
  const problems = consoleErrors(page);
  const projectsDir = projectsFolder();
  const folder = path.join(projectsDir, 'hues');
  const file = path.join(projectsDir, 'hues.nbproj');
  const project = path.join(projectsDir, 'hues.json');
  try {
    await writeColourFolder(folder);
    trainWithCommandLine(
      project,
      imageFolderClassifier('Hues', 'hues', 3, {
        hidden: [{ id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, activation: 'relu' } }],
        training: shortTraining({ learningRate: 0.01, epochs: 4 }),
      }),
      file,
    );
    await page.goto(url());
    await page.getByTestId('file-hues.nbproj').click();
    await expect(page.getByTestId('ready-to-train')).toContainText('test it with your own image under Try it');
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
    await dock.getByRole('tab', { name: 'Try it' }).click();
    await expect(dock.getByTestId('run-picker-status')).toHaveText(/^Run 1, its weights of epoch \d, the (best|last)\./, {
      timeout: 30_000,
    });

    await test.step('Try it asks for an image, never a drawing', async () => {
      await expect(
        dock.getByText('Drop an image file or choose one: it is resized to 16 × 16 × 3 pixels and the model answers.'),
      ).toBeVisible();
      await expect(dock.getByRole('button', { name: 'Look inside the model' })).toBeVisible();
      expect(await seen(dock)).not.toMatch(/draw|drawing|ink\b|digit/i);
      await dock
        .getByTestId('image-file')
        .setInputFiles({ name: 'tomato.png', mimeType: 'image/png', buffer: await colourPng([230, 30, 35], 40, 99) });
      await expect(dock.getByTestId('try-answer')).toHaveText(/^It looks like a (red|green|blue) \((\d{1,2}\.\d|100)% sure\)\.$/);
    });

    const inside = dock.getByTestId('look-inside');
    await test.step('Look inside speaks of the image, names the colour channels and draws the filters in colour', async () => {
      await dock.getByRole('button', { name: 'Look inside the model' }).click();
      await expect(inside.getByText('Pick a block below, or click one in the graph, to see what it makes of your image.')).toBeVisible();
      await inside.getByRole('button', { name: /^in\s*Input$/ }).click();
      await expect(inside.getByTestId('inside-explain')).toHaveText(
        'This is what the model receives: your image as 16×16×3 values, one square per channel, bright = high value.',
      );
      for (const name of ['Red', 'Green', 'Blue'])
        await expect(inside.getByTestId('inside-maps').getByRole('img', { name, exact: true })).toBeVisible();
      await inside.getByRole('button', { name: /^conv\s*Conv2D$/ }).click();
      await expect(inside.getByTestId('inside-explain')).toHaveText(
        'Each square is what one filter of this convolution responds to in your image: bright = strong response.',
      );
      await expect(inside.getByTestId('inside-filters-explain')).toContainText(
        'filter shown in colour: its red, green and blue weights drawn as the red, green and blue of each pixel',
      );
      const filters = inside.getByTestId('inside-filters').getByRole('img');
      await expect(filters).toHaveCount(4);
      await expect(filters.first()).toHaveAccessibleName('Filter 1 in colour (red, green and blue channels)');
      // In colour: some pixel of the filters has channels that differ (grey ink would have r = g = b).
      const coloured = await filters.evaluateAll((canvases) =>
        canvases.some((c) => {
          const canvas = c as unknown as {
            width: number;
            height: number;
            getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
          };
          const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4)
            if (Math.abs(data[i] - data[i + 1]) > 8 || Math.abs(data[i + 1] - data[i + 2]) > 8) return true;
          return false;
        }),
      );
      expect(coloured).toBe(true);
      expect(await seen(inside)).not.toMatch(/drawing|ink\b|digit|draw /i);
      await dismissMessages(page);
      await inside.getByTestId('inside-filters').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(import.meta.dirname, 'artifacts', 'words-colour-filters.png') });
    });
    expect(problems).toEqual([]);
  } finally {
    for (const f of [folder, file, project]) rmSync(f, { recursive: true, force: true });
  }
});

/** What a chart drew: its x range and the x and y ticks written under and beside it. */
async function axes(chart: Locator): Promise<{ range: string; x: string[]; y: string[] }> {
  return chart.evaluate((el) => {
    const d = (el as unknown as { dataset: Record<string, string | undefined> }).dataset;
    return { range: d.xRange ?? '', x: (d.xTicks ?? '').split(' ').filter(Boolean), y: (d.yTicks ?? '').split(' ').filter(Boolean) };
  });
}

test('the charts count whole epochs, and a new run starts from its own axes, not the previous run’s', async ({ page }) => {
  test.setTimeout(200_000);
  const problems = consoleErrors(page);
  await openTrainingDock(page, 'mnist-mlp');
  const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
  const loss = dock.getByTestId('chart-loss');
  const accuracy = dock.getByTestId('chart-accuracy');

  await train(dock, 1, 200);
  for (const chart of [loss, accuracy]) {
    const drawn = await axes(chart);
    expect(drawn.range).toBe('0 1');
    // One epoch: the ticks are 0 and 1, never 0.5.
    expect(drawn.x).toEqual(['0', '1']);
  }
  expect((await axes(accuracy)).y).toEqual(expect.arrayContaining(['0%', '100%']));
  expect((await axes(accuracy)).y.every((t) => /^\d+(\.\d)?%$/.test(t))).toBe(true);

  await train(dock, 4, 200);
  const four = await axes(loss);
  expect(four.range).toBe('0 4');
  expect(four.x.length).toBeGreaterThan(2);
  expect(four.x.every((t) => /^\d+$/.test(t))).toBe(true);

  // A shorter run: its axes start again from its own first epoch.
  await dock.getByLabel('Epochs', { exact: true }).fill('1');
  await dock.getByRole('button', { name: 'Start training' }).click();
  await expect(loss).toHaveAttribute('data-x-range', '0 1', { timeout: 30_000 });
  await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
  const again = await axes(loss);
  expect(again.range).toBe('0 1');
  expect(again.x).toEqual(['0', '1']);
  await shot(page, 'words-charts');
  expect(problems).toEqual([]);
});

/**
 * The words a French reader sees on the screen: visible text (outside code), the options of
 * visible lists, and the names, titles and placeholders of visible elements.
 */
async function frenchWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const visible = (el: any) => el && (el.checkVisibility ? el.checkVisibility() : el.offsetParent !== null);
    const out: string[] = [];
    const walker = doc.createTreeWalker(doc.body, 4 /* text */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // The user's own words are theirs to choose: project names and file paths in the home screen's lists.
      if (!parent || parent.closest('code, pre, script, style, .code-panel, [data-testid="code-panel"], .file-list')) continue;
      const text = String(node.nodeValue ?? '').trim();
      if (!text) continue;
      const select = parent.closest('select');
      if (select ? visible(select) : visible(parent)) out.push(text);
    }
    for (const el of Array.from(doc.querySelectorAll('[aria-label], [title], [placeholder]')) as any[]) {
      if (!visible(el) || el.closest('code, pre, .file-list')) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(name)) out.push(el.getAttribute(name));
    }
    return out;
  });
}

/** Day first, then the time, as French writes them: 04/12/2026 13:20. */
const FRENCH_DATE = /^\s*\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\s*$/;

/** Common English words of the interface: none may be left in French. */
const ENGLISH =
  /\b(default|weight decay|device|accuracy|epochs?|training|validation split|learning rate|batch size|samples?|threads?|cores?|spirals|circles|gaussians|true|false|loading|start|stop|run|runs|try it|look inside|settings|engine|installed|failed to load)\b/i;

function englishIn(words: string[]): string[] {
  // Keras's own words stay as Keras writes them: a parameter and its value ("trainable: false").
  return words.filter((w) => ENGLISH.test(w.replace(/\b[a-z]\w*: (true|false)\b/g, '')));
}

/** A space that may break before % : ; ! ? in French, so that the sign can start a line alone. */
function breakableBeforeSigns(words: string[]): string[] {
  return words.filter((w) => / [%:;!?»]/.test(w));
}

test('every main screen in French: no English left, no sign alone at the start of a line, plurals and dates as French writes them', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const problems = consoleErrors(page);
  await openTrainingDock(page, 'mnist-cnn');
  const dockEn = page.getByRole('complementary', { name: 'Training and evaluation' });
  await train(dockEn, 1, 200);
  await page.getByTestId('language').selectOption('fr');
  const dock = page.getByRole('complementary', { name: 'Entraînement et évaluation' });
  const screens: Record<string, string[]> = {};
  const look = async (name: string) => {
    await dismissMessages(page);
    screens[name] = await frenchWords(page);
    await shot(page, `words-fr-${name}`);
  };

  await dock.getByRole('tab', { name: 'Entraîner' }).click();
  await expect(dock.getByTestId('train-backend')).toContainText(/Calcul sur\s: \S+ — /);
  await expect(dock.getByTestId('train-backend')).not.toContainText(/thread|core/);
  await expect(dock.getByLabel('Jeu de données').locator('option', { hasText: /^Spirales —/ })).toHaveCount(1);
  await expect(dock.getByTestId('train-final')).toContainText(/Exactitude sur le test\s: \d+(,\d)?\s%/);
  const accuracyText = (await dock.getByTestId('train-final').textContent())!;
  // The percent sign is held to its number by a no-break space.
  expect(accuracyText).toMatch(/\d[\u00a0\u202f]%/);
  await look('train');

  await dock.getByRole('tab', { name: 'Données' }).click();
  await look('data');

  await dock.getByRole('tab', { name: 'Évaluer' }).click();
  await expect(dock.getByTestId('test-accuracy')).toHaveText(/^Exactitude sur le test\s: /);
  await expect(dock.getByRole('columnheader', { name: 'Précision' })).toBeVisible();
  await look('evaluate');

  await dock.getByRole('tab', { name: 'Essayer' }).click();
  await draw(page, seven);
  await expect(dock.getByTestId('try-answer')).toHaveText(/^On dirait un \d \(sûr à (\d{1,2},\d|100)[\u00a0\u202f]%\)\.$/);
  await dock.getByRole('button', { name: 'Regarder dans le modèle' }).click();
  await expect(dock.getByTestId('inside-filters')).toBeVisible();
  await look('try');

  await dock.getByRole('tab', { name: 'Historique' }).click();
  const row = dock.locator('tbody tr').first();
  await expect(row).toContainText('1/1 époque');
  await expect(row).not.toContainText('époques');
  // The run's date as French writes it, day first: 04/12/2026 13:20.
  await expect(row.locator('td', { hasText: /\/\d{4} / })).toHaveText(FRENCH_DATE);
  await look('runs');

  await page.getByRole('button', { name: 'Fermer le panneau d’entraînement' }).click();
  await page.locator('.react-flow__node[data-id="dense1"]').click();
  await expect(page.getByText(/par défaut oui/).first()).toBeVisible();
  await look('inspector');
  await page.locator('.react-flow__node[data-id="conv1"]').click();
  await look('inspector-conv');

  await page.getByRole('button', { name: 'Accueil', exact: true }).click();
  // The same date format on the home screen as in the runs' history.
  await expect(page.locator('.file-list .muted').filter({ hasText: /\d{4}/ }).first()).toHaveText(FRENCH_DATE);
  await look('home');

  for (const [name, words] of Object.entries(screens)) {
    expect(words.length, name).toBeGreaterThan(5);
    expect(englishIn(words), `English on the French ${name} screen`).toEqual([]);
    expect(breakableBeforeSigns(words), `a sign that may start a line on the French ${name} screen`).toEqual([]);
  }
  expect(problems).toEqual([]);
});
