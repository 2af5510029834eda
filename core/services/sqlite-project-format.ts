// The SQLite project file (.nbproj) as a project file format: graph, settings, and the runs
// trained from it. core/store (and its native SQLite module) is loaded on first use only.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../api/contract';
import { errorProblem } from '../model/localized';
import type { NamedWeight } from '../store/weights';
import type { ProjectFileFormat } from './project-files';

export const SQLITE_EXTENSION = '.nbproj';

type Store = typeof import('../store/index');

async function store(): Promise<Store> {
  return import('../store/index');
}

/** A StoreError already says what is wrong and what to do; it reaches the UI as it is. */
export function asUserFacing(error: unknown): unknown {
  if (error instanceof Error && error.name === 'StoreError')
    return new UserFacingError(errorProblem(error), `store-${(error as Error & { code?: string }).code ?? 'error'}`);
  return error;
}

export const sqliteProjectFormat: ProjectFileFormat = {
  extensions: [SQLITE_EXTENSION],
  async read(location) {
    const { ProjectStore } = await store();
    try {
      const file = ProjectStore.open(location, { readOnly: true });
      try {
        return file.project();
      } finally {
        file.close();
      }
    } catch (error) {
      throw asUserFacing(error);
    }
  },
  async write(location, project) {
    const { ProjectStore } = await store();
    try {
      if (!existsSync(location)) {
        await mkdir(path.dirname(location), { recursive: true });
        ProjectStore.create(location, project).close();
        return;
      }
      const file = ProjectStore.open(location);
      try {
        file.save(project);
      } finally {
        file.close();
      }
    } catch (error) {
      throw asUserFacing(error);
    }
  },
  async readName(location) {
    const { readProjectFileName } = await store();
    return readProjectFileName(location);
  },
  async isProjectFile(location) {
    const { inspectProjectFile } = await store();
    try {
      inspectProjectFile(location);
      return true;
    } catch {
      return false;
    }
  },
};

/**
 * The pretrained weights kept in the project file at `location` (none for project JSON or a file
 * not saved yet): training and an untrained export start from them.
 */
export async function pretrainedOf(location: unknown): Promise<NamedWeight[]> {
  if (typeof location !== 'string' || path.extname(location).toLowerCase() !== SQLITE_EXTENSION || !existsSync(location)) return [];
  const { ProjectStore } = await import('../store/index');
  let store: import('../store/index').ProjectStore | undefined;
  try {
    store = ProjectStore.open(path.resolve(location), { readOnly: true });
    return store.pretrained();
  } catch (error) {
    throw asUserFacing(error);
  } finally {
    store?.close();
  }
}
