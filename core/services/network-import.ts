// "Import a network…" for the app: a pretrained network file, chosen on this computer (desktop) or
// uploaded in parts (browser, as project files are), becomes a new project file or a frozen base in
// the open one, through the same core function as `neuroblocks import-model`. An uploaded file
// waits in a hidden folder of the projects folder and is removed once read, imported or not.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError, type ImportedNetwork, type NetworkBaseTarget, type NetworkPreview, type NetworkSource } from '../api/contract';
import type { ImportedModel } from '../import/types';
import { fileNameIssue } from '../model/file-names';
import { problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import { removeAbandonedUploads, type StagedUpload } from './abandoned-uploads';
import { columnLayout } from './run-as-base';
import { asUserFacing as storeAsUserFacing, SQLITE_EXTENSION } from './sqlite-project-format';

/** A ResNet50 is about 100 MB; the largest common backbones stay well under this. */
export const MAX_NETWORK_UPLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const PREFIX = '.network-upload-';

// The importers (and the ONNX reader) load with the first import, not with the app.
const lib = () => import('../import/import-network');

function asUserFacing(error: unknown): unknown {
  if (error instanceof UserFacingError) return error;
  if (error instanceof Error && error.name === 'NetworkImportError')
    return new UserFacingError(errorProblem(error), (error as { code?: string }).code);
  return storeAsUserFacing(error);
}

/** The name part of a file the user chose, made safe for the projects folder. */
function baseName(fileName: string, networkExtensions: () => string[]): string {
  const name = path.basename(fileName.replace(/\\/g, '/'));
  const known = networkExtensions().find((ext) => name.toLowerCase().endsWith(ext));
  const stem = (known ? name.slice(0, name.length - known.length) : name.replace(/\.[^.]*$/, ''))
    .replace(/[^\p{L}\p{N}_ -]+/gu, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase()
    .slice(0, 80);
  return stem && !fileNameIssue(`${stem}${SQLITE_EXTENSION}`) ? stem : 'network';
}

/** A network read for the cut dialog, kept until it is imported: `key` names its source. */
interface ReadNetwork {
  key: string;
  modified: number;
  model: ImportedModel;
}

export class NetworkImports {
  private readonly uploads = new Map<string, StagedUpload>();
  private read: ReadNetwork | undefined;

  constructor(
    private readonly projectsDirectory: () => Promise<string>,
    /** Opens a project file as the app opens one (remembered among recent projects). */
    private readonly open: (location: string) => Promise<{ project: Project; location?: string }>,
    /** Writes the editor's pending autosaved edits of a project file before it is changed here. */
    private readonly flush: (location: string) => void,
  ) {}

  async startUpload(request: { fileName: string }): Promise<{ uploadId: string }> {
    const fileName = path.basename(String(request?.fileName ?? '').replace(/\\/g, '/'));
    const { networkExtensions } = await lib();
    const ext = networkExtensions().find((e) => fileName.toLowerCase().endsWith(e));
    if (!ext) {
      throw new UserFacingError(
        fileName
          ? problem('import:unknownFormat', { source: fileName, known: networkExtensions() })
          : problem('import:unknownFormatUnnamed', { known: networkExtensions() }),
        'unknown-format',
      );
    }
    const directory = await this.projectsDirectory();
    await mkdir(directory, { recursive: true });
    await this.removeAbandoned(directory);
    const uploadId = randomUUID();
    // In a hidden folder, under the chosen file's own name: the importer its ending asks for reads
    // it, and the network is named after it as when it is read where it is.
    const folder = path.join(directory, `${PREFIX}${uploadId}`);
    await mkdir(folder);
    const printable = [...fileName].filter((c) => c.charCodeAt(0) >= 32).join('');
    const safe = printable.replace(/[/\\:*?"<>|]+/g, '').replace(/^\.+/, '') || `network${ext}`;
    const staging = path.join(folder, fileNameIssue(safe) ? `network${ext}` : safe);
    await writeFile(staging, new Uint8Array());
    this.uploads.set(uploadId, { fileName, staging, bytes: 0 });
    return { uploadId };
  }

  async addPart(uploadId: string, base64: string): Promise<{ received: number }> {
    const upload = this.upload(uploadId);
    const bytes = Buffer.from(typeof base64 === 'string' ? base64 : '', 'base64');
    if (upload.bytes + bytes.length > MAX_NETWORK_UPLOAD_BYTES) {
      this.uploads.delete(uploadId);
      await rm(path.dirname(upload.staging), { recursive: true, force: true });
      throw new UserFacingError(
        problem('import:uploadTooLarge', { file: upload.fileName, size: MAX_NETWORK_UPLOAD_BYTES / 1024 ** 3 }),
        'too-big',
      );
    }
    await appendFile(upload.staging, bytes);
    upload.bytes += bytes.length;
    return { received: upload.bytes };
  }

  /** Uploads left half-way (a closed browser tab) a day ago or more. */
  private async removeAbandoned(directory: string): Promise<void> {
    const active = new Set([...this.uploads.values()].map((u) => path.basename(path.dirname(u.staging))));
    await removeAbandonedUploads(directory, PREFIX, active);
  }

  private upload(uploadId: string): StagedUpload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new UserFacingError(problem('import:uploadUnknown', {}), 'bad-request');
    return upload;
  }

  /** The file a source names, and its name as the user knows it; an upload is taken (no longer listed) with `take`. */
  private async located(source: NetworkSource, take: boolean): Promise<{ file: string; fileName: string; key: string; staging?: string }> {
    if ('uploadId' in source) {
      const upload = this.upload(source.uploadId);
      if (take) this.uploads.delete(source.uploadId);
      return { file: upload.staging, fileName: upload.fileName, key: `upload:${source.uploadId}`, staging: upload.staging };
    }
    const file = path.resolve(source.file);
    if (!(await stat(file).catch(() => undefined))?.isFile())
      throw new UserFacingError(problem('import:fileMissing', { file }), 'not-found');
    return { file, fileName: path.basename(file), key: `file:${file}` };
  }

  /** The network read by `readNetwork` from this source, unless the file changed since. */
  private async alreadyRead(key: string, file: string): Promise<ImportedModel | undefined> {
    const read = this.read;
    if (!read || read.key !== key) return undefined;
    const modified = (await stat(file).catch(() => undefined))?.mtimeMs;
    return modified === read.modified ? read.model : undefined;
  }

  /** Reads a network for the dialog that asks where to cut it; an upload stays until it is imported or discarded. */
  async readNetwork(source: NetworkSource): Promise<NetworkPreview> {
    const { file, fileName, key } = await this.located(source, false);
    try {
      const { loadNetwork, summary } = await lib();
      const modified = (await stat(file)).mtimeMs;
      const model = await loadNetwork(file, fileName);
      // One network at a time is kept: the one the dialog shows.
      this.read = { key, modified, model };
      return { name: model.name, graph: model.graph, summary: summary(model, fileName) };
    } catch (error) {
      throw asUserFacing(error);
    }
  }

  async discardUpload(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (this.read?.key === `upload:${uploadId}`) this.read = undefined;
    if (!upload) return;
    this.uploads.delete(uploadId);
    await rm(path.dirname(upload.staging), { recursive: true, force: true });
  }

  /** Imports the network as a new project file (opened), or as a base into `into` (saved there), cut after `into.upTo` when given. */
  async importNetwork(source: NetworkSource, into?: NetworkBaseTarget): Promise<ImportedNetwork> {
    const { file, fileName, key, staging } = await this.located(source, true);
    try {
      const model = await this.alreadyRead(key, file);
      if (this.read?.key === key) this.read = undefined;
      if (into) {
        const location = path.resolve(into.location);
        if (path.extname(location).toLowerCase() !== SQLITE_EXTENSION)
          throw new UserFacingError(
            problem('import:baseNeedsSqlite', { extension: SQLITE_EXTENSION, file: path.basename(location) }),
            'no-weights',
          );
        this.flush(location);
        const { importNetworkAsBase } = await lib();
        const { project, summary } = await importNetworkAsBase(file, location, into.project, {
          source: fileName,
          upTo: into.upTo,
          model,
          arrange: columnLayout,
        });
        return { project, location, summary };
      }
      const directory = await this.projectsDirectory();
      const { importNetworkAsProject, networkExtensions } = await lib();
      const base = baseName(fileName, networkExtensions);
      let out = path.join(directory, `${base}${SQLITE_EXTENSION}`);
      for (let n = 2; await stat(out).catch(() => undefined); n++) out = path.join(directory, `${base}-${n}${SQLITE_EXTENSION}`);
      const summary = await importNetworkAsProject(file, out, { source: fileName });
      const opened = await this.open(out);
      return { project: opened.project, location: out, summary };
    } catch (error) {
      throw asUserFacing(error);
    } finally {
      if (staging) await rm(path.dirname(staging), { recursive: true, force: true });
    }
  }
}
