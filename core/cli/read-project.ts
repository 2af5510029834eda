import { problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';
import { parseProjectText, ProjectError } from '../model/project-io';
import type { Project } from '../model/project';
import { readRegularTextFile } from '../store/regular-file';

/** Reads and validates a project JSON file; every failure becomes one clear message. */
export async function readProjectFile(path: string): Promise<Project> {
  // Only a regular file, and at most the size of a project: a pipe or a device is refused, never waited on.
  const text = await readRegularTextFile(path);
  try {
    return parseProjectText(text);
  } catch (error) {
    if (error instanceof ProjectError) throw new LocalizedError(problem('project:inFile', { file: path, problem: error.problem }));
    throw error;
  }
}
