// Autosave of the project open in the editor, when it lives in a SQLite project file: the UI sends
// every edit, the project file's own debounce writes it within about a second.
import path from 'node:path';
import { UserFacingError, type AutosaveUpdate } from '../api/contract';
import { problem, type Problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import type { ProjectStore } from '../store/index';
import { Emitter } from './emitter';
import { asUserFacing, SQLITE_EXTENSION } from './sqlite-project-format';

export interface AutosaverOptions {
  /** Wait after the last edit, and the longest an edit stays unsaved (defaults: the store's, 400 and 1000 ms). */
  delayMs?: number;
  maxWaitMs?: number;
  /** Called on each project file opened for autosave (tests use it to simulate a full disk). */
  onOpen?: (store: ProjectStore) => void;
}

/** Keeps the one project file being edited open and autosaves edits into it. */
function autosaveFailure(location: string, error: unknown): Problem {
  return problem('project:autosaveFailed', { file: path.basename(location), reason: errorProblem(error) });
}

export class ProjectAutosaver {
  readonly updates = new Emitter<AutosaveUpdate>();
  private current?: { location: string; store: ProjectStore; stopListening: () => void };
  private storeModule?: Promise<typeof import('../store/index')>;

  constructor(private readonly options: AutosaverOptions = {}) {}

  /** Schedules `project` to be written to `location`; throws at once when the file cannot take it. */
  async schedule(location: string, project: Project): Promise<void> {
    if (path.extname(location).toLowerCase() !== SQLITE_EXTENSION)
      throw new UserFacingError(
        problem('project:notAutosaved', { file: path.basename(location), extension: SQLITE_EXTENSION }),
        'no-autosave',
      );
    const store = await this.storeFor(location);
    try {
      store.scheduleAutosave(project);
    } catch (error) {
      throw asUserFacing(error);
    }
  }

  /** Writes the pending edits of `location` now, e.g. before the file is saved through another connection. */
  flush(location: string): void {
    if (this.current?.location !== location) return;
    try {
      this.current.store.flushAutosave();
    } catch {
      // Reported through `updates`; the explicit save that follows reports its own failure.
    }
  }

  /** Writes pending edits and closes the file. */
  close(): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    try {
      current.store.close();
    } catch {
      // The failed write was reported through `updates` before the listener is removed below.
    } finally {
      current.stopListening();
    }
  }

  private async storeFor(location: string): Promise<ProjectStore> {
    if (this.current?.location === location) return this.current.store;
    const { ProjectStore } = await (this.storeModule ??= import('../store/index'));
    // Another call may have opened it while the module loaded.
    if (this.current?.location === location) return this.current.store;
    this.close();
    let store: ProjectStore;
    try {
      store = ProjectStore.open(location, { autosaveDelayMs: this.options.delayMs, autosaveMaxWaitMs: this.options.maxWaitMs });
    } catch (error) {
      throw asUserFacing(error);
    }
    if (store.readOnly) {
      const reason = store.readOnlyProblem;
      store.close();
      const file = path.basename(location);
      throw new UserFacingError(
        reason ? problem('project:readOnly', { context: 'why', file, reason }) : problem('project:readOnly', { file }),
        'store-read-only',
      );
    }
    const stopListening = store.onAutosave((event) =>
      this.updates.fire(
        event.error ? { location, error: autosaveFailure(location, event.error) } : { location, savedAt: event.version?.createdAt },
      ),
    );
    this.current = { location, store, stopListening };
    this.options.onOpen?.(store);
    return store;
  }
}
