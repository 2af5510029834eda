// A table with a header row: one column holds the class label, every other column a number.
import { open, readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { stratifiedSplit } from './split';
import { problem, type Problem } from '../i18n/catalogue';
import { DataError, fileSystemReason, type Dataset, type SkippedItem, type TableColumn } from './types';

/** The longest header row read: a header names the columns, so anything longer is not a CSV header. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** The most columns a CSV file may have. */
export const MAX_COLUMNS = 10_000;

/** How the bytes of a CSV file were read. */
export type CsvEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

export interface CsvText {
  text: string;
  encoding: CsvEncoding;
}

const headerTooLong = (name: string) => new DataError(problem('data:csvHeaderTooLong', { name, max: MAX_COLUMNS }));

const tooManyColumns = (name: string, columns: number) =>
  new DataError(problem('data:csvTooManyColumns', { name, columns, max: MAX_COLUMNS }));

/** Windows-1252's letters in 0x80–0x9F, where Latin-1 has control characters (the WHATWG table). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252 bytes as text (Node's TextDecoder reads that label as Latin-1). */
function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
    .toString('latin1')
    .replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * The text of CSV bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark,
 * and otherwise Windows-1252 (a superset of Latin-1), the encoding spreadsheets on Windows save
 * "CSV" in. Text with NUL bytes and no byte-order mark (UTF-16 without one, or not text) is refused.
 */
export function decodeCsv(bytes: Uint8Array, name: string): CsvText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16BE' };
  if (bytes.includes(0)) {
    throw new DataError(problem('data:csvNul', { name }));
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}

/** Refuses, before anything else is parsed, a header row over {@link MAX_HEADER_BYTES} or {@link MAX_COLUMNS} columns. */
export function checkCsvHeader(text: string, name: string): void {
  const end = text.search(/[\r\n]/);
  const header = end < 0 ? text : text.slice(0, end);
  if (Buffer.byteLength(header) > MAX_HEADER_BYTES) throw headerTooLong(name);
  const columns = (parseCsv(header, guessDelimiter(header))[0] ?? []).length;
  if (columns > MAX_COLUMNS) throw tooManyColumns(name, columns);
}

/** Whether the first bytes of a file hold the end of its header row (a newline, or the end of the file). */
function headerEnds(start: Uint8Array, atEnd: boolean): boolean {
  return atEnd || start.includes(0x0a) || start.includes(0x0d);
}

/** The bytes of the first line (its byte-order mark kept), newlines found on UTF-16 code units too. */
function firstLine(bytes: Uint8Array): Uint8Array {
  const order = bytes[0] === 0xff && bytes[1] === 0xfe ? 'le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'be' : undefined;
  if (!order) {
    const end = bytes.findIndex((b) => b === 0x0a || b === 0x0d);
    return end < 0 ? bytes : bytes.subarray(0, end);
  }
  for (let i = 2; i + 1 < bytes.length; i += 2) {
    const unit = order === 'le' ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1];
    if (unit === 0x0a || unit === 0x0d) return bytes.subarray(0, i);
  }
  return bytes.subarray(0, bytes.length - (bytes.length % 2));
}

async function readBytes(path: string, name: string, head: boolean): Promise<Uint8Array> {
  try {
    const file = await open(path, 'r');
    try {
      // The header is checked on the first bytes before the whole file is read.
      const first = new Uint8Array(MAX_HEADER_BYTES * 2 + 4);
      const { bytesRead } = await file.read(first, 0, first.length, 0);
      const start = first.subarray(0, bytesRead);
      if (!headerEnds(start, bytesRead < first.length)) throw headerTooLong(name);
      if (head) return firstLine(start);
      if (bytesRead < first.length) return start;
      return await readFile(path);
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError(problem('data:csvUnreadable', { path, reason: fileSystemReason(error) }));
  }
}

/**
 * Reads a CSV file's text (see {@link decodeCsv}), refusing a header row too long or too wide
 * without reading further. With `head`, only the first bytes, enough for the header row.
 */
export async function readCsvFile(path: string, name: string, options: { head?: boolean } = {}): Promise<CsvText> {
  checkCsvFileName(path);
  const bytes = await readBytes(path, name, options.head ?? false);
  const decoded = decodeCsv(bytes, name);
  checkCsvHeader(decoded.text.replace(/^\uFEFF/, ''), name);
  return decoded;
}

/** One row of a CSV text: its cells and the line of the file it starts on (the header is line 1). */
export interface CsvRecord {
  cells: string[];
  line: number;
}

/** Splits CSV text into rows of cells, each with the line it starts on (RFC 4180 quotes; `,` or `;` as chosen). */
export function parseCsvRecords(text: string, delimiter = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === delimiter) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      records.push({ cells: row, line: start });
      line++;
      start = line;
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    records.push({ cells: row, line: start });
  }
  // Blank lines carry no data.
  return records.filter((r) => !(r.cells.length === 1 && r.cells[0].trim() === ''));
}

/** Splits CSV text into rows of cells (RFC 4180 quotes; `,` or `;` as chosen). */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return parseCsvRecords(text, delimiter).map((r) => r.cells);
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
  throw new DataError(problem('data:csvWrongName', { name }));
}

/**
 * Reads a CSV file as a classification data set. Features are standardised with the mean and
 * standard deviation of the training rows; a fixed, stratified 20% of the rows is the test split.
 */
export async function loadCsv(path: string, labelColumn: string, name = path): Promise<Dataset> {
  const { text } = await readCsvFile(path, name);
  return csvDataset(text, labelColumn, name);
}

