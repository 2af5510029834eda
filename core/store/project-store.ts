import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { problem, type Problem } from '../i18n/catalogue';
import type { Project } from '../model/project';
import { parseProject, parseProjectText, ProjectError, serializeProject } from '../model/project-io';
import { appVersion } from './app-version';
import { compareRuns, type RunComparison } from './compare';
import { errorProblem } from '../model/localized';
import { StoreError, writeError, type WriteAction } from './errors';
import { inspectProjectFile } from './inspect';
import { migrate } from './migrations';
import {
  configureConnection,
  createProjectFile,
  moveIntoPlace,
  projectHash,
  removeDatabaseFiles,
  restoreSideFiles,
  siblingTempPath,
  sideFiles,
  type CreateOptions,
  type SideFiles,
} from './project-file';
import * as pretrained from './pretrained';
import type { PretrainedInfo } from './pretrained';
import type { NamedWeight } from './weights';
import * as runs from './runs';
import { limits, SCHEMA_VERSION, type RunStatus, type VersionKind } from './schema';
import type {
  CheckpointInput,
  DatasetInput,
  DatasetRecord,
  EpochMetrics,
  EvaluationInput,
  ExportInput,
  ExportRecord,
  GraphVersion,
  LoadedCheckpoint,
  ResumePoint,
  RunDetails,
  RunStart,
  RunSummary,
} from './types';

export interface OpenOptions {
  /** Open without ever writing (also chosen automatically when the file or its folder cannot be written). */
  readOnly?: boolean;
  /** Autosave waits this long after the last edit… */
  autosaveDelayMs?: number;
  /** …but never longer than this after the first unsaved edit. */
  autosaveMaxWaitMs?: number;
}

export interface AutosaveEvent {
  version?: GraphVersion;
  error?: Error;
}

/** Autosaves younger than this replace the previous autosave instead of adding a version. */
const AUTOSAVE_COALESCE_MS = 5 * 60 * 1000;

function checkWritable(path: string): Problem | undefined {
  try {
    // A file marked read-only (no write permission for anyone) stays so even for a user who could write through it (root).
    if ((statSync(path).mode & 0o222) === 0) return problem('store:notWritable', { path });
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return undefined;
  } catch {
    return problem('store:notWritable', { path });
  }
}

/** A stored project, named for the messages: the current one, or a version (`{ what: 'version', id }`). */
type StoredProject = { what: 'currentProject' } | { what: 'version'; id: number };

function readStoredProject(text: unknown, what: StoredProject): Project {
  if (typeof text !== 'string') throw new StoreError('damaged', problem('store:storedMissing', what));
  if (text.length > limits.jsonBytes) throw new StoreError('too-large', problem('store:storedTooLarge', what));
  try {
    return parseProjectText(text);
  } catch (error) {
    if (error instanceof ProjectError)
      throw new StoreError('damaged', problem('store:storedProjectUnreadable', { ...what, reason: errorProblem(error) }), {
        cause: error,
      });
    throw error;
  }
}

/**
 * One open project file: its current graph and settings, their saved versions, and the history of
 * training runs. Every write is one SQLite transaction; a failed write leaves the file as it was.
 */
export class ProjectStore {
  private db: Database.Database;
  private currentPath: string;
  private closed = false;
  private pendingAutosave?: Project;
  private pendingSince?: number;
  private autosaveTimer?: ReturnType<typeof setTimeout>;
  private readonly autosaveListeners = new Set<(event: AutosaveEvent) => void>();
  /** Runs marked interrupted when this file was opened. */
  readonly interruptedOnOpen: number[];
  private access: { readOnly: boolean; reason?: Problem };
  /** The log files beside a file opened read-only, as they were before, to put the folder back as it was on close. */
  private sideFilesBefore?: SideFiles;

