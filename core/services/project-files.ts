// Reading and writing project files. Each file format is one entry of `projectFormats`, chosen by
// the file's extension, so that the SQLite project file joins as a second entry next to JSON.
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../api/contract';
import { errorTexts, LocalizedError, type Localized } from '../model/localized';
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

const fsActions = { open: 'ouvrir', save: 'enregistrer' } as const;

function describeFsError(error: unknown, action: keyof typeof fsActions, location: string): UserFacingError {
  const code = (error as NodeJS.ErrnoException).code;
  const other = error instanceof Error ? error.message : String(error);
  const reason: Localized =
    code === 'ENOENT'
      ? { en: 'the file or its folder does not exist', fr: 'le fichier ou son dossier n’existe pas' }
      : code === 'EISDIR'
        ? { en: 'it is a folder, not a file', fr: 'c’est un dossier, pas un fichier' }
        : code === 'EACCES' || code === 'EPERM'
          ? { en: 'permission denied; choose a folder you can write to', fr: 'accès refusé ; choisissez un dossier où vous pouvez écrire' }
          : code === 'ENOSPC'
            ? { en: 'the disk is full', fr: 'le disque est plein' }
            : { en: other, fr: other };
  return new UserFacingError(
    { en: `Cannot ${action} ${location}: ${reason.en}.`, fr: `Impossible d’${fsActions[action]} ${location} : ${reason.fr}.` },
    code === 'ENOENT' ? 'not-found' : 'file-system',
  );
}

/** The text of a project JSON file: a regular file only, of at most the size a project can have. */
async function readJsonText(location: string): Promise<string> {
  try {
    return await readRegularTextFile(location);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (error instanceof LocalizedError && (code === 'too-large' || code === 'not-a-file'))
      throw new UserFacingError(errorTexts(error), code);
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
        const text = errorTexts(error);
        throw new UserFacingError(
          { en: `${path.basename(location)}: ${text.en}`, fr: `${path.basename(location)} : ${text.fr}` },
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
      {
        en: `${path.basename(location) || location} is not a project file: Neuroblocks projects end in ${projectExtensions(formats).join(' or ')}.`,
        fr: `${path.basename(location) || location} n’est pas un fichier de projet : les projets Neuroblocks se terminent par ${projectExtensions(formats).join(' ou ')}.`,
      },
      'not-a-project',
    );
  }
  return format;
}
