import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { problem, type Problem } from '../i18n/catalogue';
import { parseProjectText, ProjectError } from '../model/project-io';
import { errorProblem } from '../model/localized';
import { StoreError } from './errors';
import { restoreSideFiles, sideFiles } from './project-file';
import { APPLICATION_ID, expectedObjects, FILE_FORMAT, limits, SCHEMA_VERSION } from './schema';

const SQLITE_HEADER = 'SQLite format 3\0';

export interface FileFacts {
  schemaVersion: number;
  pageSize: number;
  pageCount: number;
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function describeNonSqlite(path: string, header: Buffer): Problem {
  const text = header.toString('utf8').trimStart();
  const context = text.startsWith('{') ? 'json' : header.length === 0 ? 'empty' : 'sqlite';
  return problem('store:notProject', { path, context });
}

function cannotRead(path: string, error: unknown): StoreError {
  const denied = (error as NodeJS.ErrnoException).code === 'EACCES';
  return new StoreError('io', problem('store:cannotRead', { path, detail: String(error), ...(denied ? { context: 'denied' } : {}) }), {
    cause: error,
  });
}

/**
 * Everything that must hold before a file is opened for writing, checked through a read-only
 * connection so that a file that is not ours, damaged, or from a newer Neuroblocks is never
 * modified. Throws StoreError with a message for the user.
 */
export function inspectProjectFile(path: string): FileFacts {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new StoreError('not-a-file', problem('store:notAFile', { path }));
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StoreError('not-found', problem('store:notFound', { path }));
    throw cannotRead(path, error);
  }
  let header: Buffer;
  try {
    header = readHeader(path);
  } catch (error) {
    throw cannotRead(path, error);
  }
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER)
    throw new StoreError('not-sqlite', describeNonSqlite(path, header));

  const pageSizeField = header.readUInt16BE(16);
  const pageSize = pageSizeField === 1 ? 65536 : pageSizeField;
  const pageCount = header.readUInt32BE(28);
  if (header.readUInt32BE(68) !== APPLICATION_ID) {
    throw new StoreError('not-ours', problem('store:otherProgram', { path }));
  }
  // A file shorter than its header says was cut short (a partial download or copy). Pages still
  // in a write-ahead log beside the file may legitimately extend it, so only check without one.
  if (pageSize > 0 && size < pageCount * pageSize && !walExists(path))
    throw new StoreError('damaged', problem('store:truncated', { path, size, expected: pageCount * pageSize }));

  const before = sideFiles(path);
  let refused = true;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    const detail = (error as Error).message;
    throw new StoreError('damaged', problem('store:cannotOpenAsProject', { path, detail }), { cause: error });
  }
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > SCHEMA_VERSION)
      throw new StoreError('newer-version', problem('store:newerVersion', { path, version: schemaVersion, supported: SCHEMA_VERSION }));
    if (schemaVersion < 1 || !expectedObjects[schemaVersion])
      throw new StoreError('not-ours', problem('store:unknownVersion', { path, version: schemaVersion }));
    const problems = quickCheck(db);
    if (problems.length) {
      const listed = `${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}`;
      throw new StoreError('damaged', problem('store:failedCheck', { path, problems: listed }));
    }
    checkObjects(db, path, schemaVersion);
    const format = (db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value?: string } | undefined)?.value;
    if (format !== FILE_FORMAT) {
      throw new StoreError('not-ours', problem('store:noFormatTag', { path }));
    }
    checkBlobSizes(db, path);
    checkProjectRow(db, path);
    refused = false;
    return { schemaVersion, pageSize, pageCount };
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code ?? '';
    const detail = (error as Error).message;
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
      throw new StoreError('damaged', problem('store:damaged', { path, detail }), { cause: error });
    throw new StoreError('damaged', problem('store:cannotReadAsProject', { path, detail }), { cause: error });
  } finally {
    db.close();
    restoreSideFiles(path, before, refused);
  }
}

function walExists(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

function quickCheck(db: Database.Database): string[] {
  const rows = db.pragma('quick_check(10)') as { quick_check: string }[];
  const messages = rows.map((r) => r.quick_check);
  return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
}

function checkObjects(db: Database.Database, path: string, version: number): void {
  const expected = new Set(expectedObjects[version]);
  const rows = db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex_%'").all() as {
    type: string;
    name: string;
  }[];
  const present = new Set(rows.map((r) => `${r.type}:${r.name}`));
  const extra = [...present].filter((o) => !expected.has(o));
  const missing = [...expected].filter((o) => !present.has(o));
  if (extra.length || missing.length) {
    const context = extra.length && missing.length ? 'both' : extra.length ? 'extra' : 'missing';
    throw new StoreError('not-ours', problem('store:layout', { path, extra, missing, context }));
  }
}

function checkBlobSizes(db: Database.Database, path: string): void {
  const checks: [string, number][] = [
    ['SELECT max(length(weights)) FROM checkpoints', limits.checkpointBytes],
    ['SELECT max(length(embedded)) FROM datasets', limits.embeddedDatasetBytes],
    ['SELECT max(length(project)) FROM graph_versions', limits.jsonBytes],
    ['SELECT max(length(project)) FROM project', limits.jsonBytes],
  ];
  for (const [sql, cap] of checks) {
    const largest = db.prepare(sql).pluck().get() as number | null;
    if (largest !== null && largest > cap)
      throw new StoreError('too-large', problem('store:valueTooLarge', { path, bytes: largest, max: cap }));
  }
}

/**
 * The current project, which every reader and writer starts from: a file whose project cannot be
 * read is damaged, and no writer (saving, training into it, deleting a run, logging an export)
 * may touch it.
 */
function checkProjectRow(db: Database.Database, path: string): void {
  const text = db.prepare('SELECT project FROM project WHERE id = 1').pluck().get();
  if (typeof text !== 'string') throw new StoreError('damaged', problem('store:projectMissing', { path }));
  try {
    parseProjectText(text);
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    throw new StoreError('damaged', problem('store:projectUnreadable', { path, reason: errorProblem(error) }));
  }
}

/**
 * The name of the project in a project file, for a list of files: the file's header and layout
 * are checked, but not every page (that is for opening it), so a large file costs no more than a
 * small one. Undefined when the file is not a readable project file.
 */
export function readProjectFileName(path: string): string | undefined {
  let header: Buffer;
  try {
    if (!statSync(path).isFile()) return undefined;
    header = readHeader(path);
  } catch {
    return undefined;
  }
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER || header.readUInt32BE(68) !== APPLICATION_ID)
    return undefined;
  const before = sideFiles(path);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (!expectedObjects[version]) return undefined;
    checkObjects(db, path, version);
    const name = db.prepare('SELECT substr(name, 1, 200) FROM project WHERE id = 1').pluck().get();
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  } finally {
    db?.close();
    restoreSideFiles(path, before, false);
  }
}