  private constructor(
    path: string,
    db: Database.Database,
    readOnly: boolean,
    readOnlyReason: Problem | undefined,
    interrupted: number[],
    private readonly options: OpenOptions,
  ) {
    this.currentPath = path;
    this.db = db;
    this.access = { readOnly, reason: readOnlyReason };
    this.interruptedOnOpen = interrupted;
  }

  /** Creates a project file from a project (or project JSON as parsed) and opens it. */
  static create(path: string, project: unknown, options: OpenOptions & CreateOptions = {}): ProjectStore {
    createProjectFile(path, parseProject(project), options);
    return ProjectStore.open(path, options);
  }

  /**
   * Opens a project file after checking it through a read-only connection (see inspect.ts), then
   * brings an older file up to date and marks runs cut short by a crash as interrupted.
   */
  static open(path: string, options: OpenOptions = {}): ProjectStore {
    const before = sideFiles(path);
    const facts = inspectProjectFile(path);
    const notWritable = options.readOnly ? undefined : checkWritable(path);
    const readOnly = Boolean(options.readOnly || notWritable);
    if (readOnly && facts.schemaVersion < SCHEMA_VERSION) throw new StoreError('read-only', problem('store:olderNeedsWrite', { path }));
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: readOnly, fileMustExist: true, timeout: 5000 });
    } catch (error) {
      throw writeError(error, { action: 'open' }, path);
    }
    try {
      configureConnection(db, !readOnly);
      let interrupted: number[] = [];
      if (!readOnly) {
        migrate(db);
        const anyRunning = db.prepare("SELECT 1 FROM runs WHERE status = 'running' LIMIT 1").pluck().get() !== undefined;
        if (anyRunning) interrupted = db.transaction(() => runs.markInterrupted(db)).immediate();
      }
      const store = new ProjectStore(path, db, readOnly, notWritable, interrupted, options);
      if (readOnly) store.sideFilesBefore = before;
      return store;
    } catch (error) {
      db.close();
      if (readOnly) restoreSideFiles(path, before, false);
      throw writeError(error, { action: 'open' }, path);
    }
  }

  get path(): string {
    return this.currentPath;
  }

  /** True when this file is open without write access (asked for, or the file or its folder is write-protected). */
  get readOnly(): boolean {
    return this.access.readOnly;
  }

  /** Why the file was opened read-only, when it was not asked for, as a problem of the catalogue (`store:notWritable`). */
  get readOnlyProblem(): Problem | undefined {
    return this.access.reason;
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('closed', problem('store:closed', { path: this.currentPath }));
  }

  private write<T>(action: WriteAction, fn: () => T): T {
    this.assertOpen();
    if (this.readOnly) {
      const reason = this.access.reason;
      throw new StoreError(
        'read-only',
        problem('store:openReadOnly', { ...action, path: this.currentPath, ...(reason ? { reason, context: 'reason' } : {}) }),
      );
    }
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      throw writeError(error, action, this.currentPath);
    }
  }

  private read<T>(fn: () => T): T {
    this.assertOpen();
    return this.db.transaction(fn).deferred();
  }

  // ── The project and its versions ──────────────────────────────────────────────────────────────

  /** The current project (graph, training settings, data set). */
  project(): Project {
    return this.read(() =>
      readStoredProject(this.db.prepare('SELECT project FROM project WHERE id = 1').pluck().get(), { what: 'currentProject' }),
    );
  }

  private insertVersion(project: Project, kind: VersionKind, message?: string): GraphVersion {
    const text = serializeProject(project);
    if (text.length > limits.jsonBytes)
      throw new StoreError('too-large', problem('store:projectTooLarge', { bytes: text.length, max: limits.jsonBytes }));
    const hash = projectHash(project);
    const now = new Date().toISOString();
    const id = Number(
      this.db
        .prepare('INSERT INTO graph_versions (created_at, kind, message, project, hash) VALUES (?, ?, ?, ?, ?)')
        .run(now, kind, message ?? null, text, hash).lastInsertRowid,
    );
    this.db
      .prepare('UPDATE project SET name = ?, project = ?, hash = ?, current_version_id = ?, updated_at = ? WHERE id = 1')
      .run(project.name, text, hash, id, now);
    return { id, createdAt: now, kind, message, name: project.name, hash };
  }

  /** Saves `project` (default: the current one) as an explicit version, with an optional message. */
  save(project?: unknown, message?: string): GraphVersion {
    this.cancelAutosave();
    const toSave = project === undefined ? this.project() : parseProject(project);
    const version = this.write({ action: 'save' }, () => this.insertVersion(toSave, 'explicit', message));
    this.checkpointLog();
    return version;
  }

  /**
   * Saves graph edits within about a second: each call restarts a short wait, but an edit is never
   * kept unsaved longer than `autosaveMaxWaitMs` (default 1000 ms) even while edits keep coming.
   */
  scheduleAutosave(project: Project): void {
    this.assertOpen();
    if (this.readOnly) {
      throw new StoreError('read-only', problem('store:autosaveReadOnly', { path: this.currentPath }));
    }
    const delay = this.options.autosaveDelayMs ?? 400;
    const maxWait = this.options.autosaveMaxWaitMs ?? 1000;
    const now = Date.now();
    this.pendingAutosave = project;
    this.pendingSince ??= now;
    if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
    const due = Math.min(now + delay, this.pendingSince + maxWait);
    this.autosaveTimer = setTimeout(
      () => {
        try {
          this.flushAutosave();
        } catch {
          // Reported to onAutosave listeners.
        }
      },
      Math.max(0, due - now),
    );
  }

  /** Writes a pending autosave now. Returns the version written, if the project had changed. */
  flushAutosave(): GraphVersion | undefined {
    const project = this.pendingAutosave;
    this.cancelAutosave();
    if (!project) return undefined;
    try {
      const parsed = parseProject(project);
      const version = this.write({ action: 'autosave' }, () => this.applyAutosave(parsed));
      if (version) this.emitAutosave({ version });
      return version;
    } catch (error) {
      this.emitAutosave({ error: error as Error });
      throw error;
    }
  }

  /** Listens to autosaves and their failures (e.g. disk full). Returns a function that stops listening. */
  onAutosave(listener: (event: AutosaveEvent) => void): () => void {
    this.autosaveListeners.add(listener);
    return () => this.autosaveListeners.delete(listener);
  }

  /** True while an edit waits to be autosaved. */
  get hasPendingAutosave(): boolean {
    return this.pendingAutosave !== undefined;
  }

  private emitAutosave(event: AutosaveEvent): void {
    for (const listener of this.autosaveListeners) listener(event);
  }

  private cancelAutosave(): void {
    if (this.autosaveTimer) clearTimeout(this.autosaveTimer);
    this.autosaveTimer = undefined;
    this.pendingAutosave = undefined;
    this.pendingSince = undefined;
  }

  private applyAutosave(project: Project): GraphVersion | undefined {
    const hash = projectHash(project);
    const current = this.db.prepare('SELECT hash, current_version_id FROM project WHERE id = 1').get() as {
      hash: string;
      current_version_id: number;
    };
    if (current.hash === hash) return undefined;
    // Keep one autosave per few minutes of editing: replace the newest version when it is an
    // autosave that is current, recent, and not the graph of any run.
    const latest = this.db.prepare('SELECT id, kind, created_at FROM graph_versions ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      kind: string;
      created_at: string;
    };
    const usedByRun = this.db.prepare('SELECT 1 FROM runs WHERE graph_version_id = ? LIMIT 1').pluck().get(latest.id) !== undefined;
    if (
      latest.kind === 'autosave' &&
      latest.id === current.current_version_id &&
      !usedByRun &&
      Date.now() - Date.parse(latest.created_at) < AUTOSAVE_COALESCE_MS
    ) {
      const text = serializeProject(project);
      const now = new Date().toISOString();
      this.db.prepare('UPDATE graph_versions SET project = ?, hash = ?, created_at = ? WHERE id = ?').run(text, hash, now, latest.id);
      this.db.prepare('UPDATE project SET name = ?, project = ?, hash = ?, updated_at = ? WHERE id = 1').run(project.name, text, hash, now);
      return { id: latest.id, createdAt: now, kind: 'autosave', name: project.name, hash };
    }
    return this.insertVersion(project, 'autosave');
  }

  /** Saved versions of the graph and settings, newest first. */
  listVersions(): GraphVersion[] {
    const rows = this.read(
      () =>
        this.db
          .prepare(
            "SELECT id, created_at, kind, message, json_extract(project, '$.name') AS name, hash FROM graph_versions ORDER BY id DESC",
          )
          .all() as Record<string, unknown>[],
    );
    return rows.map((r) => ({
      id: r.id as number,
      createdAt: r.created_at as string,
      kind: r.kind as VersionKind,
      message: (r.message as string | null) ?? undefined,
      name: String(r.name ?? ''),
      hash: r.hash as string,
    }));
  }

  getVersion(id: number): Project {
    const text = this.read(() => this.db.prepare('SELECT project FROM graph_versions WHERE id = ?').pluck().get(id));
    if (text === undefined) throw new StoreError('not-found-in-file', problem('store:versionNotFound', { id }));
    return readStoredProject(text, { what: 'version', id });
  }

  /** Makes an older version current again, as a new version (so the restore itself can be undone). */
  restoreVersion(id: number): Project {
    this.cancelAutosave();
    const project = this.getVersion(id);
    this.write({ action: 'restore' }, () => this.insertVersion(project, 'restored', `Restored version ${id}`));
    return project;
  }

  /** The current graph and settings as project JSON (no weights, no runs), for sharing and diffing. */
  exportProjectJson(): string {
    this.flushAutosaveQuietly();
    return serializeProject(this.project());
  }

  /** Replaces the current graph and settings with project JSON; the previous ones stay as a version. */
  importProjectJson(json: string | unknown, message?: string): Project {
    const project = typeof json === 'string' ? parseProjectText(json) : parseProject(json);
    this.cancelAutosave();
    this.write({ action: 'import' }, () => this.insertVersion(project, 'imported', message));
    return project;
  }

  private flushAutosaveQuietly(): void {
    if (!this.pendingAutosave) return;
    try {
      this.flushAutosave();
    } catch {
      // Reported to onAutosave listeners; the caller goes on with what is saved.
    }
  }

  // ── Data sets ────────────────────────────────────────────────────────────────────────────────

  addDataset(input: DatasetInput): DatasetRecord {
    const id = this.write({ action: 'recordDataset' }, () => runs.addDataset(this.db, input));
    return this.read(() => runs.getDataset(this.db, id)) as DatasetRecord;
  }

  listDatasets(): DatasetRecord[] {
    return this.read(() => runs.listDatasets(this.db));
  }

  getEmbeddedDataset(id: number): Buffer | undefined {
    return this.read(() => runs.getEmbeddedDataset(this.db, id));
  }

  // ── Pretrained weights ───────────────────────────────────────────────────────────────────────

  /** Keeps weights training starts from for some blocks (named `block/weight`), replacing those of the same names. */
  setPretrained(weights: readonly NamedWeight[], source: string): void {
    this.assertOpen();
    this.write({ action: 'keepPretrained' }, () => pretrained.storePretrained(this.db, weights, source));
  }

  /** The pretrained weights, checked against their checksums. */
  pretrained(): NamedWeight[] {
    return this.read(() => pretrained.readPretrained(this.db));
  }

  /** Which pretrained weights the project keeps, without reading them. */
  listPretrained(): PretrainedInfo[] {
    return this.read(() => pretrained.listPretrained(this.db));
  }

  /** Forgets the pretrained weights of these blocks (of every block when none are given): they start from random weights again. */
  deletePretrained(blocks?: readonly string[]): void {
    this.write({ action: 'removePretrained' }, () => pretrained.deletePretrained(this.db, blocks));
  }

  // ── Runs ─────────────────────────────────────────────────────────────────────────────────────

  /**
   * Starts recording a run with a full snapshot of what produced it. The graph is recorded as a
   * version (the current one when it matches, otherwise a new version of kind "run").
   */
  startRun(start: RunStart): number {
    this.flushAutosaveQuietly();
    const project = parseProject(start.project);
    const hash = projectHash(project);
    return this.write({ action: 'startRun' }, () => {
      const current = this.db.prepare('SELECT hash, current_version_id FROM project WHERE id = 1').get() as {
        hash: string;
        current_version_id: number;
      };
      let versionId =
        current.hash === hash
          ? current.current_version_id
          : (this.db.prepare('SELECT max(id) FROM graph_versions WHERE hash = ?').pluck().get(hash) as number | null);
      if (versionId === null) {
        const text = serializeProject(project);
        versionId = Number(
          this.db
            .prepare("INSERT INTO graph_versions (created_at, kind, message, project, hash) VALUES (?, 'run', ?, ?, ?)")
            .run(new Date().toISOString(), 'Graph as trained', text, hash).lastInsertRowid,
        );
      }
      const datasetId = start.dataset ? runs.addDataset(this.db, start.dataset) : undefined;
      return runs.insertRun(this.db, {
        graphVersionId: versionId,
        training: project.training,
        datasetId,
        datasetHash: start.dataset?.contentHash,
        backend: start.backend,
        device: start.device,
        seed: start.seed ?? project.training.seed,
        appVersion: start.appVersion ?? appVersion(),
        plannedEpochs: start.plannedEpochs ?? project.training.epochs,
      });
    });
  }

  /** Records one finished epoch in its own transaction. Epochs must come in order, from 1. */
  recordEpoch(runId: number, metrics: EpochMetrics): void {
    this.write({ action: 'recordEpoch', epoch: metrics.epoch }, () => runs.insertEpoch(this.db, runId, metrics));
  }

  /** Saves weights as the run's last and/or best checkpoint; the previous one stays readable until this one is complete. */
  saveCheckpoint(runId: number, input: CheckpointInput): number {
    this.assertOpen();
    const prepared = runs.prepareCheckpoint(input);
    return this.write({ action: 'saveCheckpoint', epoch: input.epoch }, () => runs.storeCheckpoint(this.db, runId, input, prepared));
  }

  /** Ends a running run: completed, stopped, early-stopped, diverged or failed (with the error). */
  finishRun(runId: number, status: Exclude<RunStatus, 'running'>, error?: Problem): void {
    this.write({ action: 'finishRun' }, () => runs.setRunStatus(this.db, runId, status, error));
  }

  recordEvaluation(runId: number, evaluation: EvaluationInput): number {
    return this.write({ action: 'recordEvaluation' }, () => runs.insertEvaluation(this.db, runId, evaluation));
  }

  recordExport(record: ExportInput): number {
    return this.write({ action: 'recordExport' }, () => runs.insertExport(this.db, record));
  }

  listExports(runId?: number): ExportRecord[] {
    return this.read(() => runs.listExports(this.db, runId));
  }

  listRuns(): RunSummary[] {
    return this.read(() => runs.listRuns(this.db));
  }

  getRun(runId: number): RunDetails {
    return this.read(() => {
      const { summary, training, project, datasetId } = runs.getRunRow(this.db, runId);
      return {
        ...summary,
        training,
        project,
        dataset: datasetId === undefined ? undefined : runs.getDataset(this.db, datasetId),
        epochMetrics: runs.listEpochs(this.db, runId),
        best: runs.checkpointPointer(this.db, runId, 'best'),
        last: runs.checkpointPointer(this.db, runId, 'last'),
        evaluations: runs.listEvaluations(this.db, runId),
        exports: runs.listExports(this.db, runId),
      };
    });
  }

  deleteRun(runId: number): void {
    this.write({ action: 'deleteRun', runId }, () => runs.deleteRunRows(this.db, runId));
  }

  compareRuns(runIds: number[]): RunComparison {
    return compareRuns(runIds.map((id) => this.getRun(id)));
  }

  loadCheckpoint(runId: number, which: 'best' | 'last' = 'last'): LoadedCheckpoint {
    return this.read(() => runs.readCheckpoint(this.db, runId, which));
  }

  /** What an interrupted run needs to go on: its last checkpoint and the next epoch to train. */
  resumePoint(runId: number): ResumePoint {
    return this.read(() => {
      const run = runs.getRunRow(this.db, runId).summary;
      const checkpoint = runs.readCheckpoint(this.db, runId, 'last');
      return { runId, checkpoint, nextEpoch: checkpoint.epoch + 1, plannedEpochs: run.plannedEpochs };
    });
  }

  /** Marks an interrupted or stopped run running again from its last checkpoint, owned by this process. */
  resumeRun(runId: number): ResumePoint {
    this.write({ action: 'resumeRun', runId }, () => runs.reopenRun(this.db, runId));
    return this.resumePoint(runId);
  }

  // ── The file ─────────────────────────────────────────────────────────────────────────────────

  /** Full SQLite integrity check; an empty list means the file is sound. */
  integrityCheck(): string[] {
    this.assertOpen();
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0].integrity_check === 'ok' ? [] : rows.map((r) => r.integrity_check);
  }

  /**
   * Writes a consistent copy of the project to `target` with SQLite's backup API (never a copy of
   * the live file, which may be mid-write). The copy is built under a temporary name and renamed.
   */
  async backupTo(target: string): Promise<void> {
    this.assertOpen();
    if (resolve(target) === resolve(this.currentPath)) throw new StoreError('invalid', problem('store:copyOverItself', {}));
    this.flushAutosaveQuietly();
    const temp = siblingTempPath(target, 'saving');
    try {
      await this.db.backup(temp);
      moveIntoPlace(temp, target);
    } catch (error) {
      removeDatabaseFiles(temp);
      throw writeError(error, { action: 'saveCopy' }, target);
    }
  }

  /** Saves the project under a new name and goes on working in the new file; the old one is left as it was. */
  async saveAs(target: string): Promise<void> {
    await this.backupTo(target);
    const next = ProjectStore.open(target, { ...this.options, readOnly: false });
    this.closeConnection();
    this.db = next.db;
    this.currentPath = target;
    this.access = next.access;
    this.sideFilesBefore = next.sideFilesBefore;
  }

  private checkpointLog(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A reader holding the log open delays this; the data is safe in the log meanwhile.
    }
  }

  private closeConnection(): void {
    if (!this.readOnly) {
      try {
        this.db.pragma('incremental_vacuum');
      } catch {
        // Reclaiming free pages is optional; a full disk must not keep the project from closing.
      }
      this.checkpointLog();
    }
    this.db.close();
    if (this.sideFilesBefore) restoreSideFiles(this.currentPath, this.sideFilesBefore, false);
  }

  /** Writes any pending autosave, folds the log into the file (so it is one self-contained file again) and closes. */
  close(): void {
    if (this.closed) return;
    let autosaveError: unknown;
    if (this.pendingAutosave && !this.readOnly) {
      try {
        this.flushAutosave();
      } catch (error) {
        autosaveError = error;
      }
    }
    this.cancelAutosave();
    this.closeConnection();
    this.closed = true;
    if (autosaveError) throw autosaveError;
  }

  /** For tests and tools that need SQL access (e.g. to simulate a full disk). */
  get connection(): Database.Database {
    this.assertOpen();
    return this.db;
  }
}
