import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Localized } from '../model/localized';
import { parseProjectText, ProjectError } from '../model/project-io';
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

function describeNonSqlite(path: string, header: Buffer): Localized {
  const text = header.toString('utf8').trimStart();
  if (text.startsWith('{'))
    return {
      en: `${path} is not a Neuroblocks project file: it looks like JSON. If it is a project JSON, import it (it will be saved as a new project file).`,
      fr: `${path} n’est pas un fichier de projet Neuroblocks : il ressemble à du JSON. Si c’est un projet JSON, importez-le (il sera enregistré comme nouveau fichier de projet).`,
    };
  if (header.length === 0)
    return {
      en: `${path} is not a Neuroblocks project file: it is empty.`,
      fr: `${path} n’est pas un fichier de projet Neuroblocks : il est vide.`,
    };
  return {
    en: `${path} is not a Neuroblocks project file: it is not an SQLite database.`,
    fr: `${path} n’est pas un fichier de projet Neuroblocks : ce n’est pas une base de données SQLite.`,
  };
}

function cannotRead(path: string, error: unknown): StoreError {
  const denied = (error as NodeJS.ErrnoException).code === 'EACCES';
  return new StoreError(
    'io',
    {
      en: `Cannot read ${path}: ${denied ? 'permission denied' : String(error)}.`,
      fr: `Impossible de lire ${path} : ${denied ? 'accès refusé' : String(error)}.`,
    },
    { cause: error },
  );
}

const leftUnchanged = { en: 'It was left unchanged.', fr: 'Il n’a pas été modifié.' };

/**
 * Everything that must hold before a file is opened for writing, checked through a read-only
 * connection so that a file that is not ours, damaged, or from a newer Neuroblocks is never
 * modified. Throws StoreError with a message for the user.
 */
