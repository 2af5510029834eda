// CSV files as people really have them: saved by a spreadsheet in Latin-1 or UTF-16, or not a
// table at all (one line of 50 MB).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { problemText } from '../i18n/translate';
import { errorTexts } from '../model/localized';
import { csvDataset, decodeCsv, loadCsv, MAX_COLUMNS } from './csv';
import { previewDataset, readCsvColumns } from './preview';

const dir = mkdtempSync(join(tmpdir(), 'nb-csv-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Labels that differ only in their accents, and a column of numbers. */
const accented = 'x;boisson\n1;café\n2;cafe\n3;cafè\n4;café\n5;cafe\n6;cafè\n7;café\n8;cafe\n9;cafè\n10;café\n';

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

const utf16 = (text: string, order: 'le' | 'be'): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  if (order === 'be') le.swap16();
  return Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), le]);
};

describe('CSV encodings', () => {
  it('reads a Latin-1 (Windows-1252) file with its accents: café, cafe and cafè stay three classes', async () => {
    const latin1 = file('latin1.csv', Buffer.from(accented, 'latin1'));
    const dataset = await loadCsv(latin1, 'boisson');
    expect(dataset.classNames).toEqual(['cafe', 'café', 'cafè']);
    const preview = await previewDataset({ kind: 'csv', path: latin1, labelColumn: 'boisson' });
    expect(preview.classes.map((c) => c.name)).toEqual(['cafe', 'café', 'cafè']);
    expect(preview.warnings.some((w) => problemText(w, 'en').includes('read as Windows-1252 (Latin-1)'))).toBe(true);
    expect(preview.warnings.some((w) => problemText(w, 'fr').includes('lu en Windows-1252 (Latin-1)'))).toBe(true);
    expect(preview.warnings.map((w) => w.code)).toContain('data:notUtf8');
    // The same file in UTF-8 gives the same classes and no encoding warning.
    const utf8 = await previewDataset({ kind: 'csv', path: file('utf8.csv', accented), labelColumn: 'boisson' });
    expect(utf8.classes.map((c) => c.name)).toEqual(['cafe', 'café', 'cafè']);
    expect(utf8.warnings.some((w) => problemText(w, 'en').includes('Windows-1252'))).toBe(false);
  });

  it('reads Windows-1252 letters beyond Latin-1 (œ, €) and a column name with an accent', async () => {
    const path = file(
      'cp1252.csv',
      Buffer.from([...Buffer.from('prix;c'), 0x9c, 0xe9, 0x0a, ...Buffer.from('1;a'), 0x80, 0x0a, ...Buffer.from('2;b\n')]),
    );
    expect(await readCsvColumns(path)).toEqual(['prix', 'cœé']);
    expect((await loadCsv(path, 'cœé')).classNames).toEqual(['a€', 'b']);
  });

  it('reads UTF-16 with a byte-order mark, little- and big-endian, header and all', async () => {
    for (const order of ['le', 'be'] as const) {
      const path = file(`utf16${order}.csv`, utf16(accented.replace(/\n/g, '\r\n'), order));
      expect(await readCsvColumns(path)).toEqual(['x', 'boisson']);
      expect((await loadCsv(path, 'boisson')).classNames).toEqual(['cafe', 'café', 'cafè']);
      expect(decodeCsv(utf16('a', order), 'f').encoding).toBe(order === 'le' ? 'UTF-16LE' : 'UTF-16BE');
    }
  });

  it('refuses UTF-16 without a byte-order mark (or any file with NUL bytes), naming the encoding', async () => {
    const path = file('utf16-nobom.csv', Buffer.from(accented, 'utf16le'));
    const error = await loadCsv(path, 'boisson', 'utf16-nobom.csv').catch((e: unknown) => e);
    expect(errorTexts(error).en).toBe(
      'The CSV file utf16-nobom.csv holds NUL bytes: it is not text, or it is UTF-16 text without a byte-order mark. Save it again as "CSV UTF-8".',
    );
    expect(errorTexts(error).fr).toContain('UTF-16 sans marque d’ordre des octets');
    expect((error as { problem?: { code: string } }).problem?.code).toBe('data:csvNul');
  });
});

/** Peak memory of the process (resident set), in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

describe('a CSV whose header is not a header', () => {
  // 50 MB on one line: 25 million one-letter columns.
  const oneLine = file('one-line.csv', Buffer.alloc(50 * 1024 * 1024, 'a,'));

  it('is refused at once when its columns are read, previewed or loaded, with the bound in the message, in English and French', async () => {
    const before = peakRss();
    const started = performance.now();
    for (const attempt of [
      () => readCsvColumns(oneLine),
      () => previewDataset({ kind: 'csv', path: oneLine, labelColumn: 'a' }),
      () => loadCsv(oneLine, 'a', 'one-line.csv'),
    ]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(errorTexts(error).en).toBe(
        'The first line of the CSV file one-line.csv (its header row, naming the columns) is longer than 64 KiB, the most Neuroblocks reads (at most 10,000 columns). Check that the file is a CSV table with one row per line and a short header.',
      );
      expect(errorTexts(error).fr).toContain('dépasse 64 Kio');
    }
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(1.5);
    expect(peakRss() - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a header of more than 10,000 columns, saying how many it has', async () => {
    const wide = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `c${i}`).join(',');
    const path = file('wide.csv', `${wide}\n${wide.replace(/c\d+/g, '1')}\n`);
    const error = await readCsvColumns(path).catch((e: unknown) => e);
    expect(errorTexts(error).en).toBe(
      'The CSV file wide.csv has 10,001 columns; Neuroblocks reads at most 10,000. Keep fewer columns (one per input value, plus the label).',
    );
    expect(errorTexts(error).fr).toContain('10\u202f001 colonnes');
    expect(() => csvDataset(`${wide}\n`, 'c0', 'wide.csv')).toThrow(/has 10,001 columns/);
    // 10,000 columns are still read.
    const most = Array.from({ length: MAX_COLUMNS }, (_, i) => `c${i}`).join(',');
    expect(await readCsvColumns(file('most.csv', `${most}\n`))).toHaveLength(MAX_COLUMNS);
  });
});
