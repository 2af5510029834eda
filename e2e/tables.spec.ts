import { expect, test } from './fixtures';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IRIS_COLUMNS, irisLikeCsv } from '../core/data/table-fixtures';
import { consoleErrors, openTrainingDock, shot } from './helpers';

let tmp: string;
let badLines: number[];
test.beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-tables-e2e-'));
  const csv = irisLikeCsv(40, 7, [
    { after: 5, cells: ['5.1', 'n/a', '1.4', '0.2', 'setosa'] },
    { after: 30, cells: ['', '3.0', '4.1', '1.3', 'versicolor'] },
    { after: 70, cells: ['6.3', '2.9', '5.6', 'virginica'] },
  ]);
  badLines = csv.badLines;
  writeFileSync(path.join(tmp, 'iris.csv'), csv.text);
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('a student imports a CSV with bad rows, trains on the rest, reads the mistakes as rows and types a row into Try it', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = consoleErrors(page);
  const dock = await openTrainingDock(page, 'spirals-mlp');

  await test.step('the preview lists the skipped rows with their line, column, cell and why, and counts the others', async () => {
    await dock.getByRole('tab', { name: 'Data' }).click();
    await dock.getByTestId('data-csv-input').setInputFiles(path.join(tmp, 'iris.csv'));
    await expect(dock.getByLabel('Label column (the class of each row)')).toHaveValue('species');
    const skipped = dock.getByTestId('data-skipped');
    await expect(skipped.locator('summary')).toHaveText('3 rows skipped');
    const rows = skipped.getByTestId('data-skipped-rows').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toHaveText([String(badLines[0]), 'sepal_width', 'n/a', '"n/a" is not a number'].join(''));
    await expect(rows.nth(1)).toHaveText([String(badLines[1]), 'sepal_length', '(empty)', 'the cell is empty, not a number'].join(''));
    await expect(rows.nth(2)).toHaveText([String(badLines[2]), '(whole row)', '', 'has 4 cells but the header has 5 columns'].join(''));
    await expect(dock.getByTestId('data-summary')).toContainText(
      /^3 classes · \d+ samples for training · \d+ kept for the final test · each sample 4 values$/,
    );
    const summary = (await dock.getByTestId('data-summary').textContent())!;
    const [, train, kept] = /(\d+) samples for training · (\d+) kept/.exec(summary)!;
    expect(Number(train) + Number(kept)).toBe(120);
    await dock.getByRole('button', { name: 'Set the Input shape to [4]' }).click();
    await dock.getByRole('button', { name: 'Set units to 3' }).click();
    await skipped.scrollIntoViewIfNeeded();
    await shot(page, 'tables-skipped-rows');
  });

  await test.step('training uses the remaining rows', async () => {
    await dock.getByRole('tab', { name: 'Train' }).click();
    await dock.getByLabel('Epochs', { exact: true }).fill('4');
    await dock.getByLabel('Seed').fill('3');
    await dock.getByRole('button', { name: 'Start training' }).click();
    await expect(dock.getByTestId('train-status')).toHaveText('Finished', { timeout: 90_000 });
  });

  let mistake: { values: string[]; predicted: string; confidence: string };
  await test.step('Evaluate shows each mistake as the row written in the file, column by column', async () => {
    await dock.getByRole('tab', { name: 'Evaluate' }).click();
    const mistakes = dock.getByTestId('mistakes');
    const first = mistakes.locator('.mistake').first();
    await expect(first).toBeVisible({ timeout: 30_000 });
    const table = first.getByTestId('row-table');
    await expect(table.locator('.row-table__name')).toHaveText(IRIS_COLUMNS);
    const values = await table.locator('.row-table__value').allTextContents();
    // As written in the file (one decimal), not standardised numbers around 0.
    for (const v of values) expect(v).toMatch(/^\d+(\.\d)?$/);
    const text = readFileSync(path.join(tmp, 'iris.csv'), 'utf8');
    expect(text.split('\n').some((line) => line.split(',').slice(0, 4).map(Number).join(',') === values.map(Number).join(','))).toBe(true);
    const label = (await first.locator('.mistake__label').textContent())!;
    const [, , predicted, confidence] = /^actual (\w+) → predicted (\w+) \(([\d.]+)%\)$/.exec(label)!;
    mistake = { values, predicted, confidence };
    await mistakes.scrollIntoViewIfNeeded();
    await shot(page, 'tables-mistakes');
    // Its cell of the confusion matrix shows the same row, column by column.
    await first.click();
    const highlighted = dock.getByTestId('cell-samples').locator('.cell-samples__highlight').getByTestId('row-table');
    await expect(highlighted.locator('.row-table__name')).toHaveText(IRIS_COLUMNS);
    await expect(highlighted.locator('.row-table__value')).toHaveText(values);
  });

  await test.step('Try it has one field per column; a mistaken row typed in gets the model’s same answer', async () => {
    await dock.getByRole('tab', { name: 'Try it' }).click();
    const form = dock.getByTestId('table-form');
    for (const column of IRIS_COLUMNS) await expect(form.getByLabel(column, { exact: true })).toBeVisible();
    await expect(form.getByText(/^number; training rows from \d/).first()).toBeVisible();
    for (const [i, column] of IRIS_COLUMNS.entries()) await form.getByLabel(column, { exact: true }).fill(mistake.values[i]);
    await form.getByRole('button', { name: 'Predict' }).click();
    await expect(dock.getByTestId('try-answer')).toHaveText(`It looks like a ${mistake.predicted} (${mistake.confidence}% sure).`);
    await expect(dock.getByTestId('prob-bars').locator('li')).toHaveCount(3);
    await shot(page, 'tables-try-row');
  });

  await test.step('a bad field is named, in English and in French', async () => {
    const form = dock.getByTestId('table-form');
    await form.getByLabel('sepal_width', { exact: true }).fill('wide');
    await form.getByRole('button', { name: 'Predict' }).click();
    const alert = dock.getByRole('alert');
    await expect(alert).toContainText(
      'The row cannot be tried: column "sepal_width" holds "wide", which is not a number: type a number such as',
    );
    await expect(form.getByLabel('sepal_width', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('sepal_length', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await shot(page, 'tables-try-bad-field');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await form.getByLabel('sepal_width', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Prédire' }).click();
    await expect(dock.getByRole('alert')).toContainText(
      'La ligne ne peut pas être essayée : la colonne « sepal_width » est vide : tapez un nombre (les lignes d’entraînement vont de',
    );
    await form.getByLabel('sepal_width', { exact: true }).fill(mistake.values[1].replace('.', ','));
    await form.getByRole('button', { name: 'Prédire' }).click();
    await expect(dock.getByTestId('try-answer')).toHaveText(
      new RegExp(`^On dirait un ${mistake.predicted} \\(sûr à ${mistake.confidence.replace('.', ',')}[\\u00a0\\u202f]%\\)\\.$`),
    );
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  });

  expect(problems).toEqual([]);
});
