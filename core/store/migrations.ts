import type Database from 'better-sqlite3';
import { PRETRAINED_SQL, SCHEMA_VERSION } from './schema';

/** Brings a file from schema version `from` to `from + 1`. Runs inside the migration's transaction. */
export type MigrationStep = (db: Database.Database) => void;

/**
 * Forward migrations, keyed by the version they upgrade from, each tested on the fixture of that
 * version (fixtures/v<N>.nbproj) by migrations.test.ts.
 */
export const migrations: Record<number, MigrationStep> = {
  // 2: checkpoints keep the optimizer's state (momentum, Adam's moments), so a resumed run goes on exactly.
  1: (db) => {
    db.exec('ALTER TABLE checkpoints ADD COLUMN optimizer BLOB');
    db.exec('ALTER TABLE checkpoints ADD COLUMN optimizer_hash TEXT');
  },
  // 3: a project keeps pretrained weights for some of its blocks (a base from another run, an imported network).
  2: (db) => db.exec(PRETRAINED_SQL),
};

/**
 * Upgrades an open, writable database to `target`, each step and its version bump in one
 * transaction: a failing step leaves the file at the last version that completed.
 * Returns the versions the file went through.
 */
export function migrate(db: Database.Database, steps: Record<number, MigrationStep> = migrations, target = SCHEMA_VERSION): number[] {
  const passed: number[] = [];
  let version = db.pragma('user_version', { simple: true }) as number;
  if (version > target) throw new Error(`Cannot migrate down from version ${version} to ${target}.`);
  while (version < target) {
    const step = steps[version];
    if (!step) throw new Error(`No migration from project file version ${version} to ${version + 1} exists.`);
    const from = version;
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${from + 1}`);
    }).immediate();
    version = from + 1;
    passed.push(version);
  }
  return passed;
}
