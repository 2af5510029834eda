// Reading and writing project files. Each file format is one entry of `projectFormats`, chosen by
// the file's extension, so that the SQLite project file joins as a second entry next to JSON.
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../api/contract';
import type { Project } from '../model/project';
import { parseProjectText, ProjectError, serializeProject } from '../model/project-io';
import { sqliteProjectFormat } from './sqlite-project-format';

export interface ProjectFileFormat {
  /** Lower-case extensions with the dot, e.g. `.json`. */
  extensions: readonly string[];
  read(location: string): Promise<Project>;
  write(location: string, project: Project): Promise<void>;
  /** True when the existing file at `location` is a Neuroblocks project (so that saving over it is allowed). */
  isProjectFile(location: string): Promise<boolean>;
}

/** Project JSON files are small; anything larger is not one of ours. */
const MAX_JSON_BYTES = 50 * 1024 * 1024;

function describeFsError(error: unknown, action: string, location: string): UserFacingError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'the file or its folder does not exist'
      : code === 'EISDIR'
        ? 'it is a folder, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied; choose a folder you can write to'
          : code === 'ENOSPC'
            ? 'the disk is full'
            : error instanceof Error
              ? error.message
              : String(error);
  return new UserFacingError(`Cannot ${action} ${location}: ${reason}.`, code === 'ENOENT' ? 'not-found' : 'file-system');
}

async function readJsonText(location: string): Promise<string> {
  try {
    const info = await stat(location);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size > MAX_JSON_BYTES) throw new UserFacingError(`Cannot open ${location}: at ${Math.round(info.size / 1e6)} MB it is too large to be a project file.`, 'too-large');
    return await readFile(location, 'utf8');
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw describeFsError(error, 'open', location);
  }
}

/** Writes through a temporary file in the same folder and renames it, so a crash never leaves half a project. */
export async function writeFileAtomically(location: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(location), `.${path.basename(location)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await mkdir(path.dirname(location), { recursive: true });
    await writeFile(temporary, data);
    await rename(temporary, location);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw describeFsError(error, 'save', location);
  }
}

export const jsonProjectFormat: ProjectFileFormat = {
  extensions: ['.json'],
  async read(location) {
    const text = await readJsonText(location);
    try {
      return parseProjectText(text);
    } catch (error) {
      if (error instanceof ProjectError) throw new UserFacingError(`${path.basename(location)}: ${error.message}`, 'project', error.problems);
      throw error;
    }
  },
  async write(location, project) {
    await writeFileAtomically(location, serializeProject(project));
  },
  async isProjectFile(location) {
    try {
      parseProjectText(await readJsonText(location));
      return true;
    } catch {
      return false;
    }
  },
};

/** JSON first: it is what "Save As" adds to a name without an extension. */
export const projectFormats: readonly ProjectFileFormat[] = [jsonProjectFormat, sqliteProjectFormat];

export function projectExtensions(formats: readonly ProjectFileFormat[] = projectFormats): string[] {
  return formats.flatMap((f) => f.extensions);
}

export function formatFor(location: string, formats: readonly ProjectFileFormat[] = projectFormats): ProjectFileFormat {
  const extension = path.extname(location).toLowerCase();
  const format = formats.find((f) => f.extensions.includes(extension));
  if (!format) {
    throw new UserFacingError(
      `${path.basename(location) || location} is not a project file: Neuroblocks projects end in ${projectExtensions(formats).join(' or ')}.`,
      'not-a-project',
    );
  }
  return format;
}
