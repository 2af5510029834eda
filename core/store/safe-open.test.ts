import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError, type StoreErrorCode } from './errors';
import { ProjectStore } from './project-store';
import { limits, SCHEMA_VERSION } from './schema';
import { denseWeights, epochMetrics, fileHash, smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

/** A closed project file with one run of a few epochs, large enough to span many pages. */
function goodProject(name = 'good.nbproj'): string {
  const store = ProjectStore.create(join(dir, name), smallProject());
  const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
  for (let e = 1; e <= 3; e++) {
    store.recordEpoch(runId, epochMetrics(e));
    store.saveCheckpoint(runId, { epoch: e, weights: denseWeights([2, 256, 64, 2], e) });
  }
  store.finishRun(runId, 'completed');
  store.close();
  return store.path;
}

/** Opening `path` fails with `code` and a message matching `message`, and leaves its bytes as they were. */
/** The StoreError that opening `path` throws. */
function refusal(path: string): StoreError {
  try {
    ProjectStore.open(path).close();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error(`${path} was opened`);
}

function expectRefused(path: string, code: StoreErrorCode, message: RegExp): void {
  const before = fileHash(path);
  let error: unknown;
  try {
    ProjectStore.open(path).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  expect((error as Error).message).toMatch(message);
  expect(fileHash(path)).toBe(before);
}

describe('opening files that are not sound project files', () => {
  it('refuses a database of another program', () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello')");
    db.pragma('journal_mode = WAL');
    db.close();
    expectRefused(path, 'not-ours', /SQLite database of another program, not a Neuroblocks project file/);
  });

  it('refuses a text file, and points at import for project JSON', () => {
    const text = join(dir, 'notes.nbproj');
    writeFileSync(text, 'Just some notes, long enough to fill a header of one hundred bytes or so, and then some more text.\n');
    expectRefused(text, 'not-sqlite', /not an SQLite database/);
    const json = join(dir, 'project.nbproj');
    writeFileSync(json, JSON.stringify(smallProject(), null, 2));
    expectRefused(json, 'not-sqlite', /looks like JSON.*import it/);
  });

  it('refuses random bytes and an empty file', () => {
    const path = join(dir, 'random.nbproj');
    writeFileSync(path, randomBytes(8192));
    expectRefused(path, 'not-sqlite', /not an SQLite database/);
    const empty = join(dir, 'empty.nbproj');
    writeFileSync(empty, '');
    expectRefused(empty, 'not-sqlite', /it is empty/);
  });

  it('refuses a truncated copy', () => {
    const good = goodProject();
    const bytes = readFileSync(good);
    const path = join(dir, 'truncated.nbproj');
    writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(path, 'damaged', /shorter than it should be/);
  });

  it('refuses a file with a damaged page', () => {
    const good = goodProject();
    const bytes = readFileSync(good);
    const pageSize = bytes.readUInt16BE(16);
    const path = join(dir, 'damaged.nbproj');
    // Overwrite the b-tree header of every page after the schema with garbage.
    const damaged = Buffer.from(bytes);
    for (let page = 2; page * pageSize < damaged.length; page += 3) randomBytes(16).copy(damaged, (page - 1) * pageSize);
    writeFileSync(path, damaged);
    expectRefused(path, 'damaged', /is damaged/);
  });

  it('refuses a file from a newer Neuroblocks, unchanged', () => {
    const path = goodProject();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expectRefused(
      path,
      'newer-version',
      new RegExp(`newer version of Neuroblocks \\(file version 99; this one reads up to version ${SCHEMA_VERSION}\\)`),
    );
    expect(refusal(path).fr).toBe(
      `${path} a été enregistré par une version plus récente de Neuroblocks (version de fichier 99 ; celle-ci lit jusqu’à la version ${SCHEMA_VERSION}). Mettez Neuroblocks à jour pour l’ouvrir. Le fichier n’a pas été modifié.`,
    );
  });

  it('says in French too why a file is refused', () => {
    const json = join(dir, 'projet.nbproj');
    writeFileSync(json, JSON.stringify(smallProject(), null, 2));
    expect(refusal(json).fr).toBe(
      `${json} n’est pas un fichier de projet Neuroblocks : il ressemble à du JSON. Si c’est un projet JSON, importez-le (il sera enregistré comme nouveau fichier de projet).`,
    );
    const good = goodProject();
    const truncated = join(dir, 'coupé.nbproj');
    const bytes = readFileSync(good);
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(refusal(truncated).fr).toMatch(/ est endommagé : il est plus court qu’il ne devrait .* Il n’a pas été modifié\.$/);
    expect(refusal(join(dir, 'absent.nbproj')).fr).toBe(`${join(dir, 'absent.nbproj')} n’existe pas.`);
  });

  it('refuses a project file with objects we did not create (a trigger would run foreign code)', () => {
    const path = goodProject();
    const db = new Database(path);
    db.exec("CREATE TRIGGER sneaky AFTER INSERT ON epochs BEGIN UPDATE project SET name = 'owned'; END");
    db.close();
    expectRefused(path, 'not-ours', /unexpected trigger:sneaky/);
  });

  it('refuses a file holding a blob over the size cap before reading it', () => {
    const path = goodProject();
    const saved = limits.checkpointBytes;
    limits.checkpointBytes = 1000;
    try {
      expectRefused(path, 'too-large', /larger than Neuroblocks accepts/);
    } finally {
      limits.checkpointBytes = saved;
    }
  });

  it('names a missing file and a folder', () => {
    expect(() => ProjectStore.open(join(dir, 'nope.nbproj'))).toThrow(/does not exist/);
    mkdirSync(join(dir, 'folder.nbproj'));
    expect(() => ProjectStore.open(join(dir, 'folder.nbproj'))).toThrow(/is a folder/);
  });

  it('opens a sound file that was copied while closed', () => {
    const good = goodProject();
    const copy = join(dir, 'copy.nbproj');
    copyFileSync(good, copy);
    const store = ProjectStore.open(copy);
    expect(store.listRuns()).toHaveLength(1);
    expect(store.integrityCheck()).toEqual([]);
    store.close();
  });
});
