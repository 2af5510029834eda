// Importing data sets: uploads from the browser, written under `datasets/<name>/` of the projects
// folder (and nowhere else), and folders or CSV files picked with the desktop app's dialogs, which
// stay where they are. Either way the project gets a DatasetRef whose path is relative to the
// project file when the data lie in its folder, absolute otherwise (core/data resolves it so).
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UPLOAD_LIMITS, UserFacingError, type DatasetUploadFile, type ImportedDataset, type ImportedDatasetKind } from '../api/contract';
import { loadCifar } from '../data/cifar';
import { isImageFileName } from '../data/image-folder';
import { loadIdxFolder } from '../data/idx-folder';
import { guessLabelColumn, readCsvColumns } from '../data/preview';
import { DataError, type SkippedItem } from '../data/types';
import { problem, type Problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { DatasetRef } from '../model/project';
import { fileNameIssue, portableFileName } from '../model/file-names';
import { removeAbandonedUploads } from './abandoned-uploads';

export const DATASETS_FOLDER = 'datasets';
/** One image larger than this is certainly not a training sample. */
export const MAX_IMAGE_BYTES = UPLOAD_LIMITS.imageBytes;
export const MAX_CSV_BYTES = UPLOAD_LIMITS.csvBytes;
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 200_000;

const FORBIDDEN = /[\\/:*?"<>|]/;
/** Bytes in whole megabytes (MiB), as the sizes of an upload are said. */
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

/** The number of bytes a base64 text decodes to, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((text.length * 3) / 4) - padding);
}

/** `base` + `relative`, or an error when `relative` would lead outside `base`. */
export function insideFolder(base: string, relative: string): string {
  const target = path.resolve(base, relative);
  const rel = path.relative(base, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel))
    throw new UserFacingError(problem('data:uploadOutside', { file: relative }), 'bad-path');
  return target;
}

/** The parts of a path sent by the browser; refuses `..`, absolute paths and names no file system takes. */
export function uploadPathParts(file: string): string[] {
  if (typeof file !== 'string' || file.length === 0 || file.length > 1000)
    throw new UserFacingError(problem('data:uploadNoName', {}), 'bad-path');
  const parts = file.split(/[\\/]/);
  if (/^[a-zA-Z]:/.test(file) || file.startsWith('/') || file.startsWith('\\'))
    throw new UserFacingError(problem('data:uploadAbsolute', { file }), 'bad-path');
  for (const part of parts) {
    if (part === '..' || part === '.') throw new UserFacingError(problem('data:uploadDots', { file, part }), 'bad-path');
    if (part === '' || FORBIDDEN.test(part) || [...part].some((c) => c.charCodeAt(0) < 32) || part.length > 200) {
      throw new UserFacingError(problem('data:uploadBadName', { file }), 'bad-path');
    }
    const unsaveable = fileNameIssue(part);
    if (unsaveable) throw new UserFacingError(problem('data:unsaveableName', { file, reason: unsaveable }), 'bad-path');
  }
  return parts;
}

/** A folder name made from what the user picked: no separators, no leading dot, not empty. */
export function datasetFolderName(name: string): string {
  const cleaned = String(name ?? '')
    .replace(/\.(csv|tar\.gz|tgz|tar)$/i, '')
    .replace(/[\\/:*?"<>|]/g, '-')
    .replace(/\p{Cc}/gu, '-')
    .replace(/^[.\s-]+/, '')
    .trim()
    .slice(0, 60)
    .trim();
  return portableFileName(cleaned, 'data');
}

/** PNG, JPEG or WebP by their first bytes: a text file renamed `.png` is refused at once. */
function looksLikeImage(bytes: Buffer): boolean {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return true;
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return true;
  return bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
}

/** The path a project stores: relative to the project file's folder when the data are inside it, else absolute. */
export function datasetPath(absolute: string, location?: string): string {
  if (!location) return absolute;
  const rel = path.relative(path.dirname(path.resolve(location)), absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return absolute;
  return rel.split(path.sep).join('/');
}

/** The project as saved at `location`: an absolute data path inside the project's folder becomes relative, so that the folder can be moved or shared whole. */
export function withPortableDatasetPath<P extends { dataset?: DatasetRef }>(project: P, location: string): P {
  const dataset = project.dataset;
  if (!dataset || dataset.kind === 'builtin' || !path.isAbsolute(dataset.path)) return project;
  const portable = datasetPath(dataset.path, location);
  return portable === dataset.path ? project : { ...project, dataset: { ...dataset, path: portable } };
}

/** Moves a finished upload to `name`, or `name-2`, `name-3`… when taken (also by an upload finishing at the same moment). */
async function moveToUniqueFolder(staging: string, name: string): Promise<string> {
  const parent = path.dirname(staging);
  for (let n = 1; ; n++) {
    const candidate = path.join(parent, n === 1 ? name : `${name}-${n}`);
    if (await stat(candidate).catch(() => undefined)) continue;
    try {
      await rename(staging, candidate);
      return candidate;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  }
}

/** How many refused files a message names. */
const NAMED_REFUSED = 3;

function dataError(error: unknown): never {
  if (error instanceof DataError) throw new UserFacingError(errorProblem(error), 'data');
  throw error;
}

/** The reference a CSV gets: its columns and a guess at the label column, which the user can change. */
async function csvImport(file: string, location: string | undefined, refused: SkippedItem[]): Promise<ImportedDataset> {
  const columns = await readCsvColumns(file).catch(dataError);
  const ref: DatasetRef = { kind: 'csv', path: datasetPath(file, location), labelColumn: guessLabelColumn(columns) };
  return { ref, path: file, refused, columns };
}

interface Upload {
  kind: ImportedDatasetKind;
  name: string;
  staging: string;
  bytes: number;
  files: number;
  refused: SkippedItem[];
  /** The file received last, which further parts continue; `refused` when it was left out (its further parts are dropped). */
  last?: { file: string; bytes: number; refused: boolean };
}

export class DatasetImports {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly projectsDirectory: () => Promise<string>) {}

  async start(request: { name: string; kind: ImportedDatasetKind }): Promise<{ uploadId: string }> {
    if (!['imageFolder', 'csv', 'idx', 'cifar'].includes(request?.kind)) {
      throw new UserFacingError(problem('data:importKinds', {}), 'bad-request');
    }
    const root = path.join(await this.projectsDirectory(), DATASETS_FOLDER);
    const uploadId = randomUUID();
    // Hidden until finished, so that a half-sent folder is never taken for a data set.
    const staging = path.join(root, `.upload-${uploadId}`);
    await mkdir(staging, { recursive: true });
    await this.removeAbandoned(root);
    this.uploads.set(uploadId, { kind: request.kind, name: datasetFolderName(request.name), staging, bytes: 0, files: 0, refused: [] });
    return { uploadId };
  }

  /** Uploads left half-way (a closed browser tab) a day ago or more. */
  private async removeAbandoned(root: string): Promise<void> {
    const active = new Set([...this.uploads.values()].map((u) => path.basename(u.staging)));
    await removeAbandonedUploads(root, '.upload-', active);
  }

  private upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new UserFacingError(problem('data:uploadUnknown', {}), 'bad-request');
    return upload;
  }

  async add(uploadId: string, files: DatasetUploadFile[]): Promise<{ received: number; refused: SkippedItem[] }> {
    const upload = this.upload(uploadId);
    if (!Array.isArray(files)) throw new UserFacingError(problem('data:uploadNoList', {}), 'bad-request');
    const refused: SkippedItem[] = [];
    let received = 0;
    for (const file of files) {
      const parts = uploadPathParts(file?.path);
      const shown = parts.join('/');
      const base64 = typeof file.base64 === 'string' ? file.base64 : '';
      const refuse = (reason: Problem) => {
        refused.push({ file: shown, reason });
        upload.last = { file: shown, bytes: 0, refused: true };
      };
      if (parts[parts.length - 1].startsWith('.')) continue;
      const appending = file.append === true;
      const previous = upload.last;
      if (appending && previous?.file !== shown) {
        throw new UserFacingError(problem('data:uploadPartAlone', { file: shown }), 'bad-request');
      }
      // A part of a file already left out.
      if (appending && previous?.refused) continue;
      // The size is checked before the bytes are decoded: the one declared for the whole file, and what has come so far.
      const declared = typeof file.size === 'number' && Number.isFinite(file.size) ? file.size : 0;
      const size = Math.max(declared, (appending ? previous!.bytes : 0) + base64Bytes(base64));
      if (upload.kind === 'imageFolder') {
        if (parts.length !== 2) {
          refuse(parts.length === 1 ? problem('data:notInClass', {}) : problem('data:inSubFolder', {}));
          continue;
        }
        if (!isImageFileName(shown)) {
          refuse(problem('data:notImage', {}));
          continue;
        }
        if (size > MAX_IMAGE_BYTES) {
          if (appending) {
            // Its first parts were written: the file is not kept.
            await rm(insideFolder(upload.staging, parts.join(path.sep)), { force: true });
            upload.files--;
            upload.bytes -= previous!.bytes;
          }
          refuse(problem('data:imageTooBig', { size: mb(size), max: mb(MAX_IMAGE_BYTES) }));
          continue;
        }
      } else if (upload.kind === 'idx' || upload.kind === 'cifar') {
        const cifar = upload.kind === 'cifar';
        if (!appending && (parts.length !== 1 || (cifar && upload.files > 0))) {
          throw new UserFacingError(cifar ? problem('data:cifarOneArchive', {}) : problem('data:idxFlat', {}), 'bad-request');
        }
        if (cifar && !/\.(tar\.gz|tgz|tar)$/i.test(shown)) {
          throw new UserFacingError(problem('data:notCifarArchive', { file: shown }), 'bad-file');
        }
        if (!cifar && !appending && !/(idx\d-ubyte|-images|-labels)/i.test(shown)) {
          refuse(problem('data:notIdxName', {}));
          continue;
        }
      } else {
        if (!appending && (upload.files > 0 || parts.length !== 1))
          throw new UserFacingError(problem('data:csvOneFile', {}), 'bad-request');
        if (path.extname(shown).toLowerCase() !== '.csv')
          throw new UserFacingError(problem('data:notCsvUpload', { file: shown }), 'bad-file');
        if (size > MAX_CSV_BYTES)
          throw new UserFacingError(problem('data:csvTooBig', { file: shown, size: mb(size), max: mb(MAX_CSV_BYTES) }), 'too-big');
      }
      const bytes = Buffer.from(base64, 'base64');
      if (upload.kind === 'imageFolder') {
        if (!appending && !looksLikeImage(bytes)) {
          refuse(problem('data:notImageContent', {}));
          continue;
        }
      } else if (upload.kind === 'csv' && bytes.includes(0)) {
        throw new UserFacingError(problem('data:csvNotText', { file: shown }), 'bad-file');
      }
      if (upload.bytes + bytes.length > MAX_UPLOAD_BYTES || upload.files + (appending ? 0 : 1) > MAX_UPLOAD_FILES) {
        throw new UserFacingError(problem('data:uploadTooLarge', { max: mb(MAX_UPLOAD_BYTES), files: MAX_UPLOAD_FILES }), 'too-big');
      }
      const target = insideFolder(upload.staging, parts.join(path.sep));
      if (appending) {
        await appendFile(target, bytes);
        upload.last!.bytes += bytes.length;
      } else {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, bytes);
        upload.last = { file: shown, bytes: bytes.length, refused: false };
        upload.files++;
        received++;
      }
      upload.bytes += bytes.length;
    }
    upload.refused.push(...refused);
    return { received, refused };
  }

  async finish(uploadId: string, options: { location?: string } = {}): Promise<ImportedDataset> {
    const upload = this.upload(uploadId);
    this.uploads.delete(uploadId);
    if (upload.files === 0) {
      await rm(upload.staging, { recursive: true, force: true });
      const items = { shown: upload.refused.slice(0, NAMED_REFUSED), more: 0 };
      throw new UserFacingError(
        upload.kind === 'imageFolder'
          ? upload.refused.length
            ? problem('data:nothingImportedRefused', { name: upload.name, items })
            : problem('data:nothingImported', { name: upload.name })
          : upload.kind === 'csv'
            ? problem('data:noCsvReceived', {})
            : upload.kind === 'idx'
              ? problem('data:noIdxReceived', {})
              : problem('data:noCifarReceived', {}),
        'empty',
      );
    }
    const target = await moveToUniqueFolder(upload.staging, upload.name);
    const location = typeof options?.location === 'string' && options.location ? options.location : undefined;
    if (upload.kind === 'csv') {
      try {
        return await csvImport(path.join(target, await onlyFile(target)), location, upload.refused);
      } catch (error) {
        // A file that is no table is not kept among the data sets.
        await rm(target, { recursive: true, force: true });
        throw error;
      }
    }
    if (upload.kind === 'idx' || upload.kind === 'cifar') {
      const data = upload.kind === 'idx' ? target : path.join(target, await onlyFile(target));
      try {
        await checkReadable(upload.kind, data);
      } catch (error) {
        // Files that cannot be read are not kept among the data sets.
        await rm(target, { recursive: true, force: true });
        throw error;
      }
      return { ref: { kind: upload.kind, path: datasetPath(data, location) }, path: data, refused: upload.refused };
    }
    return { ref: { kind: 'imageFolder', path: datasetPath(target, location), fit: 'letterbox' }, path: target, refused: upload.refused };
  }

  /** A folder or CSV file picked in a native dialog: used where it is. */
  async fromPath(kind: ImportedDatasetKind, picked: string, options: { location?: string } = {}): Promise<ImportedDataset> {
    const absolute = path.resolve(picked);
    const location = typeof options?.location === 'string' && options.location ? options.location : undefined;
    const info = await stat(absolute).catch(() => undefined);
    if (kind === 'csv') {
      if (!info?.isFile()) throw new UserFacingError(problem('data:pickedNotFile', { path: absolute }), 'not-found');
      return csvImport(absolute, location, []);
    }
    if (kind === 'idx' || kind === 'cifar') {
      if (!info) throw new UserFacingError(problem('data:pickedMissing', { path: absolute }), 'not-found');
      await checkReadable(kind, absolute);
      return { ref: { kind, path: datasetPath(absolute, location) }, path: absolute, refused: [] };
    }
    if (!info?.isDirectory()) {
      throw new UserFacingError(problem('data:pickedNotFolder', { path: absolute }), 'not-found');
    }
    return { ref: { kind: 'imageFolder', path: datasetPath(absolute, location), fit: 'letterbox' }, path: absolute, refused: [] };
  }
}

/** Reads IDX files or a CIFAR archive once, so that a damaged one is refused at import, naming the file and the byte. */
async function checkReadable(kind: 'idx' | 'cifar', data: string): Promise<void> {
  await (kind === 'idx' ? loadIdxFolder(data, 1) : loadCifar(data, 1)).catch(dataError);
}

async function onlyFile(folder: string): Promise<string> {
  const names = (await readdir(folder)).filter((n) => !n.startsWith('.'));
  return names[0];
}
