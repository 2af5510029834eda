// The data area of the API: the built-in data sets, previews, and data sets imported from this
// computer (native dialogs) or uploaded from the page.
import path from 'node:path';
import {
  UserFacingError,
  type DataApi,
  type DatasetInfo,
  type DatasetPreview,
  type DatasetUploadFile,
  type ImportedDataset,
  type ImportedDatasetKind,
} from '../api/contract';
import { DataError, type SkippedItem } from '../data/types';
import { problem } from '../i18n/catalogue';
import type { Shape } from '../model/graph';
import { errorProblem } from '../model/localized';
import { datasetSchema, type DatasetRef } from '../model/project';
import { DatasetImports } from './dataset-import';
import { builtinDatasetInfo } from './datasets';
import type { ServiceContext } from './service-context';

export class DataService implements DataApi {
  readonly #imports: DatasetImports;

  constructor(private readonly context: ServiceContext) {
    this.#imports = new DatasetImports(() => context.projectsDirectory());
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    return builtinDatasetInfo();
  }

  async previewDataset(ref: DatasetRef, options: { location?: string; inputShape?: Shape } = {}): Promise<DatasetPreview> {
    const parsed = datasetSchema.safeParse(ref);
    if (!parsed.success) throw new UserFacingError(problem('data:badReference', {}), 'bad-request');
    const location = typeof options?.location === 'string' && options.location ? options.location : undefined;
    const baseDir = location ? path.dirname(path.resolve(location)) : process.cwd();
    // Loaded on first use: it brings sharp and the MNIST digits.
    const { previewDataset, readCsvColumns } = await import('../data/preview');
    try {
      const inputShape = Array.isArray(options?.inputShape) ? options.inputShape : undefined;
      return await previewDataset(parsed.data, {
        baseDir,
        inputShape,
        onDownload: (progress) => this.context.emitters.downloads.fire(progress),
      });
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      // A wrong label column is fixed by choosing another: the UI gets the columns to choose from.
      const columns =
        parsed.data.kind === 'csv' ? await readCsvColumns(path.resolve(baseDir, parsed.data.path)).catch(() => undefined) : undefined;
      throw new UserFacingError(errorProblem(error), 'data', columns ? { columns } : undefined);
    }
  }

  async showDatasetDialog(kind: ImportedDatasetKind, options: { location?: string } = {}): Promise<ImportedDataset | undefined> {
    const dialogs = this.context.dialogs();
    const directory =
      typeof options?.location === 'string' && options.location
        ? path.dirname(path.resolve(options.location))
        : await this.context.projectsDirectory();
    const picked =
      kind === 'csv'
        ? await dialogs.showOpen({ directory, extensions: ['.csv'], filterName: 'CSV tables' })
        : kind === 'cifar'
          ? await dialogs.showOpen({ directory, extensions: ['.gz', '.tgz', '.tar'], filterName: 'CIFAR binary archives' })
          : await dialogs.showFolder({ directory });
    return picked === undefined ? undefined : this.#imports.fromPath(kind, picked, options ?? {});
  }

  startDatasetUpload(request: { name: string; kind: ImportedDatasetKind }): Promise<{ uploadId: string }> {
    return this.#imports.start(request);
  }

  uploadDatasetFiles(uploadId: string, files: DatasetUploadFile[]): Promise<{ received: number; refused: SkippedItem[] }> {
    return this.#imports.add(uploadId, files);
  }

  finishDatasetUpload(uploadId: string, options: { location?: string } = {}): Promise<ImportedDataset> {
    return this.#imports.finish(uploadId, options ?? {});
  }
}