export function inspectProjectFile(path: string): FileFacts {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      throw new StoreError('not-a-file', {
        en: `${path} is a folder or a device, not a project file.`,
        fr: `${path} est un dossier ou un périphérique, pas un fichier de projet.`,
      });
    size = stat.size;
  } catch (error) {
    if (error instanceof StoreError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StoreError('not-found', { en: `${path} does not exist.`, fr: `${path} n’existe pas.` });
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
    throw new StoreError('not-ours', {
      en: `${path} is an SQLite database of another program, not a Neuroblocks project file. ${leftUnchanged.en}`,
      fr: `${path} est une base de données SQLite d’un autre programme, pas un fichier de projet Neuroblocks. ${leftUnchanged.fr}`,
    });
  }
  // A file shorter than its header says was cut short (a partial download or copy). Pages still
  // in a write-ahead log beside the file may legitimately extend it, so only check without one.
  if (pageSize > 0 && size < pageCount * pageSize && !walExists(path))
    throw new StoreError('damaged', {
      en: `${path} is damaged: it is shorter than it should be (${size.toLocaleString('en')} bytes instead of ${(pageCount * pageSize).toLocaleString('en')}), perhaps an interrupted copy or download. ${leftUnchanged.en}`,
      fr: `${path} est endommagé : il est plus court qu’il ne devrait (${size.toLocaleString('fr')} octets au lieu de ${(pageCount * pageSize).toLocaleString('fr')}), peut-être une copie ou un téléchargement interrompu. ${leftUnchanged.fr}`,
    });

  const before = sideFiles(path);
  let refused = true;
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    const detail = (error as Error).message;
    throw new StoreError(
      'damaged',
      {
        en: `${path} cannot be opened as a project file (${detail}). ${leftUnchanged.en}`,
        fr: `${path} ne peut pas être ouvert comme fichier de projet (${detail}). ${leftUnchanged.fr}`,
      },
      { cause: error },
    );
  }
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > SCHEMA_VERSION)
      throw new StoreError('newer-version', {
        en: `${path} was saved by a newer version of Neuroblocks (file version ${schemaVersion}; this one reads up to version ${SCHEMA_VERSION}). Update Neuroblocks to open it. The file was left unchanged.`,
        fr: `${path} a été enregistré par une version plus récente de Neuroblocks (version de fichier ${schemaVersion} ; celle-ci lit jusqu’à la version ${SCHEMA_VERSION}). Mettez Neuroblocks à jour pour l’ouvrir. Le fichier n’a pas été modifié.`,
      });
    if (schemaVersion < 1 || !expectedObjects[schemaVersion])
      throw new StoreError('not-ours', {
        en: `${path} has an unknown file version (${schemaVersion}); it is not a project file this Neuroblocks can read. ${leftUnchanged.en}`,
        fr: `${path} a une version de fichier inconnue (${schemaVersion}) ; ce n’est pas un fichier de projet que ce Neuroblocks sait lire. ${leftUnchanged.fr}`,
      });
    const problems = quickCheck(db);
    if (problems.length) {
      const listed = `${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}`;
      throw new StoreError('damaged', {
        en: `${path} is damaged (${listed}). It was left unchanged; open a backup or a copy sent to you before.`,
        fr: `${path} est endommagé (${listed}). Il n’a pas été modifié ; ouvrez une sauvegarde ou une copie reçue auparavant.`,
      });
    }
    checkObjects(db, path, schemaVersion);
    const format = (db.prepare("SELECT value FROM meta WHERE key = 'format'").get() as { value?: string } | undefined)?.value;
    if (format !== FILE_FORMAT) {
      throw new StoreError('not-ours', {
        en: `${path} is not a Neuroblocks project file (its format tag is missing). ${leftUnchanged.en}`,
        fr: `${path} n’est pas un fichier de projet Neuroblocks (sa marque de format manque). ${leftUnchanged.fr}`,
      });
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
      throw new StoreError(
        'damaged',
        {
          en: `${path} is damaged (${detail}). It was left unchanged; open a backup.`,
          fr: `${path} est endommagé (${detail}). Il n’a pas été modifié ; ouvrez une sauvegarde.`,
        },
        { cause: error },
      );
    throw new StoreError(
      'damaged',
      {
        en: `${path} cannot be read as a project file (${detail}). ${leftUnchanged.en}`,
        fr: `${path} ne peut pas être lu comme fichier de projet (${detail}). ${leftUnchanged.fr}`,
      },
      { cause: error },
    );
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
    const detail = [extra.length ? `unexpected ${extra.join(', ')}` : '', missing.length ? `missing ${missing.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    throw new StoreError('not-ours', {
      en: `${path} does not have the layout of a Neuroblocks project file (${detail}). ${leftUnchanged.en}`,
      fr: `${path} n’a pas la structure d’un fichier de projet Neuroblocks (${detail}). ${leftUnchanged.fr}`,
    });
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
      throw new StoreError('too-large', {
        en: `${path} holds a value larger than Neuroblocks accepts (${largest} bytes, at most ${cap}). ${leftUnchanged.en}`,
        fr: `${path} contient une valeur plus grosse que ce que Neuroblocks accepte (${largest} octets, au plus ${cap}). ${leftUnchanged.fr}`,
      });
  }
}

/**
 * The current project, which every reader and writer starts from: a file whose project cannot be
 * read is damaged, and no writer (saving, training into it, deleting a run, logging an export)
 * may touch it.
 */
function checkProjectRow(db: Database.Database, path: string): void {
  const text = db.prepare('SELECT project FROM project WHERE id = 1').pluck().get();
  const fail = (reason: Localized) =>
    new StoreError('damaged', {
      en: `${path} is damaged: ${reason.en}. ${leftUnchanged.en} Open a backup or a copy sent to you before.`,
      fr: `${path} est endommagé : ${reason.fr}. ${leftUnchanged.fr} Ouvrez une sauvegarde ou une copie reçue auparavant.`,
    });
  if (typeof text !== 'string')
    throw fail({ en: 'its project (graph and settings) is missing', fr: 'son projet (graphe et réglages) manque' });
  try {
    parseProjectText(text);
  } catch (error) {
    if (!(error instanceof ProjectError)) throw error;
    throw fail({
      en: `its project (graph and settings) cannot be read (${error.message})`,
      fr: `son projet (graphe et réglages) est illisible (${error.fr ?? error.message})`,
    });
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
