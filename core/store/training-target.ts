import { existsSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import type { Project } from '../model/project';
import { parseProjectText, ProjectError } from '../model/project-io';
import { describeDataset } from './dataset-ref';
import { ProjectStore } from './project-store';
import { readRegularFilePrefixSync, readRegularTextFile } from './regular-file';
import { PROJECT_FILE_EXTENSION } from './schema';
import type { DatasetInput } from './types';

/** What a training command trains and where it records the run. */
export interface TrainingTarget {
  project: Project;
  /** Folder that the project's relative data paths are resolved against. */
  baseDir: string;
  /** The project file the run is recorded in, when there is one. */
  store?: ProjectStore;
  /** The data set's reference and content hash, when its data could be read. */
  dataset?: DatasetInput;
  close(): void;
}

/** True for a path named like a project file or holding an SQLite database. */
export function isProjectFile(path: string): boolean {
  if (extname(path).toLowerCase() === PROJECT_FILE_EXTENSION) return true;
  // A pipe or a device is never opened in a way that waits: it is not a project file, and reading it as JSON refuses it.
  return readRegularFilePrefixSync(path, 16)?.toString('latin1') === 'SQLite format 3\0';
}

async function readProjectJson(path: string): Promise<Project> {
  const text = await readRegularTextFile(path);
  try {
    return parseProjectText(text);
  } catch (error) {
    if (error instanceof ProjectError) throw new Error(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

function readFromFile(path: string): Project {
  const source = ProjectStore.open(path, { readOnly: true });
  try {
    return source.project();
  } finally {
    source.close();
  }
}

/**
 * Reads what to train from project JSON or a project file, and opens the file to record into:
 * `save` when given (created from the project when it does not exist yet), otherwise the input
 * itself when it is a project file. Training JSON without `save` records nothing.
 */
export async function openTrainingTarget(input: string, options: { save?: string; seed?: number } = {}): Promise<TrainingTarget> {
  const inputIsFile = isProjectFile(input);
  const save = options.save ?? (inputIsFile ? input : undefined);
  const project = inputIsFile ? readFromFile(input) : await readProjectJson(input);
  let store: ProjectStore | undefined;
  if (save) store = existsSync(save) ? ProjectStore.open(save) : ProjectStore.create(save, project);
  const baseDir = dirname(resolve(input));
  let dataset: DatasetInput | undefined;
  if (store && project.dataset) {
    try {
      dataset = await describeDataset(project.dataset, { baseDir, seed: options.seed ?? project.training.seed });
    } catch {
      // Training reports unreadable data itself, naming the file; the run is then recorded without it.
    }
  }
  return { project, baseDir, store, dataset, close: () => store?.close() };
}
