import { readFile } from 'node:fs/promises';
import { parseProjectText, ProjectError } from '../model/project-io';
import type { Project } from '../model/project';

/** Reads and validates a project JSON file; every failure becomes one clear message. */
export async function readProjectFile(path: string): Promise<Project> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'it is a folder, not a file' : code === 'EACCES' ? 'permission denied' : String(error);
    throw new Error(`Cannot read ${path}: ${reason}.`);
  }
  try {
    return parseProjectText(text);
  } catch (error) {
    if (error instanceof ProjectError) throw new Error(`${path}: ${error.message}`);
    throw error;
  }
}
