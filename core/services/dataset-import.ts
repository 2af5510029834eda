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
import { errorTexts, type Localized } from '../model/localized';
import type { DatasetRef } from '../model/project';
import { fileNameProblem, portableFileName } from '../model/file-names';

export const DATASETS_FOLDER = 'datasets';
/** One image larger than this is certainly not a training sample. */
export const MAX_IMAGE_BYTES = UPLOAD_LIMITS.imageBytes;
export const MAX_CSV_BYTES = UPLOAD_LIMITS.csvBytes;
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
export const MAX_UPLOAD_FILES = 200_000;

const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;
const FORBIDDEN = /[\\/:*?"<>|]/;
const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
const mo = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} Mo`;

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
    throw new UserFacingError(
      {
        en: `"${relative}" leads outside the data set's folder, so it was refused.`,
        fr: `« ${relative} » mène hors du dossier du jeu de données : il a donc été refusé.`,
      },
      'bad-path',
    );
  return target;
}

/** The parts of a path sent by the browser; refuses `..`, absolute paths and names no file system takes. */
export function uploadPathParts(file: string): string[] {
  if (typeof file !== 'string' || file.length === 0 || file.length > 1000)
    throw new UserFacingError(
      { en: 'A file of the upload has no usable name.', fr: 'Un fichier de l’envoi n’a pas de nom utilisable.' },
      'bad-path',
    );
  const parts = file.split(/[\\/]/);
  if (/^[a-zA-Z]:/.test(file) || file.startsWith('/') || file.startsWith('\\'))
    throw new UserFacingError(
      {
        en: `"${file}" is an absolute path; only files inside the chosen folder can be imported.`,
        fr: `« ${file} » est un chemin absolu ; seuls les fichiers du dossier choisi peuvent être importés.`,
      },
      'bad-path',
    );
  for (const part of parts) {
    if (part === '..' || part === '.')
      throw new UserFacingError(
        {
          en: `"${file}" leads outside the chosen folder (it contains "${part}"), so it was refused.`,
          fr: `« ${file} » mène hors du dossier choisi (il contient « ${part} ») : il a donc été refusé.`,
        },
        'bad-path',
      );
    if (part === '' || FORBIDDEN.test(part) || [...part].some((c) => c.charCodeAt(0) < 32) || part.length > 200) {
      throw new UserFacingError(
        {
          en: `"${file}" is not a file name that can be saved; rename it and import again.`,
          fr: `« ${file} » n’est pas un nom de fichier enregistrable ; renommez-le et importez à nouveau.`,
        },
        'bad-path',
      );
    }
    const problem = fileNameProblem(part);
    if (problem)
      throw new UserFacingError(
        {
          en: `"${file}" cannot be saved: ${problem.en}. Rename it and import again.`,
          fr: `« ${file} » ne peut pas être enregistré : ${problem.fr}. Renommez-le et importez à nouveau.`,
        },
        'bad-path',
      );
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

const refusedList = (refused: SkippedItem[], french = false) =>
  refused
    .slice(0, 3)
    .map((r) => `${r.file} (${french ? (r.reasonFr ?? r.reason) : r.reason})`)
    .join(french ? ' ; ' : '; ');

function dataError(error: unknown): never {
  if (error instanceof DataError) throw new UserFacingError(errorTexts(error), 'data');
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
      throw new UserFacingError(
        {
          en: 'Only an image folder, a CSV file, IDX files or a CIFAR archive can be imported.',
          fr: 'Seuls un dossier d’images, un fichier CSV, des fichiers IDX ou une archive CIFAR peuvent être importés.',
        },
        'bad-request',
      );
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
    for (const name of await readdir(root).catch(() => [] as string[])) {
      if (!name.startsWith('.upload-') || active.has(name)) continue;
      const info = await stat(path.join(root, name)).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > ABANDONED_AFTER_MS) await rm(path.join(root, name), { recursive: true, force: true });
    }
  }

  private upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload)
      throw new UserFacingError(
        {
          en: 'This upload is over or unknown; import the data again.',
          fr: 'Cet envoi est terminé ou inconnu ; importez à nouveau les données.',
        },
        'bad-request',
      );
    return upload;
  }

  async add(uploadId: string, files: DatasetUploadFile[]): Promise<{ received: number; refused: SkippedItem[] }> {
    const upload = this.upload(uploadId);
    if (!Array.isArray(files))
      throw new UserFacingError(
        { en: 'The upload sent no list of files.', fr: 'L’envoi ne contenait pas de liste de fichiers.' },
        'bad-request',
      );
    const refused: SkippedItem[] = [];
    let received = 0;
    for (const file of files) {
      const parts = uploadPathParts(file?.path);
      const shown = parts.join('/');
      const base64 = typeof file.base64 === 'string' ? file.base64 : '';
      const refuse = (reason: Localized) => {
        refused.push({ file: shown, reason: reason.en, reasonFr: reason.fr });
        upload.last = { file: shown, bytes: 0, refused: true };
      };
      if (parts[parts.length - 1].startsWith('.')) continue;
      const appending = file.append === true;
      const previous = upload.last;
      if (appending && previous?.file !== shown) {
        throw new UserFacingError(
          {
            en: `A part of ${shown} came without its beginning; import the data again.`,
            fr: `Une partie de ${shown} est arrivée sans son début ; importez à nouveau les données.`,
          },
          'bad-request',
        );
      }
      // A part of a file already left out.
      if (appending && previous?.refused) continue;
      // The size is checked before the bytes are decoded: the one declared for the whole file, and what has come so far.
      const declared = typeof file.size === 'number' && Number.isFinite(file.size) ? file.size : 0;
      const size = Math.max(declared, (appending ? previous!.bytes : 0) + base64Bytes(base64));
      if (upload.kind === 'imageFolder') {
        if (parts.length !== 2) {
          refuse(
            parts.length === 1
              ? {
                  en: 'not inside a class folder: put each image in the sub-folder named after its class',
                  fr: 'pas dans un dossier de classe : placez chaque image dans le sous-dossier qui porte le nom de sa classe',
                }
              : {
                  en: 'inside a sub-folder of a class folder: a class folder holds images only',
                  fr: 'dans un sous-dossier d’un dossier de classe : un dossier de classe ne contient que des images',
                },
          );
          continue;
        }
        if (!isImageFileName(shown)) {
          refuse({ en: 'not a PNG, JPEG or WebP image', fr: 'pas une image PNG, JPEG ou WebP' });
          continue;
        }
        if (size > MAX_IMAGE_BYTES) {
          if (appending) {
            // Its first parts were written: the file is not kept.
            await rm(insideFolder(upload.staging, parts.join(path.sep)), { force: true });
            upload.files--;
            upload.bytes -= previous!.bytes;
          }
          refuse({
            en: `too big for a training image (${mb(size)}; at most ${mb(MAX_IMAGE_BYTES)})`,
            fr: `trop grosse pour une image d’entraînement (${mo(size)} ; au plus ${mo(MAX_IMAGE_BYTES)})`,
          });
          continue;
        }
      } else if (upload.kind === 'idx' || upload.kind === 'cifar') {
        const cifar = upload.kind === 'cifar';
        if (!appending && (parts.length !== 1 || (cifar && upload.files > 0))) {
          throw new UserFacingError(
            cifar
              ? {
                  en: 'A CIFAR import takes one archive (cifar-10-binary.tar.gz), not a folder.',
                  fr: 'Un import CIFAR prend une seule archive (cifar-10-binary.tar.gz), pas un dossier.',
                }
              : {
                  en: 'IDX files are imported as one flat folder, without sub-folders.',
                  fr: 'Les fichiers IDX s’importent en un seul dossier, sans sous-dossiers.',
                },
            'bad-request',
          );
        }
        if (cifar && !/\.(tar\.gz|tgz|tar)$/i.test(shown)) {
          throw new UserFacingError(
            {
              en: `${shown} is not a CIFAR archive: choose cifar-10-binary.tar.gz or cifar-100-binary.tar.gz (the "binary version").`,
              fr: `${shown} n’est pas une archive CIFAR : choisissez cifar-10-binary.tar.gz ou cifar-100-binary.tar.gz (la « binary version »).`,
            },
            'bad-file',
          );
        }
        if (!cifar && !appending && !/(idx\d-ubyte|-images|-labels)/i.test(shown)) {
          refuse({
            en: 'not an IDX file (its name has no idx1-ubyte or idx3-ubyte)',
            fr: 'pas un fichier IDX (son nom ne contient ni idx1-ubyte ni idx3-ubyte)',
          });
          continue;
        }
      } else {
        if (!appending && (upload.files > 0 || parts.length !== 1))
          throw new UserFacingError(
            { en: 'A CSV import takes one file, not a folder.', fr: 'Un import CSV prend un seul fichier, pas un dossier.' },
            'bad-request',
          );
        if (path.extname(shown).toLowerCase() !== '.csv')
          throw new UserFacingError(
            {
              en: `${shown} is not a CSV file: choose a file ending in .csv, with a header row and one row per sample.`,
              fr: `${shown} n’est pas un fichier CSV : choisissez un fichier se terminant par .csv, avec une ligne d’en-tête et une ligne par exemple.`,
            },
            'bad-file',
          );
        if (size > MAX_CSV_BYTES)
          throw new UserFacingError(
            {
              en: `${shown} is ${mb(size)}; a CSV file can have at most ${mb(MAX_CSV_BYTES)}.`,
              fr: `${shown} fait ${mo(size)} ; un fichier CSV peut faire au plus ${mo(MAX_CSV_BYTES)}.`,
            },
            'too-big',
          );
      }
      const bytes = Buffer.from(base64, 'base64');
      if (upload.kind === 'imageFolder') {
        if (!appending && !looksLikeImage(bytes)) {
          refuse({ en: 'not an image, although its name says so', fr: 'pas une image, bien que son nom l’indique' });
          continue;
        }
      } else if (upload.kind === 'csv' && bytes.includes(0)) {
        throw new UserFacingError(
          {
            en: `${shown} is not a text file, so it cannot be a CSV file: export the table as CSV (comma- or semicolon-separated text) and import that.`,
            fr: `${shown} n’est pas un fichier texte, il ne peut donc pas être un fichier CSV : exportez le tableau en CSV (texte séparé par des virgules ou des points-virgules) et importez ce fichier.`,
          },
          'bad-file',
        );
      }
      if (upload.bytes + bytes.length > MAX_UPLOAD_BYTES || upload.files + (appending ? 0 : 1) > MAX_UPLOAD_FILES) {
        throw new UserFacingError(
          {
            en: `The data set is too large to import (more than ${mb(MAX_UPLOAD_BYTES)} or ${MAX_UPLOAD_FILES.toLocaleString('en')} files): use fewer or smaller images.`,
            fr: `Le jeu de données est trop gros pour être importé (plus de ${mo(MAX_UPLOAD_BYTES)} ou de ${MAX_UPLOAD_FILES.toLocaleString('fr')} fichiers) : utilisez moins d’images, ou des images plus petites.`,
          },
          'too-big',
        );
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
      throw new UserFacingError(
        upload.kind === 'imageFolder'
          ? {
              en: `Nothing was imported from "${upload.name}": it needs one sub-folder per class, each with PNG, JPEG or WebP images.${upload.refused.length ? ` Refused: ${refusedList(upload.refused)}.` : ''}`,
              fr: `Rien n’a été importé de « ${upload.name} » : il faut un sous-dossier par classe, chacun avec des images PNG, JPEG ou WebP.${upload.refused.length ? ` Refusés : ${refusedList(upload.refused, true)}.` : ''}`,
            }
          : upload.kind === 'csv'
            ? {
                en: 'No CSV file was received; choose the file again.',
                fr: 'Aucun fichier CSV n’a été reçu ; choisissez à nouveau le fichier.',
              }
            : {
                en: `No ${upload.kind === 'idx' ? 'IDX file' : 'CIFAR archive'} was received; choose ${upload.kind === 'idx' ? 'the folder' : 'the file'} again.`,
                fr: `Aucun ${upload.kind === 'idx' ? 'fichier IDX' : 'archive CIFAR'} n’a été reçu ; choisissez à nouveau ${upload.kind === 'idx' ? 'le dossier' : 'le fichier'}.`,
              },
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
      if (!info?.isFile())
        throw new UserFacingError(
          { en: `${absolute} is not a file: choose a CSV file.`, fr: `${absolute} n’est pas un fichier : choisissez un fichier CSV.` },
          'not-found',
        );
      return csvImport(absolute, location, []);
    }
    if (kind === 'idx' || kind === 'cifar') {
      if (!info) throw new UserFacingError({ en: `${absolute} does not exist.`, fr: `${absolute} n’existe pas.` }, 'not-found');
      await checkReadable(kind, absolute);
      return { ref: { kind, path: datasetPath(absolute, location) }, path: absolute, refused: [] };
    }
    if (!info?.isDirectory()) {
      throw new UserFacingError(
        {
          en: `${absolute} is not a folder: choose a folder holding one sub-folder per class.`,
          fr: `${absolute} n’est pas un dossier : choisissez un dossier contenant un sous-dossier par classe.`,
        },
        'not-found',
      );
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
