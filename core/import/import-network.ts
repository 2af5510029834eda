// The one way a pretrained network file enters a project file, for the CLI and the app alike:
// either a new project file (its graph, and its weights as the project's pretrained weights) or a
// frozen base inserted into an existing project file. Node only (it writes project files).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { analyzeGraph } from '../model/analyze';
import { insertBase } from '../model/base-group';
import { problem, type Problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';
import type { Project } from '../model/project';
import { moveIntoPlace, removeDatabaseFiles, siblingTempPath } from '../store/project-file';
import { ProjectStore } from '../store/project-store';
import { importerFor, importers } from './index';
import { saidWithin, type ImportedModel, type ImportFormatName } from './types';

/** What was imported, to tell the user. */
export interface NetworkImportSummary {
  /** The file's name as the user knows it. */
  source: string;
  format: ImportFormatName;
  /** Blocks of the network (its Input included). */
  blocks: number;
  params: number;
  trainableParams: number;
  notes: Problem[];
  /** The base group's id, when the network went into a project as a base. */
  group?: string;
}

/** A file that cannot be imported, or a project file that cannot take it: said of the file the user chose. */
export class NetworkImportError extends LocalizedError {
  constructor(
    what: Problem,
    readonly code: 'unknown-format' | 'refused' | 'exists' | 'bad-name' | 'write',
  ) {
    super(what);
    this.name = 'NetworkImportError';
  }
}

/** The file name endings the importers read (`.onnx`, …), for file choosers. */
export function networkExtensions(): string[] {
  return importers.flatMap((importer) => importer.extensions);
}

/** The sentences of each refusal: one that nests the error's problem, one that quotes a plain message. */
const REFUSALS = {
  refused: { reason: 'import:refused', message: 'import:refusedMessage' },
  notABase: { reason: 'import:notABase', message: 'import:notABaseMessage' },
} as const;

/** The refusal of the network `source` for `error`, said within one of the catalogue's sentences of `REFUSALS`. */
function refusal(error: unknown, source: string, kind: keyof typeof REFUSALS): NetworkImportError {
  const codes = REFUSALS[kind];
  return new NetworkImportError(
    saidWithin(
      error,
      (reason) => problem(codes.reason, { source, reason }),
      (message) => problem(codes.message, { source, message }),
    ),
    'refused',
  );
}

/** Reads `file` with the importer its name asks for; `source` is its name as the user knows it. */
export async function loadNetwork(file: string, source = path.basename(file)): Promise<ImportedModel> {
  const importer = importerFor(source);
  if (!importer) {
    throw new NetworkImportError(problem('import:unknownFormat', { source, known: networkExtensions() }), 'unknown-format');
  }
  try {
    return await importer.load(file);
  } catch (error) {
    throw refusal(error, source, 'refused');
  }
}

/** What was read of a network file, to tell the user. */
export function summary(model: ImportedModel, source: string, group?: string): NetworkImportSummary {
  const analysis = analyzeGraph(model.graph);
  return {
    source,
    format: model.format,
    blocks: model.graph.nodes.length,
    params: analysis.totalParams,
    trainableParams: analysis.trainableParams,
    notes: model.notes,
    ...(group ? { group } : {}),
  };
}

const asFloat32 = (weights: ImportedModel['weights']) =>
  weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32' as const, data: w.data }));

/**
 * A new project file `out` holding the network: its graph, and its weights as the project's
 * pretrained weights. Made whole under a temporary name and renamed into place, so an existing
 * file is never replaced unless `force`, and then only by a complete one.
 */
export async function importNetworkAsProject(
  file: string,
  out: string,
  options: { source?: string; force?: boolean } = {},
): Promise<NetworkImportSummary> {
  const source = options.source ?? path.basename(file);
  const { fileNameIssue } = await import('../model/file-names');
  const nameIssue = fileNameIssue(path.basename(out));
  if (nameIssue) throw new NetworkImportError(problem('import:badName', { file: path.basename(out), why: nameIssue }), 'bad-name');
  const exists = () => new NetworkImportError(problem('import:exists', { file: path.basename(out) }), 'exists');
  if (!options.force && existsSync(out)) throw exists();
  const model = await loadNetwork(file, source);
  const temp = siblingTempPath(out, 'importing');
  try {
    const store = ProjectStore.create(
      temp,
      {
        format: 'neuroblocks.project',
        version: 1,
        name: model.name,
        description: `Imported from ${source} (${model.format}).`,
        graph: model.graph,
      },
      { message: `Imported from ${source}` },
    );
    try {
      store.setPretrained(asFloat32(model.weights), source);
    } finally {
      store.close();
    }
    if (!options.force && existsSync(out)) throw exists();
    moveIntoPlace(temp, out);
  } catch (error) {
    removeDatabaseFiles(temp);
    if (error instanceof NetworkImportError) throw error;
    const file = path.basename(out);
    throw new NetworkImportError(
      saidWithin(
        error,
        (reason) => problem('import:notWritten', { file, reason }),
        (message) => problem('import:notWrittenMessage', { file, message }),
      ),
      'write',
    );
  }
  return summary(model, source);
}

/**
 * Inserts the network, cut after the block `upTo` (default: the whole network), as a frozen base
 * group after the Input of `project` (what the editor shows) and saves the result into the project
 * file `location` as a new version, with the base's weights among its pretrained weights. Nothing
 * is written when the file cannot be read or the base refused. `model`: the network already read
 * from `file`; `arrange`: places the blocks of the result.
 */
export async function importNetworkAsBase(
  file: string,
  location: string,
  project: Project,
  options: { source?: string; upTo?: string; model?: ImportedModel; arrange?: (project: Project) => Project } = {},
): Promise<{ project: Project; summary: NetworkImportSummary }> {
  const source = options.source ?? path.basename(file);
  const model = options.model ?? (await loadNetwork(file, source));
  let inserted;
  try {
    inserted = insertBase(project, { name: model.name, source, graph: model.graph, weights: model.weights }, { upTo: options.upTo });
    if (options.arrange) inserted = { ...inserted, project: options.arrange(inserted.project) };
  } catch (error) {
    throw refusal(error, source, 'notABase');
  }
  const store = ProjectStore.open(location);
  try {
    // The weights go in first, under block ids the project does not have yet; if the graph cannot be saved they go again.
    store.setPretrained(asFloat32(inserted.weights), source);
    try {
      store.save(inserted.project, `Added ${source} as a pretrained base`);
    } catch (error) {
      store.deletePretrained([...new Set(inserted.weights.map((w) => w.name.slice(0, w.name.lastIndexOf('/'))))]);
      throw error;
    }
    return { project: store.project(), summary: summary(model, source, inserted.group.id) };
  } finally {
    store.close();
  }
}
