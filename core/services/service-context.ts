// What the API's areas share, handed to each of them explicitly: the host's options, the settings
// file, the projects folder, the recent projects, the native dialogs, the project autosaver, the
// training runner and the emitters behind the API's events. Built once per NeuroblocksService.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import path from 'node:path';
import {
  UserFacingError,
  type AppInfo,
  type BackendInfo,
  type DownloadProgress,
  type HostKind,
  type MenuCommand,
  type PythonEngineInfo,
  type RecentProject,
} from '../api/contract';
import { problem } from '../i18n/catalogue';
import { PretrainedCache } from '../catalogue/cache';
import { defaultConfigDir, defaultProjectsDir } from '../user-folders';
import { ProjectAutosaver } from './autosave';
import { RECENT_LIMIT, SettingsFile } from './config';
import { Emitter } from './emitter';
import { ExampleLibrary } from './examples';
import { projectExtensions, projectFormats, type ProjectFileFormat } from './project-files';
import { PretrainedBases } from './pretrained-bases';
import { TrainingRunner } from './training';

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

/** The recent projects list of the settings file; `changed` fires after each change (the desktop app rebuilds File › Open Recent). */
export class RecentProjects {
  readonly changed = new Emitter<void>();

  constructor(private readonly settings: SettingsFile) {}

  /** The entries whose file is still there, the most recent first. */
  async list(): Promise<RecentProject[]> {
    const { recent } = await this.settings.read();
    const present: RecentProject[] = [];
    for (const entry of recent) if (await stat(entry.location).catch(() => undefined)) present.push(entry);
    return present;
  }

  async remember(location: string, name: string): Promise<void> {
    await this.settings.update((s) => ({
      ...s,
      recent: [{ location, name, openedAt: new Date().toISOString() }, ...s.recent.filter((r) => r.location !== location)].slice(
        0,
        RECENT_LIMIT,
      ),
    }));
    this.changed.fire();
  }

  async forget(location: string): Promise<void> {
    await this.settings.update((s) => ({ ...s, recent: s.recent.filter((r) => r.location !== location) }));
    this.changed.fire();
  }
}

export interface ServiceContext {
  readonly host: HostKind;
  readonly version: string;
  readonly formats: readonly ProjectFileFormat[];
  readonly settings: SettingsFile;
  readonly recent: RecentProjects;
  readonly examples: ExampleLibrary;
  readonly autosaver: ProjectAutosaver;
  readonly training: TrainingRunner;
  readonly pretrained: PretrainedBases;
  /** What the API's events deliver that no part above fires itself. */
  readonly emitters: { readonly menu: Emitter<MenuCommand>; readonly downloads: Emitter<DownloadProgress> };
  /** True on the desktop host, which has native file dialogs. */
  readonly hasDialogs: boolean;
  /** The host's native dialogs, or an error saying that this host has none. */
  dialogs(): NativeDialogs;
  /** The folder chosen in the settings, or the default one. */
  projectsDirectory(): Promise<string>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createServiceContext(options: ServiceOptions): ServiceContext {
  const configDir = options.configDir ?? defaultConfigDir();
  const settings = new SettingsFile(path.join(configDir, 'settings.json'));
  const fallbackProjectsDir = options.projectsDir ?? defaultProjectsDir();
  const dialogs = options.dialogs;
  return {
    host: options.host,
    version: options.version ?? packageVersion(),
    formats: options.formats ?? projectFormats,
    settings,
    recent: new RecentProjects(settings),
    examples: new ExampleLibrary(options.examplesDir),
    autosaver: options.autosaver ?? new ProjectAutosaver(),
    training: options.training ?? new TrainingRunner(),
    // Pretrained bases' weights files: in the user data folder, shared by every project.
    pretrained: new PretrainedBases(new PretrainedCache(path.join(configDir, 'pretrained'))),
    emitters: { menu: new Emitter<MenuCommand>(), downloads: new Emitter<DownloadProgress>() },
    hasDialogs: Boolean(dialogs),
    dialogs() {
      if (!dialogs) throw new UserFacingError(problem('project:noDialogs', {}), 'no-dialogs');
      return dialogs;
    },
    async projectsDirectory() {
      return (await settings.read()).projectsDirectory ?? fallbackProjectsDir;
    },
  };
}

/** What getAppInfo answers; setProjectsDirectory answers it too, with the new folder. */
export async function appInfo(context: ServiceContext): Promise<AppInfo> {
  return {
    name: 'Neuroblocks',
    version: context.version,
    host: context.host,
    nativeDialogs: context.hasDialogs,
    projectsDirectory: await context.projectsDirectory(),
    projectExtensions: projectExtensions(context.formats),
    networkExtensions: (await import('../import/import-network')).networkExtensions(),
    platform: process.platform,
    memoryBytes: totalmem(),
  };
}
