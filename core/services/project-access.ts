// Helpers that several areas of the API share: checking what crosses the process boundary, where a
// location leads, writing a project file, and opening the runs of a `.nbproj` file.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError, type OpenedProject, type SavedProject } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { fileNameIssue } from '../model/file-names';
import type { Project } from '../model/project';
import { parseProject, ProjectError, projectProblems, type ProjectLead } from '../model/project-io';
import type { ProjectStore } from '../store/index';
import { withPortableDatasetPath } from './dataset-import';
import { formatFor, projectExtensions } from './project-files';
import type { ServiceContext } from './service-context';
import { asUserFacing, SQLITE_EXTENSION } from './sqlite-project-format';

/** What a text argument is, for the sentence that says it is missing. */
export type RequiredText = 'location' | 'text' | 'fileName' | 'folder';

export function requireText(value: unknown, what: RequiredText): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UserFacingError(problem('project:missingText', { context: what }), 'bad-request');
  return value;
}

const projectActions = {
  saved: 'project:notSaved',
  exported: 'project:notExported',
  trained: 'project:notTrained',
  previewed: 'project:notPreviewed',
} as const satisfies Record<string, ProjectLead>;

/** Validates a project coming from the UI (it crosses a process boundary, so it is checked again). */
export function checkedProject(value: unknown, action: keyof typeof projectActions = 'saved'): Project {
  try {
    return parseProject(value);
  } catch (error) {
    if (error instanceof ProjectError) {
      throw new UserFacingError(projectProblems(error.problems, projectActions[action]), 'project', error.problems);
    }
    throw error;
  }
}

/** A full path as it is; a relative one inside the projects folder `base`, and never outside it. */
export function resolveLocation(location: unknown, base: string): string {
  const text = requireText(location, 'location');
  if (path.isAbsolute(text)) return path.resolve(text);
  const resolved = path.resolve(base, text);
  const inside = path.relative(base, resolved);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))
    throw new UserFacingError(problem('project:outsideFolder', { location: text }), 'bad-path');
  return resolved;
}

/** Refuses to create a file (or the folders of a relative location) under a name that some platform cannot hold. */
function checkNewFileName(location: string, file: string): void {
  const names = path.isAbsolute(location) ? [path.basename(file)] : location.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
  for (const name of names) {
    const reason = fileNameIssue(name);
    if (reason) throw new UserFacingError(problem('project:cannotSaveName', { file: path.basename(file), reason }), 'bad-name');
  }
}

/** Writes `project` at `location` (never over a file that is not a project) and lists it among the recent projects. */
export async function saveProjectFile(context: ServiceContext, location: string, project: Project): Promise<SavedProject> {
  const file = resolveLocation(location, await context.projectsDirectory());
  const format = formatFor(file, context.formats);
  checkNewFileName(location, file);
  const checked = withPortableDatasetPath(checkedProject(project), file);
  // Never replace a file that is not a Neuroblocks project (a typo must not destroy someone's data).
  if ((await stat(file).catch(() => undefined)) && !(await format.isProjectFile(file))) {
    throw new UserFacingError(problem('project:notReplaced', { file: path.basename(file) }), 'exists');
  }
  // Pending autosaved edits go in first, so that they never land after (and over) this save.
  context.autosaver.flush(file);
  await format.write(file, checked);
  await context.recent.remember(file, checked.name);
  return { location: file, savedAt: new Date().toISOString() };
}

/**
 * A new project is a `.nbproj` file from the start, so that its runs are kept: written in the
 * projects folder under a name taken from the project's and not used yet (`mnist-cnn.nbproj`,
 * `mnist-cnn-2.nbproj`…), and autosaved from then on. A host without that format gets an unsaved project.
 */
export async function createProjectFile(context: ServiceContext, project: Project): Promise<OpenedProject> {
  if (!projectExtensions(context.formats).includes(SQLITE_EXTENSION)) return { project };
  const directory = await context.projectsDirectory();
  const base =
    project.name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}_ -]+/gu, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase()
      .slice(0, 80) || 'project';
  const safeBase = fileNameIssue(`${base}${SQLITE_EXTENSION}`) ? `project-${base}` : base;
  let file = path.join(directory, `${safeBase}${SQLITE_EXTENSION}`);
  for (let n = 2; await stat(file).catch(() => undefined); n++) file = path.join(directory, `${safeBase}-${n}${SQLITE_EXTENSION}`);
  await saveProjectFile(context, file, project);
  // The file edited before gets its last edits and is let go.
  context.autosaver.close();
  return { project: await formatFor(file, context.formats).read(file), location: file };
}

/** The `.nbproj` file at `location`, or an error saying that only such files keep runs. */
export async function runsFile(context: ServiceContext, location: string): Promise<string> {
  const file = resolveLocation(location, await context.projectsDirectory());
  if (path.extname(file).toLowerCase() !== SQLITE_EXTENSION) {
    throw new UserFacingError(problem('project:runsOnlyIn', { extension: SQLITE_EXTENSION, file: path.basename(file) }), 'no-runs');
  }
  return file;
}

/** Opens the project file at `location` for `use`, and closes it after. */
export async function withRunStore<T>(
  context: ServiceContext,
  location: string,
  options: { readOnly: boolean },
  use: (store: ProjectStore) => T,
): Promise<T> {
  const file = await runsFile(context, location);
  const { ProjectStore } = await import('../store/index');
  try {
    const store = ProjectStore.open(file, options);
    try {
      return use(store);
    } finally {
      store.close();
    }
  } catch (error) {
    throw asUserFacing(error);
  }
}

/** Reads the runs of a project file, which stays untouched: it is opened read-only. */
export function readRuns<T>(context: ServiceContext, location: string, read: (store: ProjectStore) => T): Promise<T> {
  return withRunStore(context, location, { readOnly: true }, read);
}
