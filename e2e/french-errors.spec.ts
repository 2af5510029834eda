import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import path from 'node:path';
import { artifacts, consoleErrors, url } from './helpers';

// A French-speaking student opens damaged project files: every line of the explanation is French,
// and each problem keeps the JSON path it is about. On the projector's 1280×720.
async function openFile(page: Page, name: string, text: string): Promise<void> {
  await page
    .getByText('Ouvrir un fichier de projet (.nbproj ou .json) de cet ordinateur…')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

// Words of the English problem lines; none may reach a French screen.
const english =
  /\b(cannot be opened|must be|is missing|not valid JSON|unexpected|unknown key|remove it|spelling|not allowed|newer Neuroblocks|at least|at most)\b/;

test('a damaged project file is explained in French, line by line', async ({ page }) => {
  const problems = consoleErrors(page);
  await page.goto(url());
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('combobox', { name: 'Langue' })).toBeVisible();

  await test.step('several problems, each at its JSON path', async () => {
    const project = {
      format: 'neuroblocks.project',
      version: 1,
      name: 'Cours 3',
      graph: { nodes: [{ id: 'in', type: 'Input', params: { shape: [2] }, colour: 'red' }], edges: [] },
      training: { epochs: 0, batchSize: 'grand', validationSplit: 2 },
    };
    await openFile(page, 'cours-3.json', JSON.stringify(project, null, 2));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('Ce projet ne peut pas être ouvert (4 problèmes) :');
    for (const line of [
      'graph.nodes[0] : clé inconnue « colour » : supprimez-la ou vérifiez l’orthographe.',
      'training.batchSize : doit être un nombre, et non le texte « grand ».',
      'training.epochs : doit valoir au moins 1.',
      'training.validationSplit : doit valoir au plus 0,9.',
    ])
      await expect(alert).toContainText(line);
    expect(await alert.textContent()).not.toMatch(english);
    // One problem a line, as a list the student can read from the back of the room.
    const text = await alert.locator('span').first().innerText();
    // French typography: no-break spaces before the colons and inside the guillemets, so that none starts a line.
    expect(text).not.toMatch(/ [:;!?»]|« /);
    const lines = text.replace(/[\u00a0\u202f]/g, ' ').split('\n');
    expect(lines).toEqual([
      'cours-3.json — Ce projet ne peut pas être ouvert (4 problèmes) :',
      '- graph.nodes[0] : clé inconnue « colour » : supprimez-la ou vérifiez l’orthographe.',
      '- training.batchSize : doit être un nombre, et non le texte « grand ».',
      '- training.epochs : doit valoir au moins 1.',
      '- training.validationSplit : doit valoir au plus 0,9.',
    ]);
    await page.screenshot({ path: path.join(artifacts, 'french-errors-project.png') });
    await alert.getByRole('button', { name: 'Fermer' }).click();
  });

  await test.step('a JSON syntax error, with its line and column', async () => {
    await openFile(page, 'cassé.json', '{\n  "format": "neuroblocks.project",\n  "version": 1,,\n}');
    const alert = page.getByRole('alert');
    await expect(alert).toHaveText(
      /^cassé\.json — Ce projet ne peut pas être ouvert\s: le fichier n’est pas du JSON valide\s: caractère «\s,\s» inattendu à la ligne 3, colonne 16\./,
    );
    expect(await alert.textContent()).not.toMatch(english);
    await page.screenshot({ path: path.join(artifacts, 'french-errors-json.png') });
    await alert.getByRole('button', { name: 'Fermer' }).click();
  });

  await test.step('a project of a newer Neuroblocks', async () => {
    await openFile(page, 'futur.json', JSON.stringify({ format: 'neuroblocks.project', version: 7, graph: { nodes: [], edges: [] } }));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('futur.json — ');
    await expect(alert).toContainText(
      'version : ce projet a été créé par une version plus récente de Neuroblocks (version 7 du format ; celle-ci lit jusqu’à la version 1). Mettez Neuroblocks à jour pour l’ouvrir.',
    );
    expect(await alert.textContent()).not.toMatch(english);
  });
  expect(problems).toEqual([]);
});
