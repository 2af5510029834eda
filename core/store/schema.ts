/**
 * The layout of a project file. A project file is an SQLite database whose header carries our
 * application id and whose `PRAGMA user_version` is the schema version below. Changing the layout
 * means: bump SCHEMA_VERSION, add a step to `migrations` in migrations.ts, and add a fixture of the
 * previous version (core/store/fixtures/make-fixtures.ts) that the migration test upgrades.
 */

/** "NBPJ" as a big-endian 32-bit integer, stored at offset 68 of the file header. */
export const APPLICATION_ID = 0x4e42504a;
export const SCHEMA_VERSION = 3;
export const FILE_FORMAT = 'neuroblocks.project-file';
export const PROJECT_FILE_EXTENSION = '.nbproj';

export const runStatuses = ['running', 'completed', 'stopped', 'early-stopped', 'diverged', 'interrupted', 'failed'] as const;
export type RunStatus = (typeof runStatuses)[number];

export const versionKinds = ['created', 'explicit', 'autosave', 'restored', 'imported', 'run'] as const;
export type VersionKind = (typeof versionKinds)[number];

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The weights a project's training starts from for some of its blocks (a base taken from another
 * run, or an imported network): one row per weight, named `block/weight`, with where it came from.
 */
export const PRETRAINED_SQL = `
CREATE TABLE pretrained (
  name        TEXT PRIMARY KEY,
  source      TEXT NOT NULL,
  byte_length INTEGER NOT NULL,
  hash        TEXT NOT NULL,
  weights     BLOB NOT NULL,
  added_at    TEXT NOT NULL
) STRICT;
`;

/** DDL of the current schema, run once in the transaction that creates a file. */
export const SCHEMA_SQL = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE graph_versions (
  id         INTEGER PRIMARY KEY,
  created_at TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN (${inList(versionKinds)})),
  message    TEXT,
  project    TEXT NOT NULL,
  hash       TEXT NOT NULL
) STRICT;

CREATE TABLE project (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  name               TEXT NOT NULL,
  project            TEXT NOT NULL,
  hash               TEXT NOT NULL,
  current_version_id INTEGER NOT NULL REFERENCES graph_versions (id),
  updated_at         TEXT NOT NULL
) STRICT;

CREATE TABLE datasets (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  name         TEXT,
  path         TEXT,
  content_hash TEXT NOT NULL UNIQUE,
  summary      TEXT NOT NULL,
  embedded     BLOB,
  added_at     TEXT NOT NULL
) STRICT;

CREATE TABLE runs (
  id                 INTEGER PRIMARY KEY,
  status             TEXT NOT NULL CHECK (status IN (${inList(runStatuses)})),
  graph_version_id   INTEGER NOT NULL REFERENCES graph_versions (id),
  training           TEXT NOT NULL,
  dataset_id         INTEGER REFERENCES datasets (id),
  dataset_hash       TEXT,
  backend            TEXT NOT NULL,
  device             TEXT,
  seed               INTEGER NOT NULL,
  app_version        TEXT NOT NULL,
  planned_epochs     INTEGER,
  resumed_from       INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  owner_pid          INTEGER,
  owner_host         TEXT,
  owner_boot         INTEGER,
  started_at         TEXT NOT NULL,
  ended_at           TEXT,
  error              TEXT,
  best_checkpoint_id INTEGER REFERENCES checkpoints (id),
  last_checkpoint_id INTEGER REFERENCES checkpoints (id)
) STRICT;

CREATE TABLE epochs (
  run_id             INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch              INTEGER NOT NULL CHECK (epoch >= 1),
  loss               REAL,
  accuracy           REAL,
  val_loss           REAL,
  val_accuracy       REAL,
  learning_rate      REAL,
  seconds            REAL,
  samples_per_second REAL,
  ended_at           TEXT NOT NULL,
  PRIMARY KEY (run_id, epoch)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkpoints (
  id          INTEGER PRIMARY KEY,
  run_id      INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  epoch       INTEGER NOT NULL,
  created_at  TEXT NOT NULL,
  metrics     TEXT,
  byte_length INTEGER NOT NULL,
  hash        TEXT NOT NULL,
  weights     BLOB NOT NULL,
  optimizer   BLOB,
  optimizer_hash TEXT
) STRICT;
CREATE INDEX checkpoints_by_run ON checkpoints (run_id);

CREATE TABLE evaluations (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  checkpoint    TEXT NOT NULL CHECK (checkpoint IN ('best', 'last')),
  created_at    TEXT NOT NULL,
  samples       INTEGER,
  test_loss     REAL,
  test_accuracy REAL,
  labels        TEXT,
  confusion     TEXT
) STRICT;
CREATE INDEX evaluations_by_run ON evaluations (run_id);

${PRETRAINED_SQL}
CREATE TABLE exports (
  id         INTEGER PRIMARY KEY,
  run_id     INTEGER REFERENCES runs (id) ON DELETE SET NULL,
  format     TEXT NOT NULL,
  path       TEXT,
  bytes      INTEGER,
  details    TEXT,
  created_at TEXT NOT NULL
) STRICT;
`;

/**
 * Every object a file of each schema version may contain. Opening refuses a file with anything
 * else (a trigger or view added by someone else would run code we did not write).
 */
const version1Objects = [
  'table:meta',
  'table:graph_versions',
  'table:project',
  'table:datasets',
  'table:runs',
  'table:epochs',
  'table:checkpoints',
  'table:evaluations',
  'table:exports',
  'index:checkpoints_by_run',
  'index:evaluations_by_run',
] as const;

export const expectedObjects: Record<number, readonly string[]> = {
  1: version1Objects,
  // Version 2 added columns only (the checkpoints' optimizer state).
  2: version1Objects,
  // Version 3 added the pretrained weights.
  3: [...version1Objects, 'table:pretrained'],
};

/** Caps checked before a blob is read into memory, so a hostile file cannot exhaust it. */
export const limits = {
  checkpointBytes: 512 * 1024 * 1024,
  /** One pretrained weight tensor (VGG16's largest is 400 MB as float32 with its classifier; its convolutional base's, 9 MB). */
  pretrainedWeightBytes: 512 * 1024 * 1024,
  embeddedDatasetBytes: 64 * 1024 * 1024,
  jsonBytes: 16 * 1024 * 1024,
};
