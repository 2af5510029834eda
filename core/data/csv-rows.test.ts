import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvDataset, parseCsvRecords } from './csv';
import { previewDataset } from './preview';
import { problemText, problemTexts } from '../i18n/translate';
import { skippedWarning } from './summary';
import { said } from './said-fixtures';
import { DataError } from './types';

const good = (n: number) => Array.from({ length: n }, (_, i) => `${(i % 7) + 1}.5,${i % 3},${i % 2 ? 'b' : 'a'}`).join('\n');

describe('CSV rows with bad cells', () => {
  it('gives each row the line of the file it starts on, blank lines and quoted line breaks counted', () => {
    const records = parseCsvRecords('a,b\n1,2\n\n"x\ny",3\r\n4,5\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 6]);
    expect(records[2].cells).toEqual(['x\ny', '3']);
  });

  it('skips empty, non-numeric, empty-label and wrong-length rows, lists each with its line, column, value and why, and keeps the rest', () => {
    const text = ['length,width,label', good(10), '2.5,,a', '3.5,wide,b', '4.5,1', ',1,a', '5.5,2,', good(10)].join('\n');
    const data = csvDataset(text, 'label', 'flowers.csv');
    expect(data.train.count + data.test.count).toBe(20);
    expect(data.skipped.map((s) => s.reason.code)).toEqual([
      'data:cellEmpty',
      'data:cellNotNumber',
      'data:rowCells',
      'data:cellEmpty',
      'data:labelEmpty',
    ]);
    expect(data.skipped.map(said)).toEqual([
      {
        file: 'flowers.csv',
        line: 12,
        column: 'width',
        value: '',
        reason: 'the cell is empty, not a number',
        reasonFr: 'la cellule est vide, ce n’est pas un nombre',
      },
      {
        file: 'flowers.csv',
        line: 13,
        column: 'width',
        value: 'wide',
        reason: '"wide" is not a number',
        reasonFr: '« wide » n’est pas un nombre',
      },
      {
        file: 'flowers.csv',
        line: 14,
        reason: 'has 2 cells but the header has 3 columns',
        reasonFr: 'a 2 cellules, mais l’en-tête a 3 colonnes',
      },
      {
        file: 'flowers.csv',
        line: 15,
        column: 'length',
        value: '',
        reason: 'the cell is empty, not a number',
        reasonFr: 'la cellule est vide, ce n’est pas un nombre',
      },
      { file: 'flowers.csv', line: 16, column: 'label', value: '', reason: 'the label is empty', reasonFr: 'l’étiquette est vide' },
    ]);
    const warning = problemTexts(skippedWarning(data.skipped)!);
    expect(warning.en).toBe(
      '5 rows of flowers.csv were skipped: line 12, column "width" (the cell is empty, not a number); line 13, column "width" ("wide" is not a number); line 14 (has 2 cells but the header has 3 columns); line 15, column "length" (the cell is empty, not a number); line 16, column "label" (the label is empty). Training uses the other rows; fix the file and load it again to use them all.',
    );
    expect(warning.fr).toMatch(
      /^5 lignes de flowers\.csv ont été ignorées : ligne 12, colonne « width » \(la cellule est vide, ce n’est pas un nombre\) ; ligne 13/,
    );
  });

  it('keeps the columns, their standardisation and the test rows as written', () => {
    const text = [
      'height,weight,label',
      ...Array.from({ length: 20 }, (_, i) => `${150 + i},${(40 + i * 1.5).toFixed(1)},${i % 2 ? 'tall' : 'short'}`),
    ].join('\n');
    const data = csvDataset(text, 'label', 'people.csv');
    const table = data.table!;
    expect(table.labelColumn).toBe('label');
    expect(table.columns.map((c) => c.name)).toEqual(['height', 'weight']);
    for (let i = 0; i < data.test.count; i++) {
      for (let f = 0; f < 2; f++) {
        const raw = table.rawTest[i * 2 + f];
        const { mean, std } = table.columns[f];
        expect(data.test.x[i * 2 + f]).toBe(Math.fround((raw - mean) / std));
      }
    }
    const heights = Array.from({ length: data.train.count }, (_, i) => data.train.x[i * 2] * table.columns[0].std + table.columns[0].mean);
    expect(Math.min(...heights)).toBeCloseTo(table.columns[0].min, 3);
    expect(Math.max(...heights)).toBeCloseTo(table.columns[0].max, 3);
    // Each test row as written: a height of the file and the weight written on its line.
    for (let i = 0; i < data.test.count; i++) {
      const height = table.rawTest[i * 2];
      expect(Number.isInteger(height) && height >= 150 && height < 170).toBe(true);
      expect(table.rawTest[i * 2 + 1]).toBe(Math.fround(Number((40 + (height - 150) * 1.5).toFixed(1))));
    }
  });

  it('refuses a file whose rows are all bad, in English and French, and says a text column may be the label', () => {
    const text = 'a,flower,size\n1,rose,3\n2,tulip,4\n';
    let error: DataError | undefined;
    try {
      csvDataset(text, 'size', 'flowers.csv');
    } catch (e) {
      error = e as DataError;
    }
    expect(error).toBeInstanceOf(DataError);
    expect(error!.message).toBe(
      'No row of flowers.csv can be used: Row 2, column 2 ("flower") of flowers.csv is "rose", not a number. Column "flower" holds no number in any row: if it is the class of each row, choose it as the label column; otherwise every column except the label "size" must hold numbers: fix the file and load it again.',
    );
    expect(error!.fr).toMatch(
      /^Aucune ligne de flowers\.csv n’est utilisable : Ligne 2, colonne 2 \(« flower »\) de flowers\.csv : la cellule vaut « rose », ce n’est pas un nombre\. La colonne « flower » ne contient de nombre/,
    );
  });

  it('still refuses a header over 64 KiB or 10,000 columns before reading rows', () => {
    expect(() => csvDataset(`${'x'.repeat(65 * 1024)},label\n1,a\n`, 'label', 'long.csv')).toThrow(/longer than 64 KiB/);
    const wide = Array.from({ length: 10_001 }, (_, i) => `c${i}`).join(',');
    expect(() => csvDataset(`${wide}\n1\n`, 'c0', 'wide.csv')).toThrow(/has 10,001 columns/);
  });

  it('the preview lists the skipped rows and counts only the rows left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-csv-rows-'));
    writeFileSync(join(dir, 'iris.csv'), ['sepal,petal,species', good(20), '1.5,n/a,a', good(5)].join('\n'));
    const preview = await previewDataset({ kind: 'csv', path: 'iris.csv', labelColumn: 'species' }, { baseDir: dir });
    expect(preview.trainCount + preview.testCount).toBe(25);
    expect(preview.skipped.map(said)).toEqual([
      {
        file: 'iris.csv',
        line: 22,
        column: 'petal',
        value: 'n/a',
        reason: '"n/a" is not a number',
        reasonFr: '« n/a » n’est pas un nombre',
      },
    ]);
    expect(problemText(preview.warnings.at(-1)!)).toBe(
      '1 row of iris.csv was skipped: line 22, column "petal" ("n/a" is not a number). Training uses the other rows; fix the file and load it again to use them all.',
    );
  });
});
