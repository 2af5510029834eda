// The runs area of the API: the runs recorded in a `.nbproj` file, read without touching it,
// compared, deleted, and a run's trained layers put in a project as a pretrained base.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  UserFacingError,
  type OpenedProject,
  type RunComparisonInfo,
  type RunDetailsInfo,
  type RunInfo,
  type RunsApi,
  type RunSnapshot,
  type UseRunAsBaseRequest,
} from '../api/contract';
import { problem } from '../i18n/catalogue';
import { insertBase } from '../model/base-group';
import type { Project } from '../model/project';
import { createProjectFile, readRuns, resolveLocation, saveProjectFile, withRunStore } from './project-access';
import { formatFor } from './project-files';
import { compareTwoRuns, deleteRecordedRun, runSnapshot } from './run-history';
import { columnLayout, newProjectForBase, recordedBase, targetForBase } from './run-as-base';
import type { ServiceContext } from './service-context';
import { SQLITE_EXTENSION } from './sqlite-project-format';

/** Refuses, naming the file, a target project file that is missing. */
async function checkTargetExists(file: string): Promise<void> {
  if (!(await stat(file).catch(() => undefined))?.isFile())
    throw new UserFacingError(problem('store:targetMissing', { name: path.basename(file), path: file }), 'not-found');
}

/** Refuses, naming the file, a target project file that is read-only (marked so, or not writable by this app), before anything is written to it. */
async function checkTargetWritable(file: string): Promise<void> {
  const info = await stat(file);
  const writable =
    (info.mode & 0o222) !== 0 &&
    (await access(file, constants.W_OK).then(
      () => true,
      () => false,
    ));
  if (!writable) throw new UserFacingError(problem('store:targetReadOnly', { name: path.basename(file) }), 'read-only');
}

export class RunsService implements RunsApi {
  constructor(private readonly context: ServiceContext) {}

  listRuns(location: string): Promise<RunInfo[]> {
    return readRuns(this.context, location, (store) => store.listRuns());
  }

  listRunDetails(location: string): Promise<RunDetailsInfo[]> {
    return readRuns(this.context, location, (store) =>
      store.listRuns().map((run) => {
        const { training, epochMetrics } = store.getRun(run.id);
        return { ...run, training, epochMetrics };
      }),
    );
  }

  getRunSnapshot(location: string, runId: number): Promise<RunSnapshot> {
    return readRuns(this.context, location, (store) => runSnapshot(store, runId));
  }

  compareRuns(location: string, runIds: number[]): Promise<RunComparisonInfo> {
    return readRuns(this.context, location, (store) => compareTwoRuns(store, runIds));
  }

  async deleteRun(location: string, runId: number): Promise<void> {
    await withRunStore(this.context, location, { readOnly: false }, (store) => deleteRecordedRun(store, runId));
  }

  async useRunAsBase(request: UseRunAsBaseRequest): Promise<OpenedProject> {
    const context = this.context;
    const base = await readRuns(context, request.location, (store) => recordedBase(store, request.runId, request.upTo));
    const put = (project: Project, targetName: string | undefined) => {
      const inserted = insertBase(targetForBase(project, base, targetName), base, { upTo: base.upTo });
      return { project: columnLayout(inserted.project), weights: inserted.weights };
    };
    if (request.target.kind === 'new') {
      const { project, weights } = put(newProjectForBase(base, request.target.name), undefined);
      const opened = await createProjectFile(context, project);
      if (!opened.location) throw new UserFacingError(problem('store:baseNeedsFile', { extension: SQLITE_EXTENSION }), 'no-runs');
      await withRunStore(context, opened.location, { readOnly: false }, (store) => store.setPretrained(weights, base.source));
      await context.recent.remember(opened.location, opened.project.name);
      return opened;
    }
    // Edits of the project open in the editor (maybe this one) are written first, so none is lost or written over the base.
    context.autosaver.close();
    const file = resolveLocation(request.target.location, await context.projectsDirectory());
    if (path.extname(file).toLowerCase() !== SQLITE_EXTENSION)
      throw new UserFacingError(
        problem('store:baseNeedsFile', { extension: SQLITE_EXTENSION, name: path.basename(file), context: 'target' }),
        'bad-request',
      );
    await checkTargetExists(file);
    // A file that is not a project (or a damaged one) is refused here, naming it.
    const target = await formatFor(file, context.formats).read(file);
    await checkTargetWritable(file);
    const { project, weights } = put(target, target.name);
    await saveProjectFile(context, file, project);
    await withRunStore(context, file, { readOnly: false }, (store) => store.setPretrained(weights, base.source));
    return { project: await formatFor(file, context.formats).read(file), location: file };
  }
}
