// What every importer of a pretrained network produces: a graph in the app's blocks and the
// weights that go with it, named as a run names them (`block/weight`). Browser-safe types.
import type { Graph } from '../model/graph';
import type { Problem } from '../i18n/catalogue';
import { errorTexts, LocalizedError } from '../model/localized';

/** One weight tensor of an imported network, named `block/weight` (e.g. `conv1/kernel`), in the app's layout (NHWC, Keras kernels). */
export interface ImportedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface ImportedModel {
  /** A name for the project, from the file's metadata or its name. */
  name: string;
  graph: Graph;
  weights: ImportedWeight[];
  /** The format read, e.g. `onnx`. */
  format: ImportFormatName;
  /** Facts worth telling the user (e.g. "BatchNormalization folded into Conv"), never errors. */
  notes: Problem[];
}

export const importFormatNames = ['onnx', 'tfjs', 'keras-h5', 'keras'] as const;
export type ImportFormatName = (typeof importFormatNames)[number];

/**
 * A file that cannot be imported: it lies about its contents, is truncated, or holds an operator
 * or layer the app cannot express (named, with the node or layer it is on). Never approximated.
 */
export class ImportError extends LocalizedError {
  constructor(
    text: Problem,
    /** The operator or layer at fault, when there is one. */
    readonly at?: string,
  ) {
    super(text);
  }
}

/**
 * Another error said inside a sentence of the importer: its problem nested in `withReason` where it
 * has one, otherwise its message in `withMessage` (an error of a library, in English only).
 */
export function saidWithin(error: unknown, withReason: (reason: Problem) => Problem, withMessage: (message: string) => Problem): Problem {
  const found = (error as { problem?: Problem } | null)?.problem;
  return found ? withReason(found) : withMessage(errorTexts(error).en);
}
