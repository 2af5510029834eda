// The projects area of the API: new, opened, imported and uploaded projects, saving and
// autosaving, the projects folder, the recent projects, and the native file dialogs.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  UserFacingError,
  type AppInfo,
  type ImportedNetwork,
  type NetworkBaseTarget,
  type NetworkPreview,
  type NetworkSource,
  type OpenedProject,
  type ProjectFileInfo,
  type ProjectsApi,
  type RecentProject,
  type SavedProject,
} from '../api/contract';
import { problem } from '../i18n/catalogue';
import { fileNameIssue } from '../model/file-names';
import { parseProject, parseProjectText, ProjectError } from '../model/project-io';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from '../model/project';
import { MAX_PROJECT_JSON_BYTES } from '../store/regular-file';
import { withPortableDatasetPath } from './dataset-import';
import { NetworkImports } from './network-import';
import { checkedProject, createProjectFile, requireText, resolveLocation, saveProjectFile } from './project-access';
import { formatFor, projectExtensions } from './project-files';
import { ProjectUploads } from './project-upload';
import { appInfo, type ServiceContext } from './service-context';
import { SQLITE_EXTENSION } from './sqlite-project-format';

const FORBIDDEN_IN_NAMES = /[/\\:*?"<>|]/;

function isPlainFileName(name: string): boolean {
  return name.length > 0 && name.length <= 200 && !FORBIDDEN_IN_NAMES.test(name) && ![...name].some((c) => c.charCodeAt(0) < 32);
}

export class ProjectsService implements ProjectsApi {
  readonly #uploads: ProjectUploads;
  readonly #networks: NetworkImports;

  constructor(private readonly context: ServiceContext) {
    this.#uploads = new ProjectUploads(
      () => context.projectsDirectory(),
      (file) => formatFor(file, context.formats).read(file),
    );
    this.#networks = new NetworkImports(
      () => context.projectsDirectory(),
      (location) => this.openProject(location),
      (location) => context.autosaver.flush(location),
    );
  }

  async newProject(options: { name?: string; fromExample?: string } = {}): Promise<OpenedProject> {
    const name = options.name?.trim();
    let project: Project;
    if (options.fromExample !== undefined) {
      const example = await this.context.examples.read(options.fromExample);
      project = name ? { ...example, name } : example;
    } else
      project = parseProject({
        format: PROJECT_FORMAT,
        version: PROJECT_VERSION,
        name: name || 'Untitled',
        graph: { nodes: [], edges: [] },
      });
    return createProjectFile(this.context, project);
  }

  async openProject(location: string): Promise<OpenedProject> {
    const file = resolveLocation(location, await this.context.projectsDirectory());
    const project = await formatFor(file, this.context.formats).read(file);
    // The file edited before gets its last edits and is let go.
    this.context.autosaver.close();
    await this.context.recent.remember(file, project.name);
    return { project, location: file };
  }

  async importProject(text: string): Promise<OpenedProject> {
    requireText(text, 'text');
    if (Buffer.byteLength(text) > MAX_PROJECT_JSON_BYTES)
      throw new UserFacingError(problem('project:textTooLarge', { megabytes: MAX_PROJECT_JSON_BYTES / 1024 / 1024 }), 'too-large');
    let project: Project;
    try {
      project = parseProjectText(text);
    } catch (error) {
      if (error instanceof ProjectError) throw new UserFacingError(error.problem, 'project', error.problems);
      throw error;
    }
    // Imported JSON becomes a project file of its own, which keeps the runs trained from it.
    return createProjectFile(this.context, project);
  }

  startProjectUpload(request: { fileName: string }): Promise<{ uploadId: string }> {
    return this.#uploads.start(request);
  }

  uploadProjectPart(uploadId: string, base64: string): Promise<{ received: number }> {
    return this.#uploads.add(uploadId, base64);
  }

  async finishProjectUpload(uploadId: string): Promise<OpenedProject> {
    return this.openProject(await this.#uploads.finish(uploadId));
  }

  importNetwork(source: NetworkSource, into?: NetworkBaseTarget): Promise<ImportedNetwork> {
    return this.#networks.importNetwork(source, into ? { ...into, project: checkedProject(into.project) } : undefined);
  }

  readNetwork(source: NetworkSource): Promise<NetworkPreview> {
    return this.#networks.readNetwork(source);
  }

  discardNetworkUpload(uploadId: string): Promise<void> {
    return this.#networks.discardUpload(uploadId);
  }

  startNetworkUpload(request: { fileName: string }): Promise<{ uploadId: string }> {
    return this.#networks.startUpload(request);
  }

  uploadNetworkPart(uploadId: string, base64: string): Promise<{ received: number }> {
    return this.#networks.addPart(uploadId, base64);
  }

  async showNetworkDialog(): Promise<string | undefined> {
    const { networkExtensions } = await import('../import/import-network');
    return this.context.dialogs().showOpen({
      directory: await this.context.projectsDirectory(),
      extensions: networkExtensions().map((e) => e.replace(/^\./, '')),
      filterName: 'Networks',
    });
  }

  saveProject(location: string, project: Project): Promise<SavedProject> {
    return saveProjectFile(this.context, location, project);
  }

  async saveProjectAs(fileName: string, project: Project, options: { overwrite?: boolean } = {}): Promise<SavedProject> {
    let name = requireText(fileName, 'fileName').trim();
    if (!isPlainFileName(name) || name === '.' || name === '..' || name.startsWith('.')) {
      throw new UserFacingError(problem('project:unusableFileName', { name }), 'bad-name');
    }
    const extensions = projectExtensions(this.context.formats);
    if (!extensions.includes(path.extname(name).toLowerCase())) name += extensions[0];
    const reason = fileNameIssue(name);
    if (reason) throw new UserFacingError(problem('project:badName', { reason }), 'bad-name');
    const file = path.join(await this.context.projectsDirectory(), name);
    if (!options.overwrite && (await stat(file).catch(() => undefined))) {
      throw new UserFacingError(problem('project:fileExists', { name }), 'exists');
    }
    return saveProjectFile(this.context, file, project);
  }

  async autosaveProject(location: string, project: Project): Promise<void> {
    const file = resolveLocation(location, await this.context.projectsDirectory());
    await this.context.autosaver.schedule(file, withPortableDatasetPath(checkedProject(project), file));
  }

  async listProjectFiles(): Promise<ProjectFileInfo[]> {
    const directory = await this.context.projectsDirectory();
    let names: string[];
    try {
      names = await readdir(directory);
    } catch {
      return [];
    }
    const extensions = projectExtensions(this.context.formats);
    const files: ProjectFileInfo[] = [];
    for (const fileName of names) {
      if (fileName.startsWith('.') || !extensions.includes(path.extname(fileName).toLowerCase())) continue;
      const location = path.join(directory, fileName);
      const info = await stat(location).catch(() => undefined);
      if (!info?.isFile()) continue;
      const entry: ProjectFileInfo = { location, fileName, modifiedAt: info.mtime.toISOString() };
      // Read cheaply, whatever the file's size; without a name, the UI shows the file and the error when it is opened.
      const name = await formatFor(location, this.context.formats).readName(location);
      if (name !== undefined) entry.name = name;
      files.push(entry);
    }
    return files.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || a.fileName.localeCompare(b.fileName));
  }

  async setProjectsDirectory(directory: string): Promise<AppInfo> {
    const resolved = path.resolve(requireText(directory, 'folder'));
    const info = await stat(resolved).catch(() => undefined);
    if (!info?.isDirectory()) throw new UserFacingError(problem('project:notAFolder', { folder: resolved }), 'not-found');
    await this.context.settings.update((s) => ({ ...s, projectsDirectory: resolved }));
    return appInfo(this.context);
  }

  listRecentProjects(): Promise<RecentProject[]> {
    return this.context.recent.list();
  }

  async forgetRecentProject(location: string): Promise<RecentProject[]> {
    await this.context.recent.forget(location);
    return this.context.recent.list();
  }

  async showOpenDialog(options?: { weights?: boolean }): Promise<string | undefined> {
    const extensions = options?.weights ? [SQLITE_EXTENSION] : projectExtensions(this.context.formats);
    return this.context.dialogs().showOpen({ directory: await this.context.projectsDirectory(), extensions });
  }

  async showSaveDialog(suggestedName: string): Promise<string | undefined> {
    const dialogs = this.context.dialogs();
    const extensions = projectExtensions(this.context.formats);
    let name = typeof suggestedName === 'string' && isPlainFileName(suggestedName.trim()) ? suggestedName.trim() : 'Untitled';
    if (!extensions.includes(path.extname(name).toLowerCase())) name += extensions[0];
    const chosen = await dialogs.showSave({ directory: await this.context.projectsDirectory(), suggestedName: name, extensions });
    if (chosen === undefined) return undefined;
    return extensions.includes(path.extname(chosen).toLowerCase()) ? chosen : chosen + extensions[0];
  }

  async showFolderDialog(): Promise<string | undefined> {
    return this.context.dialogs().showFolder({ directory: await this.context.projectsDirectory() });
  }
}
