// A table with a header row: one column holds the class label, every other column a number.
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { stratifiedSplit } from './split';
import { DataError, fileSystemReason, type Dataset } from './types';

/** Splits CSV text into rows of cells (RFC 4180 quotes; `,` or `;` as chosen). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Blank lines carry no data.
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

function guessDelimiter(headerLine: string): string {
  return (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** Labels that all read as numbers are ordered numerically, others alphabetically. */
function orderLabels(labels: string[]): string[] {
  const unique = [...new Set(labels)];
  return unique.every((l) => l.trim() !== '' && Number.isFinite(Number(l)))
    ? unique.sort((a, b) => Number(a) - Number(b))
    : unique.sort((a, b) => a.localeCompare(b));
}

/**
 * Only a file named *.csv is read as a CSV data set, so that an error about its header or its
 * cells (which quotes them) never shows the content of some other file.
 */
export function checkCsvFileName(path: string): void {
  if (extname(path).toLowerCase() === '.csv') return;
  const name = basename(path) || path;
  throw new DataError({
    en: `${name} is not a CSV file: a CSV data set is a table of values in a file whose name ends in .csv. Choose such a file, or export your table as CSV.`,
    fr: `${name} n’est pas un fichier CSV : un jeu de données CSV est un tableau de valeurs dans un fichier dont le nom se termine par .csv. Choisissez un tel fichier, ou exportez votre tableau en CSV.`,
  });
}

/**
 * Reads a CSV file as a classification data set. Features are standardised with the mean and
 * standard deviation of the training rows; a fixed, stratified 20% of the rows is the test split.
 */
export async function loadCsv(path: string, labelColumn: string, name = path): Promise<Dataset> {
  checkCsvFileName(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = fileSystemReason(error);
    throw new DataError({ en: `Cannot read the CSV file ${path}: ${reason.en}.`, fr: `Impossible de lire le fichier CSV ${path} : ${reason.fr}.` });
  }
  return csvDataset(text, labelColumn, name);
}

export function csvDataset(text: string, labelColumn: string, name: string): Dataset {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), guessDelimiter(text.split(/\r?\n/, 1)[0] ?? ''));
  if (rows.length < 2) {
    throw new DataError({
      en: `The CSV file ${name} needs a header row and at least one row of data.`,
      fr: `Le fichier CSV ${name} doit avoir une ligne d’en-tête et au moins une ligne de données.`,
    });
  }
  const header = rows[0].map((h) => h.trim());
  const labelIndex = header.indexOf(labelColumn);
  if (labelIndex < 0) {
    throw new DataError({
      en: `The CSV file ${name} has no column "${labelColumn}" to use as the label. Its columns are: ${header.join(', ')}.`,
      fr: `Le fichier CSV ${name} n’a pas de colonne « ${labelColumn} » à utiliser comme étiquette. Ses colonnes sont : ${header.join(', ')}.`,
    });
  }
  const featureColumns = header.map((_, i) => i).filter((i) => i !== labelIndex);
  if (featureColumns.length === 0) {
    throw new DataError({
      en: `The CSV file ${name} has only the label column "${labelColumn}": add at least one column of numbers.`,
      fr: `Le fichier CSV ${name} n’a que la colonne d’étiquette « ${labelColumn} » : ajoutez au moins une colonne de nombres.`,
    });
  }
  const data = rows.slice(1);
  const features = featureColumns.length;
  const x = new Float32Array(data.length * features);
  data.forEach((row, r) => {
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const rowNumber = r + 2;
    if (row.length !== header.length) {
      throw new DataError({
        en: `Row ${rowNumber} of ${name} has ${row.length} cells but the header has ${header.length} columns.`,
        fr: `La ligne ${rowNumber} de ${name} a ${row.length} cellule${row.length > 1 ? 's' : ''}, mais l’en-tête a ${header.length} colonnes.`,
      });
    }
    featureColumns.forEach((c, f) => {
      const cell = row[c].trim();
      const value = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) {
        throw new DataError({
          en: `Row ${rowNumber}, column ${c + 1} ("${header[c]}") of ${name} is ${cell === '' ? 'empty' : `"${cell}"`}, not a number. Every column except the label "${labelColumn}" must hold numbers: fix or remove that row.`,
          fr: `Ligne ${rowNumber}, colonne ${c + 1} (« ${header[c]} ») de ${name} : la cellule ${cell === '' ? 'est vide' : `vaut « ${cell} »`}, ce n’est pas un nombre. Toutes les colonnes sauf l’étiquette « ${labelColumn} » doivent contenir des nombres : corrigez ou supprimez cette ligne.`,
        });
      }
      x[r * features + f] = value;
    });
  });
  const labels = data.map((row) => row[labelIndex].trim());
  const emptyLabel = labels.indexOf('');
  if (emptyLabel >= 0) {
    throw new DataError({
      en: `Row ${emptyLabel + 2} of ${name} has an empty label in column "${labelColumn}".`,
      fr: `La ligne ${emptyLabel + 2} de ${name} a une étiquette vide dans la colonne « ${labelColumn} ».`,
    });
  }
  const classNames = orderLabels(labels);
  const index = new Map(classNames.map((c, i) => [c, i]));
  const y = Int32Array.from(labels, (l) => index.get(l)!);
  const { train, test } = stratifiedSplit({ x, y, count: data.length }, features, 0.2);
  standardise(train.x, test.x, features);
  return { name, inputShape: [features], classNames, train, test, skipped: [] };
}

/** (x − mean) / σ per column, with the training rows' statistics applied to both parts. */
function standardise(train: Float32Array, test: Float32Array, features: number): void {
  const rows = train.length / features;
  for (let f = 0; f < features; f++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += train[r * features + f];
    const mean = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (train[r * features + f] - mean) ** 2;
    const sd = Math.sqrt(squares / rows) || 1;
    for (const part of [train, test]) for (let i = f; i < part.length; i += features) part[i] = (part[i] - mean) / sd;
  }
}
