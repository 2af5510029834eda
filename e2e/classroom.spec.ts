// Made for the classroom: on a projector's 1280×720, a teacher builds the course's CNN in an empty
// project, checks that the class can read every block, trains it briefly, exports it and finds it
// all again after reopening the project; on the way, every screen of the app is shot in English and
// in French (into e2e/artifacts/classroom-*.png), each after checking that it shows what it should.
// NEUROBLOCKS_README_SCREENSHOT=1 also copies the main English ones into assets/ for the README.
import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { variedColourPng } from './colours';
import { COURSE_CNN, addCourseCnn, canvasBox, deselect, expectReadable, inspector, node } from './course';
import { artifacts, consoleErrors, dismissMessages, draw, expectProbabilities, projectsFolder, url } from './helpers';

type Lang = 'en' | 'fr';
const tr = (lang: Lang, en: string, fr: string) => (lang === 'en' ? en : fr);

/** The README's pictures: which shot goes where. */
const README_SHOTS: Record<string, string> = {
  'classroom-editor-en': 'screenshot-editor.png',
  'classroom-train-finished-en': 'screenshot-training.png',
  'classroom-try-drawing-en': 'screenshot-try-it.png',
  'classroom-inside-en': 'screenshot-inside.png',
};

async function setLanguage(page: Page, lang: Lang): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  await page.getByTestId('language').selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/**
 * What every screen with the editor behind it must show on a projector: the toolbar on one row (it
 * would take the graph's room otherwise), and the overview map, when shown, over no block.
 */
async function expectEditorChrome(page: Page): Promise<void> {
  const toolbar = page.getByRole('toolbar', { name: /^(Editor tools|Outils de l’éditeur)$/ });
  if (await toolbar.isVisible()) expect((await toolbar.boundingBox())!.height, 'the toolbar’s height (one row)').toBeLessThan(60);
  const map = page.locator('.react-flow__minimap');
  if (await map.isVisible()) {
    await page.waitForTimeout(400); // The map follows the view, which may still be moving.
    const covered = await map.evaluate((el) => {
      const m = el.getBoundingClientRect();
      return Array.from((globalThis as any).document.querySelectorAll('.react-flow__node'))
        .filter((n: any) => {
          const b = n.getBoundingClientRect();
          return b.left < m.right && m.left < b.right && b.top < m.bottom && m.top < b.bottom;
        })
        .map((n: any) => String(n.dataset.id));
    });
    expect(covered, 'blocks under the overview map').toEqual([]);
  }
}

/**
 * One screen in English, then in French: `show` brings it up in that language and checks what it
 * shows, the window is shot into classroom-<name>-<lang>.png, and `leave` goes back to where it
 * started (a dialog must be closed before the language can change). Ends in English.
 */
async function inBothLanguages(
  page: Page,
  name: string,
  show: (lang: Lang) => Promise<void>,
  options: { leave?: (lang: Lang) => Promise<void>; keepMessages?: boolean } = {},
): Promise<void> {
  for (const lang of ['en', 'fr'] as const) {
    await setLanguage(page, lang);
    await show(lang);
    if (await page.locator('.editor').isVisible()) await expectEditorChrome(page);
    if (!options.keepMessages) await dismissMessages(page);
    const file = path.join(artifacts, `classroom-${name}-${lang}.png`);
    await page.screenshot({ path: file });
    const readme = README_SHOTS[`classroom-${name}-${lang}`];
    if (readme && process.env.NEUROBLOCKS_README_SCREENSHOT) copyFileSync(file, path.resolve(import.meta.dirname, '..', 'assets', readme));
    await options.leave?.(lang);
  }
  await setLanguage(page, 'en');
}

const COLOURS: [string, [number, number, number]][] = [
  ['red', [220, 40, 40]],
  ['blue', [40, 60, 220]],
  ['green', [40, 200, 60]],
];

