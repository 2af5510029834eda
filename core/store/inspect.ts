import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { StoreError } from './errors';
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

function describeNonSqlite(path: string, header: Buffer): string {
  const text = header.toString('utf8').trimStart();
  if (text.startsWith('{'))
    return `${path} is not a Neuroblocks project file: it looks like JSON. If it is a project JSON, import it (it will be saved as a new project file).`;
  if (header.length === 0) return `${path} is not a Neuroblocks project file: it is empty.`;
  return `${path} is not a Neuroblocks project file: it is not an SQLite database.`;
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
    if (!stat.isFile()) throw new StoreError('not-a-file', `${path} is a folder or a device, not a project file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StoreError('not-found', `${path} does not exist.`);
    throw new StoreError('io', `Cannot read ${path}: ${code === 'EACCES' ? 'permission denied' : String(error)}.`, { cause: error });
  }
  let header: Buffer;
  try {
    header = readHeader(path);
  } catch (error) {
    throw new StoreError('io', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : String(error)}.`, { cause: error });
  }
  if (header.length < 100 || header.toString('latin1', 0, 16) !== SQLITE_HEADER) throw new StoreError('not-sqlite', describeNonSqlite(path, header));

  const pageSizeField = header.readUInt16BE(16);
  const pageSize = pageSizeField === 1 ? 65536 : pageSizeField;
  const pageCount = header.readUInt32BE(28);
  if (header.readUInt32BE(68) !== APPLICATION_ID) {
    throw new StoreError('not-ours', `${path} is an SQLite database of another program, not a Neuroblocks project file. It was left unchanged.`);
  }
  // A file shorter than its header says was cut short (a partial download or copy). Pages still
  // in a write-ahead log beside the file may legitimately extend it, so only check without one.
  if (pageSize > 0 && size < pageCount * pageSize && !walExists(path))
    throw new StoreError('damaged', `${path} is damaged: it is shorter than it should be (${size} bytes instead of ${pageCount * pageSize}), perhaps an interrupted copy or download. It was left unchanged.`);

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new StoreError('damaged', `${path} cannot be opened as a project file (${(error as Error).message}). It was left unchanged.`, { cause: error });
  }
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > SCHEMA_VERSION)
      throw new StoreError(
        'newer-version',
        `${path} was saved by a newer version of Neuroblocks (file version ${schemaVersion}; this one reads up to version ${SCHEMA_VERSION}). Update Neuroblocks to open it. The file was left unchanged.`,
      );
    if (schemaVersion < 1 || !expectedObjects[schemaVersion])
      throw new StoreError('not-ours', `${path} has an unknown file version (${schemaVersion}); it is not a project file this Neuroblocks can read. It was left unchanged.`);
    const problems = quickCheck(db);
    if (problems.length)
      throw new StoreError('damaged', `${path} is damaged (${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}). It was left unchanged; open a backup or a copy sent to you before.`);
    checkObjects(db, path, schemaVersion);
    const format = (db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value?: string } | undefined)?.value;
    if (format !== FILE_FORMAT) throw new StoreError('not-ours', `${path} is not a Neuroblocks project file (its format tag is missing). It was left unchanged.`);
    checkBlobSizes(db, path);
    return { schemaVersion, pageSize, pageCount };
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
      throw new StoreError('damaged', `${path} is damaged (${(error as Error).message}). It was left unchanged; open a backup.`, { cause: error });
    throw new StoreError('damaged', `${path} cannot be read as a project file (${(error as Error).message}). It was left unchanged.`, { cause: error });
  } finally {
    db.close();
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
  const rows = db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex_%'").all() as { type: string; name: string }[];
  const present = new Set(rows.map((r) => `${r.type}:${r.name}`));
  const extra = [...present].filter((o) => !expected.has(o));
  const missing = [...expected].filter((o) => !present.has(o));
  if (extra.length || missing.length) {
    const detail = [extra.length ? `unexpected ${extra.join(', ')}` : '', missing.length ? `missing ${missing.join(', ')}` : ''].filter(Boolean).join('; ');
    throw new StoreError('not-ours', `${path} does not have the layout of a Neuroblocks project file (${detail}). It was left unchanged.`);
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
      throw new StoreError('too-large', `${path} holds a value larger than Neuroblocks accepts (${largest} bytes, at most ${cap}). It was left unchanged.`);
  }
}
