import { accessSync, closeSync, constants, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { problem } from '../i18n/catalogue';
import { fileNameIssue } from '../model/file-names';
import type { Project } from '../model/project';
import { serializeProject } from '../model/project-io';
import { appVersion } from './app-version';
import { StoreError, writeError } from './errors';
import { APPLICATION_ID, FILE_FORMAT, SCHEMA_SQL, SCHEMA_VERSION } from './schema';
import { sha256 } from './weights';

/**
 * Durability settings of every connection that writes a project file.
 *
 * WAL: readers (the run list, a second window) never block the training writer, and a crash can
 * only lose transactions that had not committed.
 *
 * synchronous = FULL: in WAL mode, NORMAL already survives a crash of the app (what the crash test
 * kills), but a power cut or OS crash may roll back the last commits; FULL syncs the log at every
 * commit so that an epoch or a graph edit shown as saved stays saved. Our commits are few (one per
 * epoch, one per checkpoint, at most one autosave a second), so the extra sync costs little; see
 * bench/store.ts for the measured cost of both settings.
 */
export function configureConnection(db: Database.Database, writable: boolean): void {
  db.pragma('trusted_schema = OFF');
  db.pragma('cell_size_check = ON');
  db.pragma('foreign_keys = ON');
  if (writable) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  } else {
    db.pragma('query_only = ON');
  }
}

export function projectHash(project: Project): string {
  return sha256(serializeProject(project));
}

/** A fresh name beside `path`, for a file that is renamed onto `path` once complete. */
export function siblingTempPath(path: string, purpose: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.${purpose}`);
}

export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/**
 * Puts a complete database file in place of `target`. A log left beside an older file of that
 * name would otherwise be replayed into the new one, so it goes first.
 */
export function moveIntoPlace(source: string, target: string): void {
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(source, target);
  try {
    const dir = openSync(dirname(target), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Not every platform can sync a directory; the rename itself is atomic.
  }
}

export interface CreateOptions {
  /** Replace an existing file at that path. */
  overwrite?: boolean;
  message?: string;
}

/**
 * Creates a project file holding `project` as its first version. The file is built under a
 * temporary name and renamed into place, so a crash never leaves a half-made project behind.
 */
export function createProjectFile(path: string, project: Project, options: CreateOptions = {}): void {
  const nameProblem = fileNameIssue(basename(path));
  if (nameProblem) throw new StoreError('invalid', problem('store:cannotCreate', { path, reason: nameProblem }));
  if (!options.overwrite && existsSync(path)) throw new StoreError('exists', problem('store:exists', { path }));
  const temp = siblingTempPath(path, 'creating');
  try {
    const db = new Database(temp);
    try {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('trusted_schema = OFF');
      db.pragma('foreign_keys = ON');
      const now = new Date().toISOString();
      const text = serializeProject(project);
      db.transaction(() => {
        db.exec(SCHEMA_SQL);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
        const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        meta.run('format', FILE_FORMAT);
        meta.run('createdAt', now);
        meta.run('createdBy', `Neuroblocks ${appVersion()}`);
        const versionId = db
          .prepare("INSERT INTO graph_versions (created_at, kind, message, project, hash) VALUES (?, 'created', ?, ?, ?)")
          .run(now, options.message ?? null, text, sha256(text)).lastInsertRowid;
        db.prepare('INSERT INTO project (id, name, project, hash, current_version_id, updated_at) VALUES (1, ?, ?, ?, ?, ?)').run(
          project.name,
          text,
          sha256(text),
          versionId,
          now,
        );
      }).immediate();
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
    moveIntoPlace(temp, path);
  } catch (error) {
    removeDatabaseFiles(temp);
    throw writeError(error, { action: 'create' }, path);
  }
}

/** Which of a database's log files (`-wal`, `-shm`) are beside it now. */
export interface SideFiles {
  wal: boolean;
  shm: boolean;
}

export function sideFiles(path: string): SideFiles {
  return { wal: existsSync(`${path}-wal`), shm: existsSync(`${path}-shm`) };
}

function emptyFile(path: string): boolean {
  try {
    return statSync(path).size === 0;
  } catch {
    return false;
  }
}

/**
 * Reading a WAL-mode file, even read-only, makes SQLite create its `-wal` and `-shm` files, and
 * a read-only connection cannot remove them when it closes. This puts the folder back as it was
 * (`before`) once the read-only connection is closed:
 * - for a file we refused, the log files we created are removed (they are empty: nothing was written);
 * - for a project file, a writable connection is opened and closed, so that SQLite itself removes
 *   them, and only when no other connection (a training run writing the file) is using them.
 */
export function restoreSideFiles(path: string, before: SideFiles, refused: boolean): void {
  const after = sideFiles(path);
  if ((before.wal || !after.wal) && (before.shm || !after.shm)) return;
  if (refused) {
    if (!before.wal && after.wal && emptyFile(`${path}-wal`)) rmSync(`${path}-wal`, { force: true });
    if (!before.shm && after.shm && !existsSync(`${path}-wal`)) rmSync(`${path}-shm`, { force: true });
    return;
  }
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
  } catch {
    return;
  }
  try {
    const db = new Database(path, { fileMustExist: true, timeout: 0 });
    try {
      // A connection that never read the file never opened its log, and would leave it on close.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      db.close();
    }
  } catch {
    // Another connection holds the file; the last one to close removes the log files.
  }
}