let tmp: string;
test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-classroom-'));
  for (const [name, colour] of COLOURS) {
    mkdirSync(path.join(tmp, 'colours', name), { recursive: true });
    for (let i = 0; i < 8; i++) writeFileSync(path.join(tmp, 'colours', name, `${name}-${i}.png`), await variedColourPng(colour, i));
  }
  writeFileSync(
    path.join(tmp, 'plants.csv'),
    ['height,leaves,label', ...Array.from({ length: 12 }, (_, i) => `${10 + i},${3 + (i % 4)},${i % 2 ? 'fern' : 'moss'}`)].join('\n'),
  );
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('a teacher builds the course CNN from an empty project, shows it on a projector, trains, exports and reopens it, with every screen in English and French', async ({
  page,
}) => {
  const projects = projectsFolder();
  test.setTimeout(480_000);
  const problems = consoleErrors(page);
  const dock = page.locator('#training-dock');
  const tab = (index: 0 | 1 | 2 | 3 | 4) => dock.getByRole('tab').nth(index); // Data, Train, Evaluate, Try it, Runs
  const trainButton = (lang: Lang) => page.getByRole('button', { name: tr(lang, 'Train', 'Entraîner'), exact: true });
  const file = path.join(projects, 'classroom.nbproj');

  await test.step('the home screen', async () => {
    await page.goto(url());
    await inBothLanguages(page, 'home', async (lang) => {
      await expect(
        page.getByText(tr(lang, 'Build a neural network by dragging blocks', 'Construisez un réseau de neurones en glissant des blocs')),
      ).toBeVisible();
      await expect(page.getByTestId('new-empty')).toBeVisible();
      await expect(page.getByTestId('example-mnist-cnn')).toBeVisible();
    });
  });

  await test.step('build the course CNN in an empty project, from the keyboard, and save it as a project file', async () => {
    await page.getByTestId('new-empty').click();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await addCourseCnn(page);
    await expect(page.getByTestId('graph-status')).toContainText('valid');
    await page.getByRole('button', { name: 'Save as…' }).click();
    await page.getByRole('textbox', { name: 'File name' }).fill('classroom.nbproj');
    await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByTestId('dirty-marker')).toHaveText('Saved');
    await expect.poll(() => existsSync(file)).toBe(true);
  });

  await test.step('every block title is at least 12 px on screen after fitting, with the side panels open', async () => {
    await deselect(page);
    await page.keyboard.press('l');
    await expectReadable(page);
    await inBothLanguages(page, 'editor', async (lang) => {
      await page.getByRole('button', { name: tr(lang, 'Fit the whole graph in view', 'Afficher tout le graphe') }).click();
      await expect(page.locator('.palette')).toBeVisible();
      await page.locator('.palette').evaluate((el) => el.scrollTo(0, 0));
      // A block selected: its parameters in the inspector, beside the summary.
      await node(page, 'conv2d_1').locator('.block-node__type').click();
      await expect(inspector(page).getByTestId('param-filters')).toHaveValue('8');
      await expect(page.getByTestId('total-params')).toHaveText(lang === 'en' ? '42,358' : /^42\s358$/);
      await expectReadable(page);
      await expect(node(page, 'input_1')).toBeInViewport();
    });
  });

  await test.step('with the side panels folded away', async () => {
    await inBothLanguages(
      page,
      'editor-collapsed',
      async (lang) => {
        await page.getByRole('button', { name: tr(lang, 'Hide the blocks', 'Masquer les blocs') }).click();
        await page
          .getByRole('button', { name: tr(lang, 'Hide the block’s settings and the summary', 'Masquer les réglages du bloc et le résumé') })
          .click();
        await expect(page.locator('.palette')).toHaveCount(0);
        await expect(page.locator('.editor .side')).toHaveCount(0);
        await page.getByRole('button', { name: tr(lang, 'Fit the whole graph in view', 'Afficher tout le graphe') }).click();
        await expectReadable(page);
      },
      {
        leave: async (lang) => {
          await page.getByRole('button', { name: tr(lang, 'Show the blocks', 'Afficher les blocs') }).click();
          await page
            .getByRole('button', {
              name: tr(lang, 'Show the block’s settings and the summary', 'Afficher les réglages du bloc et le résumé'),
            })
            .click();
          await expect(page.locator('.palette')).toBeVisible();
        },
      },
    );
  });

  await test.step('and in presentation mode, larger', async () => {
    await inBothLanguages(
      page,
      'presentation',
      async (lang) => {
        await page.getByRole('button', { name: tr(lang, 'Present', 'Présenter') }).click();
        await expect(
          page.getByRole('button', { name: tr(lang, 'Leave presentation (Esc)', 'Quitter la présentation (Échap)') }),
        ).toBeVisible();
        await expect(page.locator('.palette')).toBeHidden();
        await expect(page.locator('.editor .side')).toBeHidden();
        expect((await canvasBox(page)).width).toBeGreaterThan(1200);
        await expectReadable(page, 15);
        for (const block of COURSE_CNN) await expect(node(page, block.id)).toBeInViewport();
      },
      {
        leave: async () => {
          await page.keyboard.press('Escape');
          await expect(page.locator('.palette')).toBeVisible();
        },
      },
    );
  });

  await test.step('the code view', async () => {
    await inBothLanguages(
      page,
      'code',
      async () => {
        await node(page, 'conv2d_1').locator('.block-node__type').click();
        await page.getByRole('button', { name: 'Code', exact: true }).click();
        const code = page.getByTestId('code-view');
        await expect(code).toContainText('layers.Conv2D(8, 3, activation="relu", name="conv2d_1")');
        await expect(code.locator('.code-line--selected')).toHaveText(/layers\.Conv2D\(8, 3/);
        // Every line whole in the panel: long ones wrap rather than run out of sight.
        const body = page.locator('.code-panel__body');
        expect(await body.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(1);
      },
      {
        leave: async () => {
          await page.getByRole('button', { name: 'Code', exact: true }).click();
          await expect(page.getByTestId('code-view')).toHaveCount(0);
          await deselect(page);
        },
      },
    );
  });

  await test.step('an error in the graph: a kernel too large for its input', async () => {
    await inBothLanguages(
      page,
      'graph-error',
      async (lang) => {
        await node(page, 'conv2d_2').locator('.block-node__type').click();
        await inspector(page).getByTestId('param-kernelSize').fill('15');
        await expect(page.getByTestId('badge-conv2d_2')).toBeVisible();
        await expect(page.getByTestId('edge-label-conv2d_2-maxpooling2d_2')).toHaveText('?');
        await expect(page.getByTestId('graph-status')).toContainText(tr(lang, 'error', 'erreur'));
        await expect(page.getByTestId('issue').first()).toContainText('conv2d_2');
      },
      {
        leave: async () => {
          await deselect(page);
          await page.keyboard.press('Control+z');
          await expect(page.getByTestId('badge-conv2d_2')).toHaveCount(0);
          await expect(page.getByTestId('total-params')).toHaveText(/^42[,\s]358$/);
        },
      },
    );
  });

  await test.step('the data panel with MNIST', async () => {
    await inBothLanguages(page, 'data-mnist', async (lang) => {
      if (!(await dock.isVisible())) await trainButton(lang).click();
      await tab(0).click();
      await expect(tab(0)).toHaveText(tr(lang, 'Data', 'Données'));
      await dock.getByTestId('data-builtin-mnist').getByRole('radio').check();
      await expect(dock.getByTestId('data-class')).toHaveCount(10, { timeout: 30_000 });
      await expect(dock.getByTestId('data-class').first().getByRole('img')).toHaveCount(8);
      await expect(dock.getByTestId('data-summary')).toContainText(tr(lang, '10 classes', '10 classes'));
    });
  });

  await test.step('train one short epoch on 1,000 digits: the panel while it trains (paused) and after', async () => {
    await tab(1).click();
    await dock.getByLabel('Training samples').fill('1000');
    await dock.getByLabel('Epochs', { exact: true }).fill('1');
    await dock.getByLabel('Batch size').fill('16');
    await dock.getByRole('button', { name: 'Start training' }).click();
    // Paused as soon as its button shows, so that the shot shows a run under way: clicked from the
    // page's next frame, since an epoch this short can end before a click from outside lands on a
    // busy machine.
    await page.waitForFunction(
      () => {
        const buttons: any[] = Array.from((globalThis as any).document.querySelectorAll('#training-dock button'));
        const pause = buttons.find((b) => b.textContent.trim().endsWith('Pause'));
        pause?.click();
        return Boolean(pause);
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    );
    await expect(dock.getByTestId('train-status')).toHaveText('Paused');
    await inBothLanguages(page, 'train-running', async (lang) => {
      await expect(dock.getByTestId('train-status')).toHaveText(tr(lang, 'Paused', 'En pause'));
      await expect(dock.getByTestId('train-progress-text')).toContainText(
        lang === 'en' ? /Epoch 1 of 1 · batch \d+ of \d+/ : /Époque 1 sur 1 · lot \d+ sur \d+/,
      );
      await expect(dock.getByRole('button', { name: tr(lang, 'Resume', 'Reprendre') })).toBeVisible();
    });
    await dock.getByRole('button', { name: 'Resume' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
    await inBothLanguages(page, 'train-finished', async (lang) => {
      await expect(dock.getByTestId('train-final')).toContainText(tr(lang, 'Test accuracy', 'Exactitude sur le test'));
      await expect(dock.getByTestId('chart-loss')).toBeVisible();
      await expect(dock.getByTestId('train-next')).toBeVisible();
    });
  });

  await test.step('evaluate it on the 10,000 test digits', async () => {
    await inBothLanguages(page, 'evaluate', async (lang) => {
      await tab(2).click();
      await expect(dock.getByTestId('test-accuracy')).toContainText(lang === 'en' ? 'on 10,000 samples' : /sur 10\s000 exemples/);
      await expect(dock.getByTestId('confusion-matrix').locator('tbody tr')).toHaveCount(10);
      await expect(dock.getByTestId('per-class').locator('tbody tr')).toHaveCount(10);
    });
  });

  await test.step('try it with a drawing, and look inside', async () => {
    await inBothLanguages(page, 'try-drawing', async (lang) => {
      await tab(3).click();
      await draw(page, [
        [
          { x: 140, y: 40 },
          { x: 140, y: 240 },
        ],
      ]);
      await expect(dock.getByTestId('try-answer')).toContainText(tr(lang, 'It looks like a', 'On dirait un'));
      await expectProbabilities(dock, 10);
    });
    const inside = dock.getByTestId('look-inside');
    await inBothLanguages(page, 'inside', async (lang) => {
      if (!(await inside.getByTestId('inside-view').isVisible()))
        await dock.getByRole('button', { name: tr(lang, 'Look inside the model', 'Regarder dans le modèle') }).click();
      await inside.getByRole('button', { name: /^conv2d_1\s*Conv2D$/ }).click();
      await expect(inside.getByTestId('inside-view').getByRole('heading')).toContainText('conv2d_1 · Conv2D');
      await expect(inside.getByTestId('inside-maps').getByRole('img')).toHaveCount(8);
      // The graph beside the panel, where its blocks can be clicked, stays readable.
      await expectReadable(page);
      await inside.scrollIntoViewIfNeeded();
    });
  });

  const exported: string[] = [];
  await test.step('export the trained model as a web demo page, from the dialog', async () => {
    const dialog = page.getByRole('dialog');
    await inBothLanguages(
      page,
      'export',
      async (lang) => {
        await page.getByRole('button', { name: tr(lang, 'Export…', 'Exporter…') }).click();
        await expect(dialog.getByRole('heading').first()).toHaveText(tr(lang, 'Export the model', 'Exporter le modèle'));
        await expect(dialog.getByRole('combobox', { name: tr(lang, 'Weights', 'Poids') })).toHaveValue('1:best');
        await dialog.getByRole('radio', { name: tr(lang, 'Web demo page', 'Page web de démonstration') }).check();
        const folder = path.join(tmp, `web-demo-${lang}`);
        await dialog.getByRole('textbox', { name: tr(lang, 'Folder to export into', 'Dossier où exporter') }).fill(folder);
        await dialog.getByRole('button', { name: tr(lang, 'Export', 'Exporter'), exact: true }).click();
        await expect(dialog.getByTestId('export-outcome')).toContainText(
          tr(lang, 'With the trained weights.', 'Avec les poids entraînés.'),
          { timeout: 30_000 },
        );
        await expect(dialog.getByTestId('export-outcome')).toContainText('index.html');
        expect(readFileSync(path.join(folder, 'index.html'), 'utf8')).toContain('<!doctype html>');
        exported.push(folder);
      },
      {
        leave: async (lang) => {
          await dialog.getByRole('button', { name: tr(lang, 'Close', 'Fermer'), exact: true }).click();
          await expect(dialog).toHaveCount(0);
        },
      },
    );
  });

  await test.step('a second short run, and the two runs compared', async () => {
    await tab(1).click();
    await dock.getByLabel('Learning rate').fill('0.003');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
    await tab(4).click();
    const rows = dock.getByTestId('runs-table').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await dock.getByRole('checkbox', { name: 'Show run 1 on the chart' }).check();
    await dock.getByRole('checkbox', { name: 'Show run 2 on the chart' }).check();
    await inBothLanguages(page, 'runs', async (lang) => {
      await expect(rows).toHaveCount(2);
      await expect(rows.first()).toContainText(tr(lang, 'Finished', 'Terminé'));
      await expect(dock.getByTestId('runs-overlay').locator('canvas')).toHaveCount(1);
    });
    const dialog = page.getByRole('dialog');
    await inBothLanguages(
      page,
      'runs-compare',
      async (lang) => {
        await dock.getByRole('button', { name: tr(lang, 'Compare the 2 ticked runs', 'Comparer les 2 entraînements cochés') }).click();
        const rate = dialog.getByTestId('compare-settings').locator('tr', { hasText: tr(lang, 'Learning rate', 'Taux d’apprentissage') });
        await expect(rate).toHaveAttribute('data-differs', 'true');
        await expect(rate).toContainText(tr(lang, '0.003', '0,003'));
        await expect(dialog.getByTestId('run-params-1')).toContainText(lang === 'en' ? '42,358' : /42\s358/);
      },
      {
        leave: async () => {
          await page.keyboard.press('Escape');
          await expect(dialog).toHaveCount(0);
        },
      },
    );
  });

  await test.step('reopen the project: the graph, both runs and the exports are all there', async () => {
    await page.reload();
    await page.getByTestId('file-classroom.nbproj').click();
    await expect(page.getByTestId('total-params')).toHaveText('42,358');
    await expect(page.locator('.react-flow__node')).toHaveCount(COURSE_CNN.length);
    for (let i = 0; i + 1 < COURSE_CNN.length; i++)
      await expect(page.getByTestId(`edge-label-${COURSE_CNN[i].id}-${COURSE_CNN[i + 1].id}`)).toBeAttached();
    await expect(page.getByTestId('edge-label-conv2d_2-maxpooling2d_2')).toHaveText('11×11×16');
    await trainButton('en').click();
    await tab(4).click();
    const rows = dock.getByTestId('runs-table').locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Finished');
    await expect(rows.nth(1)).toContainText('Finished');
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT run_id AS runId, format, path FROM exports ORDER BY id').all()).toEqual(
        exported.map((folder) => ({ runId: 1, format: 'web', path: folder })),
      );
    } finally {
      db.close();
    }
  });

  await test.step('a damaged project file is refused, and nothing of it is kept', async () => {
    await page.getByRole('button', { name: 'Home' }).click();
    const damaged = path.join(tmp, 'damaged.nbproj');
    const bytes = readFileSync(file);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 3)));
    await inBothLanguages(
      page,
      'damaged-project',
      async (lang) => {
        await page
          .getByLabel(
            tr(
              lang,
              'Open a project file (.nbproj or .json) from this computer…',
              'Ouvrir un fichier de projet (.nbproj ou .json) de cet ordinateur…',
            ),
          )
          .setInputFiles(damaged);
        await expect(page.getByTestId('toast-error').last()).toContainText(
          tr(lang, 'damaged.nbproj is damaged', 'damaged.nbproj est endommagé'),
        );
        await expect(page.getByTestId('new-empty')).toBeVisible();
      },
      { keepMessages: true, leave: () => dismissMessages(page) },
    );
    expect(existsSync(path.join(projects, 'damaged.nbproj'))).toBe(false);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  await test.step('the data panel with an image folder; a colour model trained on it is tried on an image file', async () => {
    await page.getByTestId('file-classroom.nbproj').click();
    await trainButton('en').click();
    await tab(0).click();
    await dock.getByTestId('data-folder-input').setInputFiles(path.join(tmp, 'colours'));
    await expect(dock.getByTestId('data-current')).toContainText(/datasets[/\\]colours/, { timeout: 30_000 });
    await inBothLanguages(page, 'data-images', async (lang) => {
      await tab(0).click();
      await expect(tab(0)).toHaveText(tr(lang, 'Data', 'Données'));
      await expect(dock.getByTestId('data-class')).toHaveCount(3);
      await expect(dock.getByTestId('data-class').first().getByRole('img')).not.toHaveCount(0);
      await expect(dock.getByTestId('data-fit-input')).toContainText('16×16×3');
      await expect(dock.getByRole('button', { name: /\[16, 16, 3\]$/ })).toBeVisible();
      await dock.getByTestId('data-classes').scrollIntoViewIfNeeded();
    });
    await dock.getByRole('button', { name: 'Set the Input shape to [16, 16, 3]' }).click();
    await dock.getByRole('button', { name: 'Set units to 3' }).click();
    await expect(dock.getByTestId('data-fit-input')).toHaveCount(0);
    await tab(1).click();
    await dock.getByLabel('Batch size').fill('4');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
    await inBothLanguages(page, 'try-image', async (lang) => {
      await tab(3).click();
      await expect(dock.getByTestId('draw-pad')).toBeHidden();
      await dock
        .getByTestId('image-file')
        .setInputFiles({ name: 'tomato.png', mimeType: 'image/png', buffer: await variedColourPng([230, 30, 35], 5) });
      await expect(dock.getByTestId('image-views')).toContainText('16×16×3');
      await expect(dock.getByTestId('try-answer')).toContainText(tr(lang, 'It looks like a', 'On dirait un'));
      await expectProbabilities(dock, 3);
    });
  });

  await test.step('the data panel with a CSV table', async () => {
    await tab(0).click();
    await dock.getByTestId('data-csv-input').setInputFiles(path.join(tmp, 'plants.csv'));
    await expect(dock.getByTestId('data-current')).toContainText('plants.csv', { timeout: 30_000 });
    await inBothLanguages(page, 'data-csv', async (lang) => {
      await expect(
        dock.getByLabel(tr(lang, 'Label column (the class of each row)', 'Colonne de l’étiquette (la classe de chaque ligne)')),
      ).toHaveValue('label');
      await expect(dock.getByTestId('data-class')).toHaveCount(2);
      await expect(dock.getByTestId('data-table').locator('tbody tr')).not.toHaveCount(0);
      await expect(dock.getByTestId('data-summary')).toContainText(tr(lang, 'each sample 2 values', '2 valeurs'));
      await dock.getByTestId('data-table').scrollIntoViewIfNeeded();
    });
  });
  expect(problems).toEqual([]);
});
