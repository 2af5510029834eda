// A `.nbproj` project file received from someone else, uploaded from the browser in parts (each
// small enough for one message, as data set uploads are). The bytes go to a hidden file of the
// projects folder; only once the whole file has passed the checks every opened project file
// passes (a Neuroblocks project, not damaged, not from a newer version) is it given its name.
// A refused or abandoned upload leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { removeAbandonedUploads, type StagedUpload } from './abandoned-uploads';
import path from 'node:path';
import { UserFacingError } from '../api/contract';
import { catalogue, problem, type Namespace, type Problem, type ProblemValue } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import { SQLITE_EXTENSION } from './sqlite-project-format';

/** Project files carry checkpoints: allow large ones, not unbounded ones. */
export const MAX_PROJECT_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const PREFIX = '.upload-';

/** The file's own name without its extension, made safe for the projects folder. */
function baseName(fileName: string): string {
  const name = path.basename(fileName.replace(/\\/g, '/')).replace(/\.nbproj$/i, '');
  const printable = [...name].filter((c) => c.charCodeAt(0) >= 32).join('');
  return (
    printable
      .replace(/[/\\:*?"<>|]+/g, '')
      .replace(/^\.+/, '')
      .trim()
      .slice(0, 100) || 'project'
  );
}

/** Every SQLite database begins with these 16 bytes. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

/** A problem's parameters with every mention of the hidden staging copy (its path or its name) made the uploaded file's name. */
function renamed(value: ProblemValue | undefined, staging: string, fileName: string): ProblemValue | undefined {
  if (typeof value === 'string') return value.split(staging).join(fileName).split(path.basename(staging)).join(fileName);
  if (Array.isArray(value)) return value.map((item: ProblemValue) => renamed(item, staging, fileName) as ProblemValue);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renamed(item, staging, fileName)]));
  return value;
}

/**
 * Why an uploaded project file is refused, said of the file the person chose: the store's problem
 * with the uploaded name in its parameters wherever they named the staging copy, in the form of a
 * received file (`…_upload`: "Nothing was kept" where an opened file "was left unchanged") where
 * the catalogue has one; otherwise inside `project:uploadRefused`, which says that nothing was kept.
 */
function refusal(fileName: string, staging: string, reason: Problem): Problem {
  const params = renamed(reason.params, staging, fileName) as Record<string, ProblemValue | undefined>;
  const named = JSON.stringify(params) !== JSON.stringify(reason.params);
  const [namespace, key] = reason.code.split(':') as [Namespace, string];
  const context = typeof params.context === 'string' ? `${params.context}Upload` : 'upload';
  if (`${key}_${context}` in catalogue.en[namespace]) return { code: reason.code, params: { ...params, context } } as Problem;
  const said = { code: reason.code, params } as Problem;
  return named
    ? problem('project:uploadRefused', { reason: said })
    : problem('project:uploadRefused', { reason: said, file: fileName, context: 'unnamed' });
}

export class ProjectUploads {
  private readonly uploads = new Map<string, StagedUpload>();

  constructor(
    private readonly projectsDirectory: () => Promise<string>,
    /** Reads a project file with every check of opening one (throws a UserFacingError naming the problem). */
    private readonly read: (file: string) => Promise<Project>,
  ) {}

  async start(request: { fileName: string }): Promise<{ uploadId: string }> {
    const fileName = typeof request?.fileName === 'string' ? request.fileName : '';
    if (path.extname(fileName).toLowerCase() !== SQLITE_EXTENSION)
      throw new UserFacingError(
        fileName
          ? problem('project:uploadNotProject', { context: 'named', file: fileName, extension: SQLITE_EXTENSION })
          : problem('project:uploadNotProject', { extension: SQLITE_EXTENSION }),
        'not-a-project',
      );
    const directory = await this.projectsDirectory();
    await mkdir(directory, { recursive: true });
    await this.removeAbandoned(directory);
    const uploadId = randomUUID();
    // Hidden (and not ending in .nbproj) until checked, so that half a file is never listed or opened.
    const staging = path.join(directory, `${PREFIX}${uploadId}.part`);
    await writeFile(staging, new Uint8Array());
    this.uploads.set(uploadId, { fileName, staging, bytes: 0 });
    return { uploadId };
  }

  private upload(uploadId: string): StagedUpload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new UserFacingError(problem('project:uploadUnknown', {}), 'bad-request');
    return upload;
  }

  /** Appends the next part of the file. */
  async add(uploadId: string, base64: string): Promise<{ received: number }> {
    const upload = this.upload(uploadId);
    const bytes = Buffer.from(typeof base64 === 'string' ? base64 : '', 'base64');
    if (upload.bytes + bytes.length > MAX_PROJECT_UPLOAD_BYTES) {
      await this.abandon(uploadId);
      throw new UserFacingError(problem('project:uploadTooLarge', { file: upload.fileName, size: MAX_PROJECT_UPLOAD_BYTES }), 'too-big');
    }
    await appendFile(upload.staging, bytes);
    upload.bytes += bytes.length;
    return { received: upload.bytes };
  }

  /** Checks the whole file as any opened project file is checked, then gives it a free name in the projects folder; returns where it is. */
  async finish(uploadId: string): Promise<string> {
    const upload = this.upload(uploadId);
    this.uploads.delete(uploadId);
    try {
      const head = Buffer.alloc(SQLITE_HEADER.length);
      const handle = await open(upload.staging, 'r');
      try {
        await handle.read(head, 0, head.length, 0);
      } finally {
        await handle.close();
      }
      if (!head.equals(SQLITE_HEADER))
        throw new UserFacingError(problem('project:uploadNotDatabase', { file: upload.fileName }), 'not-a-project');
      // The checks of opening a project file run on a copy named as a project file, still hidden.
      const checked = `${upload.staging}${SQLITE_EXTENSION}`;
      await rename(upload.staging, checked);
      upload.staging = checked;
      try {
        await this.read(checked);
      } catch (error) {
        throw new UserFacingError(
          refusal(upload.fileName, checked, errorProblem(error)),
          (error as { code?: string }).code ?? 'not-a-project',
        );
      }
      const directory = path.dirname(upload.staging);
      const base = baseName(upload.fileName);
      let file = path.join(directory, `${base}${SQLITE_EXTENSION}`);
      for (let n = 2; await stat(file).catch(() => undefined); n++) file = path.join(directory, `${base}-${n}${SQLITE_EXTENSION}`);
      await rename(upload.staging, file);
      for (const suffix of ['-wal', '-shm']) await rm(`${upload.staging}${suffix}`, { force: true });
      return file;
    } catch (error) {
      await this.removeStaging(upload.staging);
      throw error;
    }
  }

  private async abandon(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (upload) await this.removeStaging(upload.staging);
  }

  /** The staging file and what SQLite may have put beside it while checking it. */
  private async removeStaging(staging: string): Promise<void> {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${staging}${suffix}`, { force: true });
  }

  /** Uploads left half-way (a closed browser tab) a day ago or more. */
  private async removeAbandoned(directory: string): Promise<void> {
    await removeAbandonedUploads(directory, PREFIX, new Set([...this.uploads.values()].map((u) => path.basename(u.staging))));
  }
}
