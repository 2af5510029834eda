// Reading and writing project files. Each file format is one entry of `projectFormats`, chosen by
// the file's extension, so that the SQLite project file joins as a second entry next to JSON.
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { errorProblem, LocalizedError } from '../model/localized';
import type { Project } from '../model/project';
import { parseProjectText, ProjectError, serializeProject } from '../model/project-io';
import { visit } from 'jsonc-parser';
import { readRegularFilePrefix, readRegularTextFile } from '../store/regular-file';
import { sqliteProjectFormat } from './sqlite-project-format';

export interface ProjectFileFormat {
  /** Lower-case extensions with the dot, e.g. `.json`. */
  extensions: readonly string[];
  read(location: string): Promise<Project>;
  write(location: string, project: Project): Promise<void>;
  /** True when the existing file at `location` is a Neuroblocks project (so that saving over it is allowed). */
  isProjectFile(location: string): Promise<boolean>;
  /**
   * The project's name, for the list of project files: cheap whatever the file's size (a bounded
   * part of it is read). Undefined when it cannot be told.
   */
  readName(location: string): Promise<string | undefined>;
}

/** Project JSON up to this size is read whole and checked to list its name; of a larger one, only its beginning is read. */
const WHOLE_NAME_READ_BYTES = 1024 * 1024;
const NAME_PREFIX_BYTES = 64 * 1024;

/** The top-level "name" of JSON text that may be cut short; undefined when it is not in the text. */
function topLevelName(text: string): string | undefined {
  let depth = 0;
  let property: string | undefined;
  let name: string | undefined;
  visit(text, {
    onObjectBegin: () => void depth++,
    onObjectEnd: () => void depth--,
    onArrayBegin: () => void depth++,
    onArrayEnd: () => void depth--,
    onObjectProperty: (key) => {
      property = depth === 1 ? key : undefined;
    },
    onLiteralValue: (value) => {
      if (depth === 1 && property === 'name' && typeof value === 'string' && name === undefined) name = value.slice(0, 200);
    },
  });
  return name;
}

const fsActions = { open: 'project:cannotOpenFile', save: 'project:cannotSaveFile' } as const;

function describeFsError(error: unknown, action: keyof typeof fsActions, location: string): UserFacingError {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const reason =
    code === 'ENOENT'
      ? 'missing'
      : code === 'EISDIR'
        ? 'folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'denied'
          : code === 'ENOSPC'
            ? 'full'
            : 'unknown';
  return new UserFacingError(problem(fsActions[action], { location, reason, message }), code === 'ENOENT' ? 'not-found' : 'file-system');
}

/** The text of a project JSON file: a regular file only, of at most the size a project can have. */
async function readJsonText(location: string): Promise<string> {
  try {
    return await readRegularTextFile(location);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof LocalizedError && (code === 'too-large' || code === 'not-a-file'))
      throw new UserFacingError(errorProblem(error), code);
    // The file system's own reasons (missing, permission) are said as for saving.
    throw describeFsError(error instanceof Error && error.cause ? error.cause : error, 'open', location);
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
      if (error instanceof ProjectError) {
        throw new UserFacingError(
          problem('project:inFile', { file: path.basename(location), problem: error.problem }),
          'project',
          error.problems,
        );
      }
      throw error;
    }
  },
  async write(location, project) {
    await writeFileAtomically(location, serializeProject(project));
  },
  async readName(location) {
    try {
      const head = await readRegularFilePrefix(location, WHOLE_NAME_READ_BYTES + 1);
      if (head.length <= WHOLE_NAME_READ_BYTES) return parseProjectText(head.toString('utf8')).name;
      return topLevelName(
        head
          .subarray(0, NAME_PREFIX_BYTES)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    } catch {
      return undefined;
    }
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
      problem('project:notAProjectFile', { file: path.basename(location) || location, extensions: projectExtensions(formats) }),
      'not-a-project',
    );
  }
  return format;
}
