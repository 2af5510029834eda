// Imports a pretrained network from a file into the app's blocks and weights. Each format is one
// module; this table is the only place that knows them all.
import { onnxImporter } from './onnx';
import type { ImportedModel, ImportFormatName } from './types';

export * from './types';

export interface Importer {
  format: ImportFormatName;
  /** File name endings this importer reads, lower case, with the dot. */
  extensions: string[];
  /** Reads the file (a path on this computer); throws ImportError when it cannot. */
  load(file: string): Promise<ImportedModel>;
}

/** Every importer, by format. */
export const importers: Importer[] = [onnxImporter];

/** The importer for a file name, from its ending. */
export function importerFor(file: string): Importer | undefined {
  const lower = file.toLowerCase();
  return importers.find((importer) => importer.extensions.some((ext) => lower.endsWith(ext)));
}