/** The rows of a CSV text, the header first, each with its line; a header too long or too wide is refused before the rest is parsed. */
export function csvRecords(text: string, name: string): CsvRecord[] {
  const body = text.replace(/^\uFEFF/, '');
  checkCsvHeader(body, name);
  const end = body.search(/[\r\n]/);
  return parseCsvRecords(body, guessDelimiter(end < 0 ? body : body.slice(0, end)));
}

/** The rows of a CSV text, the header first; a header too long or too wide is refused before the rest is parsed. */
export function csvRows(text: string, name: string): string[][] {
  return csvRecords(text, name).map((r) => r.cells);
}

/** A cell as a bad row's entry shows it: shortened past 60 characters. */
function shown(cell: string): string {
  return cell.length > 60 ? `${cell.slice(0, 57)}…` : cell;
}

/** Why a row cannot be used, with where: its line, the column and the cell (none for a row of the wrong length). */
function badRow(name: string, line: number, why: Problem, column?: string, value?: string): SkippedItem {
  return {
    file: name,
    line,
    ...(column !== undefined ? { column } : {}),
    ...(value !== undefined ? { value: shown(value) } : {}),
    reason: why,
  };
}

/**
 * A classification data set from a CSV text. Rows with a bad cell (empty, not a number, an empty
 * label) or the wrong number of cells are skipped and listed in `skipped` with their line, column,
 * value and why; a file with no usable row left is refused. Features are standardised with the
 * mean and standard deviation of the training rows, which `table` keeps with the columns' names
 * and the test rows as written, so that a row typed later is prepared the same way.
 */
export function csvDataset(text: string, labelColumn: string, name: string, records = csvRecords(text, name)): Dataset {
  if (records.length < 2) {
    throw new DataError(problem('data:csvNoRows', { name }));
  }
  const header = records[0].cells.map((h) => h.trim());
  const labelIndex = header.indexOf(labelColumn);
  if (labelIndex < 0) {
    throw new DataError(problem('data:csvNoLabelColumn', { name, label: labelColumn, columns: header }));
  }
  const featureColumns = header.map((_, i) => i).filter((i) => i !== labelIndex);
  if (featureColumns.length === 0) {
    throw new DataError(problem('data:csvOnlyLabel', { name, label: labelColumn }));
  }
  const features = featureColumns.length;
  const skipped: SkippedItem[] = [];
  const values: number[] = [];
  const labels: string[] = [];
  /** The first bad row, said as a refusal of the file. */
  let first: Problem | undefined;
  for (const { cells, line } of records.slice(1)) {
    if (cells.length !== header.length) {
      first ??= problem('data:firstRowCells', { line, name, count: cells.length, columns: header.length });
      skipped.push(badRow(name, line, problem('data:rowCells', { count: cells.length, columns: header.length })));
      continue;
    }
    const row: number[] = [];
    let bad: SkippedItem | undefined;
    for (const c of featureColumns) {
      const cell = cells[c].trim();
      const value = cell === '' ? NaN : Number(cell);
      if (Number.isFinite(value)) {
        row.push(value);
        continue;
      }
      first ??=
        cell === ''
          ? problem('data:firstCellEmpty', { line, column: c + 1, header: header[c], name })
          : problem('data:firstCellNotNumber', { line, column: c + 1, header: header[c], name, value: shown(cell) });
      bad = badRow(
        name,
        line,
        cell === '' ? problem('data:cellEmpty', {}) : problem('data:cellNotNumber', { value: shown(cell) }),
        header[c],
        cell,
      );
      break;
    }
    if (!bad && cells[labelIndex].trim() === '') {
      first ??= problem('data:firstLabelEmpty', { line, name, label: labelColumn });
      bad = badRow(name, line, problem('data:labelEmpty', {}), labelColumn, '');
    }
    if (bad) {
      skipped.push(bad);
      continue;
    }
    values.push(...row);
    labels.push(cells[labelIndex].trim());
  }
  if (labels.length === 0) {
    // Every row was bad, so the first of them is known.
    const why = first!;
    const textColumn = skipped.every((s) => s.column !== undefined && s.column === skipped[0].column && s.column !== labelColumn)
      ? skipped[0].column
      : undefined;
    throw new DataError(
      textColumn
        ? problem('data:noUsableRowText', { name, why, column: textColumn, label: labelColumn })
        : problem('data:noUsableRow', { name, why, label: labelColumn }),
    );
  }
  const count = labels.length;
  const x = Float32Array.from(values);
  const classNames = orderLabels(labels);
  const index = new Map(classNames.map((c, i) => [c, i]));
  const y = Int32Array.from(labels, (l) => index.get(l)!);
  const { train, test } = stratifiedSplit({ x, y, count }, features, 0.2);
  const rawTest = test.x.slice();
  const stats = standardise(train.x, test.x, features);
  const columns = featureColumns.map((c, f) => ({ ...stats[f], name: header[c] }));
  return { name, inputShape: [features], classNames, train, test, skipped, table: { labelColumn, columns, rawTest } };
}

/** (x − mean) / σ per column, with the training rows' statistics applied to both parts; gives each column's statistics and range. */
function standardise(train: Float32Array, test: Float32Array, features: number): TableColumn[] {
  const rows = train.length / features;
  const stats: TableColumn[] = [];
  for (let f = 0; f < features; f++) {
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < rows; r++) {
      const v = train[r * features + f];
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const mean = sum / rows;
    let squares = 0;
    for (let r = 0; r < rows; r++) squares += (train[r * features + f] - mean) ** 2;
    const std = Math.sqrt(squares / rows) || 1;
    for (const part of [train, test]) for (let i = f; i < part.length; i += features) part[i] = (part[i] - mean) / std;
    stats.push({ name: '', mean, std, min, max });
  }
  return stats;
}
