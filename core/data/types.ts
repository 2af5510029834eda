import type { SkippedItem, TableColumn } from '../api/contract';
import type { Shape } from '../model/graph';
import { problem, type Problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';

/** Samples as one flat Float32Array (row-major, `count × product(inputShape)`) and class indices. */
export interface Samples {
  x: Float32Array;
  y: Int32Array;
  count: number;
}

// A skipped file or row and a table's column are part of what a run reports, declared with the API.
export type { SkippedItem, TableColumn };

/** What a table data set (CSV) keeps of its columns, to prepare a typed row as training did and show test rows as written. */
export interface TableInfo {
  labelColumn: string;
  /** The feature columns, in the order of the model's inputs. */
  columns: TableColumn[];
  /** The test rows' feature values before standardisation, row-major. */
  rawTest: Float32Array;
}

/**
 * A classification data set ready for training: the training samples (the validation split is
 * taken from these) and a fixed held-out test split that training never sees.
 */
export interface Dataset {
  name: string;
  /** One sample's shape, without the batch dimension. */
  inputShape: Shape;
  classNames: string[];
  train: Samples;
  test: Samples;
  /** Items left out while importing (unreadable images, bad rows of a table, …). */
  skipped: SkippedItem[];
  /** Tables: the feature columns and their standardisation. */
  table?: TableInfo;
}

/**
 * Raised for data the user must fix; its problem (a code of the catalogue's `data` namespace) says
 * what, where and how.
 */
export class DataError extends LocalizedError {
  constructor(what: Problem) {
    super(what);
    this.name = 'DataError';
  }
}

export function sampleSize(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** The samples at `indices`, copied into new arrays. */
export function takeSamples(samples: Samples, indices: ArrayLike<number>, size: number): Samples {
  const x = new Float32Array(indices.length * size);
  const y = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const j = indices[i];
    x.set(samples.x.subarray(j * size, (j + 1) * size), i * size);
    y[i] = samples.y[j];
  }
  return { x, y, count: indices.length };
}

/** Why a data file or folder cannot be read; a rarer cause keeps the system's own message. */
export function fileSystemReason(error: unknown): Problem {
  switch ((error as { code?: unknown } | null)?.code) {
    case 'ENOENT':
      return problem('data:fsMissing', {});
    case 'EISDIR':
      return problem('data:fsFolder', {});
    case 'ENOTDIR':
      return problem('data:fsFile', {});
    case 'EACCES':
    case 'EPERM':
      return problem('data:fsDenied', {});
    default:
      return problem('data:fsOther', { message: String(error) });
  }
}
