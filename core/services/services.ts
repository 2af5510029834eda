// The service behind the API: one implementation for the desktop app, the web host and tests.
// Host differences (native dialogs, where settings live) come in as options.
import { readdir, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import path from 'node:path';
import {
  UserFacingError,
  type AppInfo,
  type AutosaveUpdate,
  type BackendInfo,
  type DatasetInfo,
  type DatasetPreview,
  type DatasetUploadFile,
  type ImportedNetwork,
  type NetworkSource,
  type ImportedDataset,
  type ImportedDatasetKind,
  type ExampleSummary,
  type HostKind,
  type MenuCommand,
  type NeuroblocksApi,
  type OpenedProject,
  type ProjectFileInfo,
  type RecentProject,
  type RunInfo,
  type RunDetailsInfo,
  type RunComparisonInfo,
  type RunSnapshot,
  type ContinuedRun,
  type ExportRequest,
  type ExportResult,
  type SavedProject,
  type TrainingStartOptions,
  type PageTrainingJob,
  type PageTrainingReport,
  type TrainingUpdate,
  type TrainingEngines,
  type PythonEngineInfo,
  type Prediction,
  type TableInput,
  type TestSamples,
  type AugmentationPreview,
  type AugmentationPreviewRequest,
  type ConvFilters,
  type InspectRequest,
  type ModelInside,
  type DownloadProgress,
  type PretrainedBaseInfo,
  type AddedPretrainedBase,
  type EvaluationProgress,
  type Mistakes,
  type ModelInUse,
  type UseRunAsBaseRequest,
} from '../api/contract';
import { insertBase } from '../model/base-group';
import { analyzeGraph } from '../model/analyze';
import { fileNameProblem } from '../model/file-names';
import { errorTexts, type Localized } from '../model/localized';
import type { Graph, Shape } from '../model/graph';
import { datasetSchema, PROJECT_FORMAT, PROJECT_VERSION, type DatasetRef, type Project } from '../model/project';
import { parseProject, parseProjectText, ProjectError, projectProblemsText } from '../model/project-io';
import { AugmentationPreviewer } from './augmentation-preview';
import { ProjectAutosaver } from './autosave';
import { defaultConfigDir, defaultProjectsDir } from '../user-folders';
import { RECENT_LIMIT, SettingsFile } from './config';
import { builtinDatasetInfo } from './datasets';
import { DatasetImports, withPortableDatasetPath } from './dataset-import';
import { DataError } from '../data/types';
import { Emitter } from './emitter';
import { ExampleLibrary } from './examples';
import { formatFor, projectExtensions, projectFormats, type ProjectFileFormat } from './project-files';
import { asUserFacing, SQLITE_EXTENSION } from './sqlite-project-format';
import { exportModel } from './export';
import { checkedRunId, compareTwoRuns, deleteRecordedRun, runSnapshot } from './run-history';
import { columnLayout, newProjectForBase, recordedBase, targetForBase } from './run-as-base';
import { ProjectUploads } from './project-upload';
import { NetworkImports } from './network-import';
import { PretrainedBases } from './pretrained-bases';
import { PretrainedCache } from '../catalogue/cache';
import { TrainingRunner } from './training';
import { MAX_PROJECT_JSON_BYTES } from '../store/regular-file';

/** Native file dialogs, which only the desktop host has. Each resolves to undefined when cancelled. */
export interface NativeDialogs {
  /** `filterName` names the extensions in the dialog (default: Neuroblocks projects). */
  showOpen(options: { directory: string; extensions: string[]; filterName?: string }): Promise<string | undefined>;
  showSave(options: { directory: string; suggestedName: string; extensions: string[] }): Promise<string | undefined>;
  showFolder(options: { directory: string }): Promise<string | undefined>;
}

export interface ServiceOptions {
  host: HostKind;
  configDir?: string;
  examplesDir?: string;
  /** Where projects go until the user picks a directory. */
  projectsDir?: string;
  dialogs?: NativeDialogs;
  formats?: readonly ProjectFileFormat[];
  version?: string;
  /** Picks the TensorFlow.js backend; the default walks the backend ladder once, on first use. */
  detectBackend?: () => Promise<BackendInfo>;
  /** Looks for a Python with torch; the default asks core/train's PyTorch engine. */
  findPython?: (options: { python?: string }) => Promise<PythonEngineInfo>;
  /** Runs training; the default is core/train's worker. */
  training?: TrainingRunner;
  /** Autosaves edits of `.nbproj` projects; the default writes within about a second. */
  autosaver?: ProjectAutosaver;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function detectBackendOnce(): Promise<BackendInfo> {
  const { selectBackend } = await import('../train/backend/index');
  const choice = await selectBackend();
  return { backend: choice.backend, device: choice.device, fallbacks: choice.fallbacks };
}

async function findPythonEngine(options: { python?: string }): Promise<PythonEngineInfo> {
  const { findPythonEngine: find } = await import('../train/pytorch/index');
  return find(options);
}

function requireText(value: unknown, what: Localized): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UserFacingError({ en: `${what.en} is missing.`, fr: `${what.fr} manque.` }, 'bad-request');
  return value;
}

/** Validates a project coming from the UI (it crosses a process boundary, so it is checked again). */
const projectActions = {
  saved: { en: 'The project cannot be saved', fr: 'Le projet ne peut pas être enregistré' },
  exported: { en: 'The project cannot be exported', fr: 'Le projet ne peut pas être exporté' },
  trained: { en: 'The project cannot be trained', fr: 'Le projet ne peut pas être entraîné' },
  previewed: { en: 'The project cannot be previewed', fr: 'Le projet ne peut pas être prévisualisé' },
} as const satisfies Record<string, Localized>;

function checkedProject(value: unknown, action: keyof typeof projectActions = 'saved'): Project {
  try {
    return parseProject(value);
  } catch (error) {
    if (error instanceof ProjectError) {
      throw new UserFacingError(projectProblemsText(error.problems, projectActions[action]), 'project', error.problems);
    }
    throw error;
  }
}

const FORBIDDEN_IN_NAMES = /[/\\:*?"<>|]/;

function isPlainFileName(name: string): boolean {
  return name.length > 0 && name.length <= 200 && !FORBIDDEN_IN_NAMES.test(name) && ![...name].some((c) => c.charCodeAt(0) < 32);
}

export class NeuroblocksService implements NeuroblocksApi {
  private readonly menuCommands = new Emitter<MenuCommand>();
  readonly onMenuCommand = this.menuCommands.event;
  private readonly training: TrainingRunner;
  readonly onTrainingEvent: (listener: (update: TrainingUpdate) => void) => () => void;
  readonly onPageTrainingCommand: NeuroblocksApi['onPageTrainingCommand'];
  private readonly autosaver: ProjectAutosaver;
  readonly onAutosave: (listener: (update: AutosaveUpdate) => void) => () => void;
  readonly onEvaluationProgress: (listener: (progress: EvaluationProgress) => void) => () => void;
  /** Fires after the recent projects list changed (the desktop app rebuilds File › Open Recent). */
  readonly recentProjectsChanged = new Emitter<void>();
  private readonly downloads = new Emitter<DownloadProgress>();
  readonly onDownloadProgress = this.downloads.event;
  private readonly pretrained: PretrainedBases;
  readonly onBaseDownloadProgress: NeuroblocksApi['onBaseDownloadProgress'];

  readonly settings: SettingsFile;
  private readonly examples: ExampleLibrary;
  private readonly formats: readonly ProjectFileFormat[];
  private readonly version: string;
  private readonly fallbackProjectsDir: string;
  private backend?: Promise<BackendInfo>;
  private readonly augmentation = new AugmentationPreviewer();
  private readonly datasetImports = new DatasetImports(() => this.projectsDirectory());
  private readonly projectUploads = new ProjectUploads(
    () => this.projectsDirectory(),
    (file) => formatFor(file, this.formats).read(file),
  );
  private readonly networkImports = new NetworkImports(
    () => this.projectsDirectory(),
    (location) => this.openProject(location),
    (location) => this.autosaver.flush(location),
  );

  constructor(private readonly options: ServiceOptions) {
    this.settings = new SettingsFile(path.join(options.configDir ?? defaultConfigDir(), 'settings.json'));
    // Pretrained bases' weights files: in the user data folder, shared by every project.
    this.pretrained = new PretrainedBases(new PretrainedCache(path.join(options.configDir ?? defaultConfigDir(), 'pretrained')));
    this.onBaseDownloadProgress = this.pretrained.progress.event;
    this.examples = new ExampleLibrary(options.examplesDir);
    this.formats = options.formats ?? projectFormats;
    this.version = options.version ?? packageVersion();
    this.fallbackProjectsDir = options.projectsDir ?? defaultProjectsDir();
    this.training = options.training ?? new TrainingRunner();
    this.onTrainingEvent = this.training.updates.event;
    this.onPageTrainingCommand = this.training.page.onCommand;
    this.onEvaluationProgress = this.training.evaluationProgress.event;
    this.autosaver = options.autosaver ?? new ProjectAutosaver();
    this.onAutosave = this.autosaver.updates.event;
  }

  /** Delivers a native menu command to the UI (desktop host). */
  sendMenuCommand(command: MenuCommand): void {
    this.menuCommands.fire(command);
  }

  async projectsDirectory(): Promise<string> {
    return (await this.settings.read()).projectsDirectory ?? this.fallbackProjectsDir;
  }

  async getAppInfo(): Promise<AppInfo> {
    return {
      name: 'Neuroblocks',
      version: this.version,
      host: this.options.host,
      nativeDialogs: Boolean(this.options.dialogs),
      projectsDirectory: await this.projectsDirectory(),
      projectExtensions: projectExtensions(this.formats),
      networkExtensions: (await import('../import/import-network')).networkExtensions(),
      platform: process.platform,
      memoryBytes: totalmem(),
    };
  }

  getBackendInfo(): Promise<BackendInfo> {
    this.backend ??= (this.options.detectBackend ?? detectBackendOnce)();
    // A failed detection is retried on the next call rather than cached.
    this.backend.catch(() => (this.backend = undefined));
    return this.backend;
  }

  async getTrainingEngines(options: { python?: string } = {}): Promise<TrainingEngines> {
    const asked = options && typeof options === 'object' && typeof options.python === 'string' && options.python.trim() ? options.python.trim() : undefined;
    const { python: pythonSetting } = await this.settings.read();
    const [tfjs, pytorch] = await Promise.all([this.getBackendInfo(), (this.options.findPython ?? findPythonEngine)({ python: asked ?? pythonSetting })]);
    return { tfjs, pytorch, ...(pythonSetting ? { pythonSetting } : {}) };
  }

  async setPythonPath(python: string): Promise<TrainingEngines> {
    if (typeof python !== 'string' || python.length > 4096)
      throw new UserFacingError({ en: 'The Python setting must be the path of a Python program, or empty to look for one.', fr: 'Le réglage Python doit être le chemin d’un programme Python, ou vide pour en chercher un.' }, 'bad-request');
    const trimmed = python.trim();
    await this.settings.update((s) => ({ ...s, python: trimmed || undefined }));
    // Torch may have been installed since it was last looked for.
    if (!this.options.findPython) (await import('../train/pytorch/index')).clearPythonEngineCache();
    return this.getTrainingEngines();
  }

  listExamples(): Promise<ExampleSummary[]> {
    return this.examples.list();
  }

  async openExample(id: string): Promise<OpenedProject> {
    return { project: await this.examples.read(id) };
  }

  async newProject(options: { name?: string; fromExample?: string } = {}): Promise<OpenedProject> {
    const name = options.name?.trim();
    let project: Project;
    if (options.fromExample !== undefined) {
      const example = await this.examples.read(options.fromExample);
      project = name ? { ...example, name } : example;
    } else project = parseProject({ format: PROJECT_FORMAT, version: PROJECT_VERSION, name: name || 'Untitled', graph: { nodes: [], edges: [] } });
    return this.createProjectFile(project);
  }

  /**
   * A new project is a `.nbproj` file from the start, so that its runs are kept: written in the
   * projects folder under a name taken from the project's and not used yet (`mnist-cnn.nbproj`,
   * `mnist-cnn-2.nbproj`…), and autosaved from then on. A host without that format gets an unsaved project.
   */
  private async createProjectFile(project: Project): Promise<OpenedProject> {
    if (!projectExtensions(this.formats).includes(SQLITE_EXTENSION)) return { project };
    const directory = await this.projectsDirectory();
    const base = project.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}_ -]+/gu, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 80) || 'project';
    const safeBase = fileNameProblem(`${base}${SQLITE_EXTENSION}`) ? `project-${base}` : base;
    let file = path.join(directory, `${safeBase}${SQLITE_EXTENSION}`);
    for (let n = 2; await stat(file).catch(() => undefined); n++) file = path.join(directory, `${safeBase}-${n}${SQLITE_EXTENSION}`);
    await this.saveProject(file, project);
    // The file edited before gets its last edits and is let go.
    this.autosaver.close();
    return { project: await formatFor(file, this.formats).read(file), location: file };
  }

  /** A full path as it is; a relative one inside the projects folder `base`, and never outside it. */
  private resolveLocation(location: unknown, base: string): string {
    const text = requireText(location, { en: 'The file location', fr: 'L’emplacement du fichier' });
    if (path.isAbsolute(text)) return path.resolve(text);
    const resolved = path.resolve(base, text);
    const inside = path.relative(base, resolved);
    if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))
      throw new UserFacingError(
        {
          en: `"${text}" leads outside the projects folder: a relative location must name a file inside it. Give a full path to use another folder.`,
          fr: `« ${text} » mène hors du dossier des projets : un emplacement relatif doit désigner un fichier qui s’y trouve. Donnez un chemin complet pour utiliser un autre dossier.`,
        },
        'bad-path',
      );
    return resolved;
  }

  /** Refuses to create a file (or the folders of a relative location) under a name that some platform cannot hold. */
  private checkNewFileName(location: string, file: string): void {
    const names = path.isAbsolute(location) ? [path.basename(file)] : location.split(/[\\/]/).filter((part) => part !== '' && part !== '.');
    for (const name of names) {
      const problem = fileNameProblem(name);
      if (problem)
        throw new UserFacingError({ en: `Cannot save ${path.basename(file)}: ${problem.en}. Choose another name.`, fr: `Impossible d’enregistrer ${path.basename(file)} : ${problem.fr}. Choisissez un autre nom.` }, 'bad-name');
    }
  }

  async openProject(location: string): Promise<OpenedProject> {
    const file = this.resolveLocation(location, await this.projectsDirectory());
    const project = await formatFor(file, this.formats).read(file);
    // The file edited before gets its last edits and is let go.
    this.autosaver.close();
    await this.remember(file, project.name);
    return { project, location: file };
  }

  async importProject(text: string): Promise<OpenedProject> {
    requireText(text, { en: 'The project text', fr: 'Le texte du projet' });
    if (Buffer.byteLength(text) > MAX_PROJECT_JSON_BYTES)
      throw new UserFacingError(
        {
          en: `This text is larger than a project can be (at most ${MAX_PROJECT_JSON_BYTES / 1024 / 1024} MB), so it was not read.`,
          fr: `Ce texte est plus gros qu’un projet ne peut l’être (au plus ${MAX_PROJECT_JSON_BYTES / 1024 / 1024} Mo) : il n’a donc pas été lu.`,
        },
        'too-large',
      );
    let project: Project;
    try {
      project = parseProjectText(text);
    } catch (error) {
      if (error instanceof ProjectError) throw new UserFacingError(errorTexts(error), 'project', error.problems);
      throw error;
    }
    // Imported JSON becomes a project file of its own, which keeps the runs trained from it.
    return this.createProjectFile(project);
  }

  startProjectUpload(request: { fileName: string }): Promise<{ uploadId: string }> {
    return this.projectUploads.start(request);
  }

  uploadProjectPart(uploadId: string, base64: string): Promise<{ received: number }> {
    return this.projectUploads.add(uploadId, base64);
  }

  async finishProjectUpload(uploadId: string): Promise<OpenedProject> {
    return this.openProject(await this.projectUploads.finish(uploadId));
  }

  importNetwork(source: NetworkSource, into?: { location: string; project: Project }): Promise<ImportedNetwork> {
    return this.networkImports.importNetwork(source, into ? { ...into, project: checkedProject(into.project) } : undefined);
  }

  startNetworkUpload(request: { fileName: string }): Promise<{ uploadId: string }> {
    return this.networkImports.startUpload(request);
  }

  uploadNetworkPart(uploadId: string, base64: string): Promise<{ received: number }> {
    return this.networkImports.addPart(uploadId, base64);
  }

  async showNetworkDialog(): Promise<string | undefined> {
    const { networkExtensions } = await import('../import/import-network');
    return this.nativeDialogs().showOpen({ directory: await this.projectsDirectory(), extensions: networkExtensions().map((e) => e.replace(/^\./, '')), filterName: 'Networks' });
  }

  async saveProject(location: string, project: Project): Promise<SavedProject> {
    const file = this.resolveLocation(location, await this.projectsDirectory());
    const format = formatFor(file, this.formats);
    this.checkNewFileName(location, file);
    const checked = withPortableDatasetPath(checkedProject(project), file);
    // Never replace a file that is not a Neuroblocks project (a typo must not destroy someone's data).
    if ((await stat(file).catch(() => undefined)) && !(await format.isProjectFile(file))) {
      throw new UserFacingError(
        {
          en: `${path.basename(file)} already exists and is not a Neuroblocks project, so it was not replaced. Choose another name.`,
          fr: `${path.basename(file)} existe déjà et n’est pas un projet Neuroblocks : il n’a donc pas été remplacé. Choisissez un autre nom.`,
        },
        'exists',
      );
    }
    // Pending autosaved edits go in first, so that they never land after (and over) this save.
    this.autosaver.flush(file);
    await format.write(file, checked);
    await this.remember(file, checked.name);
    return { location: file, savedAt: new Date().toISOString() };
  }

  async saveProjectAs(fileName: string, project: Project, options: { overwrite?: boolean } = {}): Promise<SavedProject> {
    let name = requireText(fileName, { en: 'The file name', fr: 'Le nom du fichier' }).trim();
    if (!isPlainFileName(name) || name === '.' || name === '..' || name.startsWith('.')) {
      throw new UserFacingError(
        {
          en: `"${name}" cannot be used as a file name: leave out / \\ : * ? " < > | and do not start it with a dot.`,
          fr: `« ${name} » ne peut pas servir de nom de fichier : évitez / \\ : * ? " < > | et ne le commencez pas par un point.`,
        },
        'bad-name',
      );
    }
    const extensions = projectExtensions(this.formats);
    if (!extensions.includes(path.extname(name).toLowerCase())) name += extensions[0];
    const problem = fileNameProblem(name);
    if (problem) throw new UserFacingError({ en: `${problem.en}. Choose another name.`, fr: `${problem.fr}. Choisissez un autre nom.` }, 'bad-name');
    const file = path.join(await this.projectsDirectory(), name);
    if (!options.overwrite && (await stat(file).catch(() => undefined))) {
      throw new UserFacingError(
        {
          en: `A file called ${name} already exists in the projects folder. Choose another name or confirm that it should be replaced.`,
          fr: `Un fichier nommé ${name} existe déjà dans le dossier des projets. Choisissez un autre nom ou confirmez qu’il doit être remplacé.`,
        },
        'exists',
      );
    }
    return this.saveProject(file, project);
  }

  async autosaveProject(location: string, project: Project): Promise<void> {
    const file = this.resolveLocation(location, await this.projectsDirectory());
    await this.autosaver.schedule(file, withPortableDatasetPath(checkedProject(project), file));
  }

  /** Writes pending autosaves and closes the project file they go to (when the app quits). */
  closeProjectFiles(): void {
    this.autosaver.close();
  }

  async listProjectFiles(): Promise<ProjectFileInfo[]> {
    const directory = await this.projectsDirectory();
    let names: string[];
    try {
      names = await readdir(directory);
    } catch {
      return [];
    }
    const extensions = projectExtensions(this.formats);
    const files: ProjectFileInfo[] = [];
    for (const fileName of names) {
      if (fileName.startsWith('.') || !extensions.includes(path.extname(fileName).toLowerCase())) continue;
      const location = path.join(directory, fileName);
      const info = await stat(location).catch(() => undefined);
      if (!info?.isFile()) continue;
      const entry: ProjectFileInfo = { location, fileName, modifiedAt: info.mtime.toISOString() };
      // Read cheaply, whatever the file's size; without a name, the UI shows the file and the error when it is opened.
      const name = await formatFor(location, this.formats).readName(location);
      if (name !== undefined) entry.name = name;
      files.push(entry);
    }
    return files.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.fileName.localeCompare(b.fileName));
  }

  async setProjectsDirectory(directory: string): Promise<AppInfo> {
    const resolved = path.resolve(requireText(directory, { en: 'The projects folder', fr: 'Le dossier des projets' }));
    const info = await stat(resolved).catch(() => undefined);
    if (!info?.isDirectory()) throw new UserFacingError({ en: `${resolved} is not a folder. Choose an existing folder for your projects.`, fr: `${resolved} n’est pas un dossier. Choisissez un dossier existant pour vos projets.` }, 'not-found');
    await this.settings.update((s) => ({ ...s, projectsDirectory: resolved }));
    return this.getAppInfo();
  }

  async listRecentProjects(): Promise<RecentProject[]> {
    const { recent } = await this.settings.read();
    const present: RecentProject[] = [];
    for (const entry of recent) if (await stat(entry.location).catch(() => undefined)) present.push(entry);
    return present;
  }

  async forgetRecentProject(location: string): Promise<RecentProject[]> {
    await this.settings.update((s) => ({ ...s, recent: s.recent.filter((r) => r.location !== location) }));
    this.recentProjectsChanged.fire();
    return this.listRecentProjects();
  }

  private async remember(location: string, name: string): Promise<void> {
    await this.settings.update((s) => ({
      ...s,
      recent: [{ location, name, openedAt: new Date().toISOString() }, ...s.recent.filter((r) => r.location !== location)].slice(0, RECENT_LIMIT),
    }));
    this.recentProjectsChanged.fire();
  }

  private nativeDialogs(): NativeDialogs {
    if (!this.options.dialogs) throw new UserFacingError(
        { en: 'File dialogs exist only in the desktop app; here, pick a file from the projects folder.', fr: 'Les fenêtres de choix de fichier n’existent que dans l’application de bureau ; ici, choisissez un fichier du dossier des projets.' },
        'no-dialogs',
      );
    return this.options.dialogs;
  }

  async showOpenDialog(): Promise<string | undefined> {
    return this.nativeDialogs().showOpen({ directory: await this.projectsDirectory(), extensions: projectExtensions(this.formats) });
  }

  async showSaveDialog(suggestedName: string): Promise<string | undefined> {
    const dialogs = this.nativeDialogs();
    const extensions = projectExtensions(this.formats);
    let name = typeof suggestedName === 'string' && isPlainFileName(suggestedName.trim()) ? suggestedName.trim() : 'Untitled';
    if (!extensions.includes(path.extname(name).toLowerCase())) name += extensions[0];
    const chosen = await dialogs.showSave({ directory: await this.projectsDirectory(), suggestedName: name, extensions });
    if (chosen === undefined) return undefined;
    return extensions.includes(path.extname(chosen).toLowerCase()) ? chosen : chosen + extensions[0];
  }

  async showFolderDialog(): Promise<string | undefined> {
    return this.nativeDialogs().showFolder({ directory: await this.projectsDirectory() });
  }

  async analyzeGraph(graph: Graph, options: { loss?: string } = {}) {
    let checked: Graph;
    try {
      checked = parseProject({ nodes: graph?.nodes, edges: graph?.edges }).graph;
    } catch (error) {
      if (error instanceof ProjectError) {
        throw new UserFacingError(projectProblemsText(error.problems, { en: 'This graph cannot be analysed', fr: 'Ce graphe ne peut pas être analysé' }), 'project', error.problems);
      }
      throw error;
    }
    return analyzeGraph(checked, typeof options?.loss === 'string' ? { loss: options.loss } : {});
  }

  async listDatasets(): Promise<DatasetInfo[]> {
    return builtinDatasetInfo();
  }

  async previewDataset(ref: DatasetRef, options: { location?: string; inputShape?: Shape } = {}): Promise<DatasetPreview> {
    const parsed = datasetSchema.safeParse(ref);
    if (!parsed.success) throw new UserFacingError(
        { en: 'This data set reference is not valid: choose the data set again in the Data tab.', fr: 'La référence de ce jeu de données n’est pas valide : choisissez à nouveau le jeu de données dans l’onglet Données.' },
        'bad-request',
      );
    const location = typeof options?.location === 'string' && options.location ? options.location : undefined;
    const baseDir = location ? path.dirname(path.resolve(location)) : process.cwd();
    // Loaded on first use: it brings sharp and the MNIST digits.
    const { previewDataset, readCsvColumns } = await import('../data/preview');
    try {
      const inputShape = Array.isArray(options?.inputShape) ? options.inputShape : undefined;
      return await previewDataset(parsed.data, { baseDir, inputShape, onDownload: (progress) => this.downloads.fire(progress) });
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      // A wrong label column is fixed by choosing another: the UI gets the columns to choose from.
      const columns = parsed.data.kind === 'csv' ? await readCsvColumns(path.resolve(baseDir, parsed.data.path)).catch(() => undefined) : undefined;
      throw new UserFacingError(errorTexts(error), 'data', columns ? { columns } : undefined);
    }
  }

  async showDatasetDialog(kind: ImportedDatasetKind, options: { location?: string } = {}): Promise<ImportedDataset | undefined> {
    const dialogs = this.nativeDialogs();
    const directory = typeof options?.location === 'string' && options.location ? path.dirname(path.resolve(options.location)) : await this.projectsDirectory();
    const picked =
      kind === 'csv'
        ? await dialogs.showOpen({ directory, extensions: ['.csv'], filterName: 'CSV tables' })
        : kind === 'cifar'
          ? await dialogs.showOpen({ directory, extensions: ['.gz', '.tgz', '.tar'], filterName: 'CIFAR binary archives' })
          : await dialogs.showFolder({ directory });
    return picked === undefined ? undefined : this.datasetImports.fromPath(kind, picked, options ?? {});
  }

  startDatasetUpload(request: { name: string; kind: ImportedDatasetKind }): Promise<{ uploadId: string }> {
    return this.datasetImports.start(request);
  }

  uploadDatasetFiles(uploadId: string, files: DatasetUploadFile[]): Promise<{ received: number; refused: { file: string; reason: string }[] }> {
    return this.datasetImports.add(uploadId, files);
  }

  finishDatasetUpload(uploadId: string, options: { location?: string } = {}): Promise<ImportedDataset> {
    return this.datasetImports.finish(uploadId, options ?? {});
  }

  async listRunDetails(location: string): Promise<RunDetailsInfo[]> {
    return this.readRuns(location, (store) => store.listRuns().map((run) => {
      const { training, epochMetrics } = store.getRun(run.id);
      return { ...run, training, epochMetrics };
    }));
  }

  async listRuns(location: string): Promise<RunInfo[]> {
    return this.readRuns(location, (store) => store.listRuns());
  }

  async getRunSnapshot(location: string, runId: number): Promise<RunSnapshot> {
    return this.readRuns(location, (store) => runSnapshot(store, runId));
  }

  async compareRuns(location: string, runIds: number[]): Promise<RunComparisonInfo> {
    return this.readRuns(location, (store) => compareTwoRuns(store, runIds));
  }

  async deleteRun(location: string, runId: number): Promise<void> {
    await this.withRunStore(location, { readOnly: false }, (store) => deleteRecordedRun(store, runId));
  }

  async useRunAsBase(request: UseRunAsBaseRequest): Promise<OpenedProject> {
    const base = await this.readRuns(request.location, (store) => recordedBase(store, request.runId, request.upTo));
    const put = (project: Project, targetName: string) => {
      const inserted = insertBase(targetForBase(project, base, targetName), base, { upTo: base.upTo });
      return { project: columnLayout(inserted.project), weights: inserted.weights };
    };
    if (request.target.kind === 'new') {
      const { project, weights } = put(newProjectForBase(base, request.target.name), 'the new project');
      const opened = await this.createProjectFile(project);
      if (!opened.location)
        throw new UserFacingError(
          { en: `A pretrained base keeps its weights only in a ${SQLITE_EXTENSION} project file, which this app cannot write.`, fr: `Une base pré-entraînée ne garde ses poids que dans un fichier de projet ${SQLITE_EXTENSION}, que cette application ne peut pas écrire.` },
          'no-runs',
        );
      await this.withRunStore(opened.location, { readOnly: false }, (store) => store.setPretrained(weights, base.source));
      await this.remember(opened.location, opened.project.name);
      return opened;
    }
    // Edits of the project open in the editor (maybe this one) are written first, so none is lost or written over the base.
    this.autosaver.close();
    const file = this.resolveLocation(request.target.location, await this.projectsDirectory());
    if (path.extname(file).toLowerCase() !== SQLITE_EXTENSION)
      throw new UserFacingError(
        {
          en: `A pretrained base keeps its weights only in a ${SQLITE_EXTENSION} project file; ${path.basename(file)} would keep the graph without them. Choose a ${SQLITE_EXTENSION} project, or a new project.`,
          fr: `Une base pré-entraînée ne garde ses poids que dans un fichier de projet ${SQLITE_EXTENSION} ; ${path.basename(file)} garderait le graphe sans eux. Choisissez un projet ${SQLITE_EXTENSION}, ou un nouveau projet.`,
        },
        'bad-request',
      );
    const target = await formatFor(file, this.formats).read(file);
    const { project, weights } = put(target, `"${target.name}"`);
    await this.saveProject(file, project);
    await this.withRunStore(file, { readOnly: false }, (store) => store.setPretrained(weights, base.source));
    return { project: await formatFor(file, this.formats).read(file), location: file };
  }

  listPretrainedBases(): Promise<PretrainedBaseInfo[]> {
    return this.pretrained.list();
  }

  downloadPretrainedBase(baseId: string): Promise<PretrainedBaseInfo> {
    return this.pretrained.download(baseId);
  }

  async addPretrainedBase(request: { location: string; project: Project; baseId: string }): Promise<AddedPretrainedBase> {
    const project = checkedProject(request.project);
    const file = this.runsFile(request.location, await this.projectsDirectory());
    return this.pretrained.add(request.baseId, project, (next, weights, source) =>
      this.withRunStore(request.location, { readOnly: false }, (store) => {
        store.save(withPortableDatasetPath(next, file), `Pretrained base: ${source}`);
        store.setPretrained(weights, source);
      }),
    );
  }

  /** Reads the runs of a project file, which stays untouched. */
  private readRuns<T>(location: string, read: (store: import('../store/index').ProjectStore) => T): Promise<T> {
    return this.withRunStore(location, { readOnly: true }, read);
  }

  private async withRunStore<T>(location: string, options: { readOnly: boolean }, use: (store: import('../store/index').ProjectStore) => T): Promise<T> {
    const file = this.runsFile(location, await this.projectsDirectory());
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

  private runsFile(location: string, base: string): string {
    const file = this.resolveLocation(location, base);
    if (path.extname(file).toLowerCase() !== SQLITE_EXTENSION) {
      throw new UserFacingError(
        {
          en: `Runs are recorded only in ${SQLITE_EXTENSION} project files; ${path.basename(file)} keeps the graph and settings only. Save the project as ${SQLITE_EXTENSION} to keep its runs.`,
          fr: `Les entraînements ne sont enregistrés que dans les fichiers de projet ${SQLITE_EXTENSION} ; ${path.basename(file)} ne garde que le graphe et les réglages. Enregistrez le projet en ${SQLITE_EXTENSION} pour garder ses entraînements.`,
        },
        'no-runs',
      );
    }
    return file;
  }

  async exportModel(request: ExportRequest): Promise<ExportResult> {
    const checked = checkedProject(request?.project, 'exported');
    if (request.runId === undefined) {
      const analysis = analyzeGraph(checked.graph, { loss: checked.training.loss });
      if (!analysis.valid) {
        const first = analysis.errors[0];
        throw new UserFacingError(
          { en: `The model cannot be exported until its errors are fixed: ${first.message}`, fr: `Le modèle ne peut pas être exporté tant que ses erreurs ne sont pas corrigées : ${first.text.fr}` },
          'invalid-graph',
          analysis.errors,
        );
      }
    }
    return exportModel(request, checked, await this.projectsDirectory(), this.version);
  }

  async startTraining(project: Project, options: TrainingStartOptions = {}): Promise<{ runId: string }> {
    const checked = checkedProject(project, 'trained');
    const analysis = analyzeGraph(checked.graph, { loss: checked.training.loss, memory: { bytes: totalmem(), training: checked.training } });
    if (!analysis.valid) {
      const first = analysis.errors[0];
      throw new UserFacingError(
        {
          en: `The model cannot be trained until its ${analysis.errors.length === 1 ? 'error is' : `${analysis.errors.length} errors are`} fixed: ${first.message}`,
          fr: `Le modèle ne peut pas être entraîné tant que ${analysis.errors.length === 1 ? 'son erreur n’est pas corrigée' : `ses ${analysis.errors.length} erreurs ne sont pas corrigées`} : ${first.text.fr}`,
        },
        'invalid-graph',
        analysis.errors,
      );
    }
    if (!checked.dataset) throw new UserFacingError({ en: 'Choose a data set for the project before training it.', fr: 'Choisissez un jeu de données pour le projet avant de l’entraîner.' }, 'no-dataset');
    return this.training.startTraining(checked, options ?? {}, { python: (await this.settings.read()).python });
  }

  async continueRun(location: string, runId: number): Promise<ContinuedRun> {
    const file = this.runsFile(location, await this.projectsDirectory());
    return this.training.continueRecordedRun(file, checkedRunId(runId));
  }

  pauseTraining(): Promise<void> {
    return this.training.pause();
  }

  resumeTraining(): Promise<void> {
    return this.training.resume();
  }

  stopTraining(): Promise<void> {
    return this.training.stop();
  }

  pageTrainingJob(): Promise<PageTrainingJob> {
    return this.training.page.job();
  }

  pageTrainingData(runId: string, part: number): Promise<{ base64: string }> {
    return this.training.page.data(runId, part);
  }

  reportPageTraining(report: PageTrainingReport): Promise<void> {
    return this.training.page.report(report);
  }

  getTestSamples(request: { actual: number; predicted: number; limit?: number }): Promise<TestSamples> {
    return this.training.testSamples(request);
  }

  predict(values: number[]): Promise<Prediction> {
    return this.training.predict(values);
  }

  getTableInput(): Promise<TableInput | undefined> {
    return this.training.tableInput();
  }

  predictRow(cells: Record<string, string>): Promise<Prediction> {
    return this.training.predictRow(cells);
  }

  async previewAugmentation(request: AugmentationPreviewRequest): Promise<AugmentationPreview> {
    if (!request || typeof request !== 'object') throw new UserFacingError({ en: 'Say which project to preview.', fr: 'Indiquez le projet à prévisualiser.' }, 'bad-request');
    const { project, ...options } = request;
    return this.augmentation.preview(checkedProject(project, 'previewed'), options);
  }

  inspectModel(request: InspectRequest): Promise<ModelInside> {
    return this.training.inspect(request);
  }

  getFilters(request: { nodeId?: string } = {}): Promise<ConvFilters> {
    return this.training.filters(request ?? {});
  }

  async loadRunModel(request: { location: string; runId: number; checkpoint?: 'best' | 'last' }): Promise<ModelInUse> {
    return this.training.loadRunModel(request, await this.projectsDirectory());
  }

  getModelInUse(): Promise<ModelInUse | undefined> {
    return this.training.modelInUse();
  }

  getConfidentMistakes(request?: { limit?: number }): Promise<Mistakes> {
    return this.training.mistakes(request);
  }
}
