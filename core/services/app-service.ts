// The app area of the API: what the app is and runs on (host, backend, training engines, the
// Python setting) and the example projects.
import {
  UserFacingError,
  type AppApi,
  type AppInfo,
  type BackendInfo,
  type ExampleSummary,
  type OpenedProject,
  type PythonEngineInfo,
  type TrainingEngines,
} from '../api/contract';
import { problem } from '../i18n/catalogue';
import { appInfo, type ServiceContext, type ServiceOptions } from './service-context';

async function detectBackendOnce(): Promise<BackendInfo> {
  const { selectBackend } = await import('../train/backend/index');
  const choice = await selectBackend();
  return { backend: choice.backend, device: choice.device, fallbacks: choice.fallbacks };
}

async function findPythonEngine(options: { python?: string }): Promise<PythonEngineInfo> {
  const { findPythonEngine: find } = await import('../train/pytorch/index');
  return find(options);
}

export class AppService implements AppApi {
  #backend?: Promise<BackendInfo>;

  constructor(
    private readonly context: ServiceContext,
    private readonly engines: Pick<ServiceOptions, 'detectBackend' | 'findPython'> = {},
  ) {}

  getAppInfo(): Promise<AppInfo> {
    return appInfo(this.context);
  }

  getBackendInfo(): Promise<BackendInfo> {
    this.#backend ??= (this.engines.detectBackend ?? detectBackendOnce)();
    // A failed detection is retried on the next call rather than cached.
    this.#backend.catch(() => (this.#backend = undefined));
    return this.#backend;
  }

  async getTrainingEngines(options: { python?: string } = {}): Promise<TrainingEngines> {
    const asked =
      options && typeof options === 'object' && typeof options.python === 'string' && options.python.trim()
        ? options.python.trim()
        : undefined;
    const { python: pythonSetting } = await this.context.settings.read();
    const [tfjs, pytorch] = await Promise.all([
      this.getBackendInfo(),
      (this.engines.findPython ?? findPythonEngine)({ python: asked ?? pythonSetting }),
    ]);
    return { tfjs, pytorch, ...(pythonSetting ? { pythonSetting } : {}) };
  }

  async setPythonPath(python: string): Promise<TrainingEngines> {
    if (typeof python !== 'string' || python.length > 4096) throw new UserFacingError(problem('api:pythonSetting', {}), 'bad-request');
    const trimmed = python.trim();
    await this.context.settings.update((s) => ({ ...s, python: trimmed || undefined }));
    // Torch may have been installed since it was last looked for.
    if (!this.engines.findPython) (await import('../train/pytorch/index')).clearPythonEngineCache();
    return this.getTrainingEngines();
  }

  listExamples(): Promise<ExampleSummary[]> {
    return this.context.examples.list();
  }

  async openExample(id: string): Promise<OpenedProject> {
    return { project: await this.context.examples.read(id) };
  }
}
