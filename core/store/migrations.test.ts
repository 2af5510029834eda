import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, type MigrationStep } from './migrations';
import { ProjectStore } from './project-store';
import { SCHEMA_VERSION } from './schema';
import { denseWeights } from './test-helpers';
import { tempDirPerTest } from './test-dir';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
let dir: string;
tempDirPerTest((path) => (dir = path));

function fixtureCopy(version: number): string {
  const path = join(dir, `v${version}.nbproj`);
  copyFileSync(join(fixtures, `v${version}.nbproj`), path);
  return path;
}

const tables = (db: Database.Database) => db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe('schema migrations', () => {
  it('has a fixture for every schema version up to the current one', () => {
    const versions = readdirSync(fixtures)
      .flatMap((f) => /^v(\d+)\.nbproj$/.exec(f)?.[1] ?? [])
      .map(Number);
    for (let v = 1; v <= SCHEMA_VERSION; v++) expect(versions).toContain(v);
  });

  it('opens every fixture with this version, keeping its project and runs', () => {
    for (let v = 1; v <= SCHEMA_VERSION; v++) {
      const store = ProjectStore.open(fixtureCopy(v));
      expect(store.connection.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(store.project().name).toBe('Fixture');
      const [run] = store.listRuns();
      expect(run).toMatchObject({ status: 'completed', epochs: 3, backend: 'cpu' });
      expect(store.loadCheckpoint(run.id, 'best').weights).toEqual(denseWeights([2, 8, 2], 3));
      expect(store.getRun(run.id).evaluations[0].confusion).toEqual([
        [9, 1],
        [1, 9],
      ]);
      expect(store.integrityCheck()).toEqual([]);
      store.close();
    }
  });

  it('a version 1 file gains the checkpoints’ optimizer state columns, laid out as in a new file; its checkpoints have no optimizer state', () => {
    const columns = (db: Database.Database) =>
      db.prepare('SELECT name, type, "notnull" FROM pragma_table_info(?) ORDER BY cid').all('checkpoints');
    const store = ProjectStore.open(fixtureCopy(1));
    const fresh = ProjectStore.create(join(dir, 'fresh.nbproj'), store.project());
    expect(columns(store.connection)).toEqual(columns(fresh.connection));
    const [run] = store.listRuns();
    expect(store.loadCheckpoint(run.id, 'last').optimizer).toBeUndefined();
    store.close();
    fresh.close();
  });

  it('the version 2 fixture keeps its optimizer state', () => {
    const store = ProjectStore.open(fixtureCopy(2));
    const [run] = store.listRuns();
    expect(store.loadCheckpoint(run.id, 'last').optimizer).toEqual(denseWeights([2, 8, 2], 13));
    store.close();
  });

  // Synthetic steps from version 1, to test the framework itself on a real older file.
  const toV2: MigrationStep = (db) => {
    db.exec('ALTER TABLE runs ADD COLUMN notes TEXT');
    db.exec("UPDATE runs SET notes = 'migrated from version 1'");
    db.exec('CREATE TABLE tags (run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE, tag TEXT NOT NULL) STRICT');
  };
  const toV3: MigrationStep = (db) => db.exec("INSERT INTO tags SELECT id, 'v3' FROM runs");

  it('upgrades a version 1 file step by step, keeping its data', () => {
    const db = new Database(fixtureCopy(1));
    expect(migrate(db, { 1: toV2, 2: toV3 }, 3)).toEqual([2, 3]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT notes FROM runs').pluck().all()).toEqual(['migrated from version 1']);
    expect(db.prepare('SELECT tag FROM tags').pluck().all()).toEqual(['v3']);
    expect(db.prepare('SELECT count(*) FROM epochs').pluck().get()).toBe(3);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(migrate(db, { 1: toV2, 2: toV3 }, 3)).toEqual([]);
    db.close();
  });

  it('rolls a failing step back completely, leaving the file at the last version that completed', () => {
    const db = new Database(fixtureCopy(1));
    const failing: MigrationStep = (d) => {
      d.exec('CREATE TABLE half_done (x INTEGER)');
      throw new Error('step failed');
    };
    const before = tables(db);
    expect(() => migrate(db, { 1: toV2, 2: failing }, 3)).toThrow('step failed');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(tables(db)).toEqual([...before, 'tags'].sort());
    db.close();
  });

  it('refuses to skip a version or to go down', () => {
    const db = new Database(fixtureCopy(1));
    expect(() => migrate(db, { 2: toV3 }, 3)).toThrow(/No migration from project file version 1 to 2/);
    expect(() => migrate(db, {}, 0)).toThrow(/Cannot migrate down/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });
});
