// Export behind the API: an untrained model from the project, or the weights of a run recorded
// in a .nbproj project file, written by core/export.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { exportFormatNames, UserFacingError, type ExportFormatName, type ExportRequest, type ExportResult } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { ExportOverwriteError } from '../export/overwrite';
import { ExportError } from '../model/codegen/plan';
import { fileNameIssue, folderStem } from '../model/file-names';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import { asUserFacing, pretrainedOf, SQLITE_EXTENSION } from './sqlite-project-format';

async function totalBytes(outDir: string, files: string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += (await stat(path.join(outDir, file))).size;
  return bytes;
}

async function logUntrainedExport(location: string, format: ExportFormatName, outDir: string, files: string[]): Promise<void> {
  const { ProjectStore } = await import('../store/index');
  const bytes = await totalBytes(outDir, files);
  let store;
  try {
    store = ProjectStore.open(location);
    if (!store.readOnly) store.recordExport({ format, path: outDir, bytes, details: { files, weights: 'untrained' } });
  } catch (error) {
    throw asUserFacing(error);
  } finally {
    store?.close();
  }
}

/** A graph or weights the format cannot express: the user's to fix, with its problem (or its texts, where a block words it). */
function refusal(error: unknown): never {
  if (error instanceof ExportOverwriteError)
    throw new UserFacingError(errorProblem(error), 'export-exists', { files: error.files, outDir: error.outDir });
  if (error instanceof ExportError)
    throw new UserFacingError(errorProblem(error), 'export', error.nodeId ? { nodeId: error.nodeId } : undefined);
  throw error;
}

export async function exportModel(
  request: ExportRequest,
  checked: Project,
  projectsDirectory: string,
  appVersion: string,
): Promise<ExportResult> {
  if (!(exportFormatNames as readonly string[]).includes(request.format)) {
    throw new UserFacingError(
      problem('export:unknownFormat', { format: String(request.format), formats: [...exportFormatNames] }),
      'bad-request',
    );
  }
  if (request.outDir !== undefined && (typeof request.outDir !== 'string' || !path.isAbsolute(request.outDir))) {
    throw new UserFacingError(problem('export:folderNotAbsolute', {}), 'bad-request');
  }
  const folderIssue = request.outDir === undefined ? undefined : fileNameIssue(path.basename(request.outDir));
  if (folderIssue) throw new UserFacingError(problem('export:badFolder', { folder: request.outDir!, why: folderIssue }), 'bad-name');
  const outDir = request.outDir ?? path.join(projectsDirectory, 'exports', `${folderStem(checked.name)}-${request.format}`);
  const { exportProject } = await import('../export/index');
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');

  const projectFile =
    typeof request.location === 'string' && path.extname(request.location).toLowerCase() === SQLITE_EXTENSION
      ? path.resolve(request.location)
      : undefined;
  if (request.runId === undefined) {
    const baseDir = typeof request.location === 'string' && request.location ? path.dirname(path.resolve(request.location)) : undefined;
    const pretrained = await pretrainedOf(projectFile);
    const result = await exportProject({
      tf,
      project: checked,
      format: request.format,
      outDir,
      producerVersion: appVersion,
      overwrite: request.overwrite === true,
      pretrained,
      ...(baseDir ? { baseDir } : {}),
    }).catch(refusal);
    // An untrained export from a saved project file is logged in it too, as the export command does.
    if (projectFile !== undefined && existsSync(projectFile)) await logUntrainedExport(projectFile, request.format, outDir, result.files);
    return result;
  }
  if (projectFile === undefined) {
    throw new UserFacingError(problem('export:runNeedsProjectFile', { extension: SQLITE_EXTENSION }), 'no-runs');
  }
  const { ProjectStore } = await import('../store/index');
  let store;
  try {
    store = ProjectStore.open(projectFile);
  } catch (error) {
    throw asUserFacing(error);
  }
  try {
    const run = store.getRun(request.runId);
    const which = request.checkpoint ?? (run.best ? 'best' : 'last');
    const loaded = store.loadCheckpoint(request.runId, which);
    // The graph the run trained, so that the weights fit it even if the project changed since.
    const result = await exportProject({
      tf,
      project: run.project,
      format: request.format,
      outDir,
      weights: loaded.weights,
      producerVersion: appVersion,
      overwrite: request.overwrite === true,
      baseDir: path.dirname(projectFile),
    }).catch(refusal);
    const bytes = await totalBytes(outDir, result.files);
    if (!store.readOnly)
      store.recordExport({
        runId: request.runId,
        format: request.format,
        path: outDir,
        bytes,
        details: { files: result.files, checkpoint: which, epoch: loaded.epoch },
      });
    return result;
  } catch (error) {
    throw asUserFacing(error);
  } finally {
    store.close();
  }
}
