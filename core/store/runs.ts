import { hostname, uptime } from 'node:os';
import type Database from 'better-sqlite3';
import type { Project, TrainingSettings } from '../model/project';
import { problem, type Problem } from '../i18n/catalogue';
import { StoreError, statusKey } from './errors';
import { limits, runStatuses, type RunStatus } from './schema';
import { runMessageOf, storedRunMessage } from './run-message';
import type {
  CheckpointInfo,
  CheckpointInput,
  DatasetInput,
  DatasetRecord,
  EpochMetrics,
  Evaluation,
  EvaluationInput,
  ExportInput,
  ExportRecord,
  LoadedCheckpoint,
  RunSummary,
} from './types';
import { decodeWeights, encodeWeights, sha256 } from './weights';

/** Run, epoch, checkpoint, evaluation, data set and export records. Callers wrap writes in transactions. */

type Row = Record<string, unknown>;

const now = () => new Date().toISOString();
const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const finiteOrNull = (value: number | null | undefined): number | null =>
  typeof value === 'number' && !Number.isNaN(value) ? value : null;

/** A JSON value stored in the file, named for the messages (`store:what_…`), with its run where it has one. */
export type StoredValue =
  | { what: 'datasetSummary' | 'checkpointMetrics' | 'evaluationLabels' | 'confusion' | 'exportDetails' }
  | { what: 'runTraining' | 'runGraph'; runId: number };

export function parseJson<T>(text: unknown, what: StoredValue): T {
  if (typeof text !== 'string') throw new StoreError('damaged', problem('store:storedMissing', what));
  if (text.length > limits.jsonBytes) throw new StoreError('too-large', problem('store:storedTooLarge', what));
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new StoreError('damaged', problem('store:storedUnreadable', what));
  }
}

export function addDataset(db: Database.Database, input: DatasetInput): number {
  if (input.embedded && input.embedded.byteLength > limits.embeddedDatasetBytes)
    throw new StoreError(
      'too-large',
      problem('store:datasetTooLarge', { bytes: input.embedded.byteLength, max: limits.embeddedDatasetBytes }),
    );
  const existing = db.prepare('SELECT id FROM datasets WHERE content_hash = ?').pluck().get(input.contentHash) as number | undefined;
  if (existing !== undefined) {
    db.prepare('UPDATE datasets SET kind = ?, name = ?, path = ?, summary = ?, embedded = coalesce(?, embedded) WHERE id = ?').run(
      input.kind,
      input.name ?? null,
      input.path ?? null,
      JSON.stringify(input.summary),
      input.embedded ? Buffer.from(input.embedded) : null,
      existing,
    );
    return existing;
  }
  return Number(
    db
      .prepare('INSERT INTO datasets (kind, name, path, content_hash, summary, embedded, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        input.kind,
        input.name ?? null,
        input.path ?? null,
        input.contentHash,
        JSON.stringify(input.summary),
        input.embedded ? Buffer.from(input.embedded) : null,
        now(),
      ).lastInsertRowid,
  );
}

function datasetFromRow(row: Row): DatasetRecord {
  return {
    id: row.id as number,
    kind: row.kind as string,
    name: opt(row.name as string | null),
    path: opt(row.path as string | null),
    contentHash: row.content_hash as string,
    summary: parseJson(row.summary, { what: 'datasetSummary' }),
    embeddedBytes: (row.embedded_bytes as number | null) ?? 0,
    addedAt: row.added_at as string,
  };
}

const datasetColumns = 'id, kind, name, path, content_hash, summary, length(embedded) AS embedded_bytes, added_at';

export function listDatasets(db: Database.Database): DatasetRecord[] {
  return (db.prepare(`SELECT ${datasetColumns} FROM datasets ORDER BY id`).all() as Row[]).map(datasetFromRow);
}

export function getDataset(db: Database.Database, id: number): DatasetRecord | undefined {
  const row = db.prepare(`SELECT ${datasetColumns} FROM datasets WHERE id = ?`).get(id) as Row | undefined;
  return row && datasetFromRow(row);
}

export function getEmbeddedDataset(db: Database.Database, id: number): Buffer | undefined {
  const size = db.prepare('SELECT length(embedded) FROM datasets WHERE id = ?').pluck().get(id) as number | null | undefined;
  if (size === undefined || size === null) return undefined;
  if (size > limits.embeddedDatasetBytes) throw new StoreError('too-large', problem('store:embeddedTooLarge', {}));
  return db.prepare('SELECT embedded FROM datasets WHERE id = ?').pluck().get(id) as Buffer;
}

export interface NewRun {
  graphVersionId: number;
  training: TrainingSettings;
  datasetId?: number;
  datasetHash?: string;
  backend: string;
  device?: string;
  seed: number;
  appVersion: string;
  plannedEpochs?: number;
}

export function insertRun(db: Database.Database, run: NewRun): number {
  return Number(
    db
      .prepare(
        `INSERT INTO runs (status, graph_version_id, training, dataset_id, dataset_hash, backend, device, seed, app_version, planned_epochs, owner_pid, owner_host, owner_boot, started_at)
         VALUES ('running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.graphVersionId,
        JSON.stringify(run.training),
        run.datasetId ?? null,
        run.datasetHash ?? null,
        run.backend,
        run.device ?? null,
        run.seed,
        run.appVersion,
        run.plannedEpochs ?? null,
        process.pid,
        hostname(),
        bootTime(),
        now(),
      ).lastInsertRowid,
  );
}

function runStatusOf(db: Database.Database, runId: number): RunStatus {
  const status = db.prepare('SELECT status FROM runs WHERE id = ?').pluck().get(runId) as RunStatus | undefined;
  if (!status) throw new StoreError('not-found-in-file', problem('store:runNotFound', { runId }));
  return status;
}

/** What is being done to a run that must be running, as `store:runAction_…` names it. */
type RunAction = { action: 'recordEpoch' | 'saveCheckpoint' } | { action: 'mark'; newStatus: string };

function requireRunning(db: Database.Database, runId: number, action: RunAction): void {
  const status = runStatusOf(db, runId);
  if (status !== 'running') throw new StoreError('invalid', problem('store:notRunning', { ...action, runId, status: statusKey(status) }));
}

export function lastEpoch(db: Database.Database, runId: number): number {
  return (db.prepare('SELECT max(epoch) FROM epochs WHERE run_id = ?').pluck().get(runId) as number | null) ?? 0;
}

/** Appends one epoch. Epochs are numbered from 1 and must follow each other, so they always form a prefix. */
export function insertEpoch(db: Database.Database, runId: number, m: EpochMetrics): void {
  requireRunning(db, runId, { action: 'recordEpoch' });
  const expected = lastEpoch(db, runId) + 1;
  if (m.epoch !== expected) throw new StoreError('invalid', problem('store:epochOrder', { runId, expected, epoch: m.epoch }));
  db.prepare(
    `INSERT INTO epochs (run_id, epoch, loss, accuracy, val_loss, val_accuracy, learning_rate, seconds, samples_per_second, ended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    runId,
    m.epoch,
    finiteOrNull(m.loss),
    finiteOrNull(m.accuracy),
    finiteOrNull(m.valLoss),
    finiteOrNull(m.valAccuracy),
    finiteOrNull(m.learningRate),
    finiteOrNull(m.seconds),
    finiteOrNull(m.samplesPerSecond),
    now(),
  );
}

function epochFromRow(row: Row): EpochMetrics {
  return {
    epoch: row.epoch as number,
    loss: row.loss as number | null,
    accuracy: row.accuracy as number | null,
    valLoss: row.val_loss as number | null,
    valAccuracy: row.val_accuracy as number | null,
    learningRate: row.learning_rate as number | null,
    seconds: row.seconds as number | null,
    samplesPerSecond: row.samples_per_second as number | null,
  };
}

export function listEpochs(db: Database.Database, runId: number): EpochMetrics[] {
  return (db.prepare('SELECT * FROM epochs WHERE run_id = ? ORDER BY epoch').all(runId) as Row[]).map(epochFromRow);
}

/** Encodes outside any transaction (it can take a while for a large model); the caller then runs `storeCheckpoint`. */
export function prepareCheckpoint(input: CheckpointInput): PreparedCheckpoint {
  const blob = encodeWeights(input.weights);
  if (blob.length > limits.checkpointBytes)
    throw new StoreError('too-large', problem('store:weightsTooLarge', { bytes: blob.length, max: limits.checkpointBytes }));
  // The optimizer's state is worth keeping only while it fits; without it a resumed run restarts the optimizer.
  const optimizerBlob = input.optimizer?.length ? encodeWeights(input.optimizer) : undefined;
  const optimizer =
    optimizerBlob && optimizerBlob.length <= limits.checkpointBytes ? { blob: optimizerBlob, hash: sha256(optimizerBlob) } : undefined;
  return { blob, hash: sha256(blob), optimizer };
}

export interface PreparedCheckpoint {
  blob: Buffer;
  hash: string;
  optimizer?: { blob: Buffer; hash: string };
}

/**
 * Writes the new checkpoint, then points the run at it, then drops checkpoints nothing points to,
 * all in the caller's transaction: a reader sees either the old pointer or the new, complete one.
 */
export function storeCheckpoint(
  db: Database.Database,
  runId: number,
  input: CheckpointInput,
  { blob, hash, optimizer }: PreparedCheckpoint,
): number {
  requireRunning(db, runId, { action: 'saveCheckpoint' });
  const asLast = input.last ?? true;
  const asBest = input.best ?? false;
  if (!asLast && !asBest) throw new StoreError('invalid', problem('store:checkpointAs', {}));
  // The same weights saved as best and then as last (a best epoch) are stored once.
  const same = db
    .prepare('SELECT id FROM checkpoints WHERE run_id = ? AND epoch = ? AND hash = ?')
    .pluck()
    .get(runId, input.epoch, hash) as number | undefined;
  const id =
    same ??
    Number(
      db
        .prepare(
          'INSERT INTO checkpoints (run_id, epoch, created_at, metrics, byte_length, hash, weights, optimizer, optimizer_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          runId,
          input.epoch,
          now(),
          input.metrics ? JSON.stringify(input.metrics) : null,
          blob.length,
          hash,
          blob,
          optimizer?.blob ?? null,
          optimizer?.hash ?? null,
        ).lastInsertRowid,
    );
  if (same !== undefined && optimizer)
    db.prepare('UPDATE checkpoints SET optimizer = ?, optimizer_hash = ? WHERE id = ?').run(optimizer.blob, optimizer.hash, same);
  if (asLast) db.prepare('UPDATE runs SET last_checkpoint_id = ? WHERE id = ?').run(id, runId);
  if (asBest) db.prepare('UPDATE runs SET best_checkpoint_id = ? WHERE id = ?').run(id, runId);
  db.prepare(
    `DELETE FROM checkpoints WHERE run_id = @run
       AND id IS NOT (SELECT best_checkpoint_id FROM runs WHERE id = @run)
       AND id IS NOT (SELECT last_checkpoint_id FROM runs WHERE id = @run)`,
  ).run({ run: runId });
  return id;
}

function checkpointInfo(row: Row): CheckpointInfo {
  return {
    id: row.id as number,
    epoch: row.epoch as number,
    createdAt: row.created_at as string,
    byteLength: row.byte_length as number,
    metrics: row.metrics ? parseJson(row.metrics, { what: 'checkpointMetrics' }) : undefined,
  };
}

export function checkpointPointer(db: Database.Database, runId: number, which: 'best' | 'last'): CheckpointInfo | undefined {
  const column = which === 'best' ? 'best_checkpoint_id' : 'last_checkpoint_id';
  const row = db
    .prepare(
      `SELECT c.id, c.epoch, c.created_at, c.byte_length, c.metrics FROM runs r JOIN checkpoints c ON c.id = r.${column} WHERE r.id = ?`,
    )
    .get(runId) as Row | undefined;
  return row && checkpointInfo(row);
}

export function readCheckpoint(db: Database.Database, runId: number, which: 'best' | 'last'): LoadedCheckpoint {
  runStatusOf(db, runId);
  const info = checkpointPointer(db, runId, which);
  if (!info) throw new StoreError('not-found-in-file', problem('store:noCheckpoint', { runId, which }));
  const stored = db.prepare('SELECT length(weights) AS size, hash FROM checkpoints WHERE id = ?').get(info.id) as {
    size: number;
    hash: string;
  };
  if (stored.size > limits.checkpointBytes) {
    throw new StoreError('too-large', problem('store:checkpointTooLarge', { runId, which }));
  }
  const blob = db.prepare('SELECT weights FROM checkpoints WHERE id = ?').pluck().get(info.id) as Buffer;
  if (sha256(blob) !== stored.hash) {
    throw new StoreError('damaged', problem('store:checkpointDamaged', { runId, which }));
  }
  const saved = db.prepare('SELECT optimizer, optimizer_hash AS hash FROM checkpoints WHERE id = ?').get(info.id) as {
    optimizer: Buffer | null;
    hash: string | null;
  };
  if (saved.optimizer && sha256(saved.optimizer) !== saved.hash)
    throw new StoreError('damaged', problem('store:optimizerDamaged', { runId, which }));
  return { ...info, runId, weights: decodeWeights(blob), ...(saved.optimizer ? { optimizer: decodeWeights(saved.optimizer) } : {}) };
}

export function setRunStatus(db: Database.Database, runId: number, status: RunStatus, error?: Problem): void {
  if (!runStatuses.includes(status)) throw new StoreError('invalid', problem('store:notAStatus', { status, statuses: [...runStatuses] }));
  if (status === 'running') throw new StoreError('invalid', problem('store:setRunning', {}));
  requireRunning(db, runId, { action: 'mark', newStatus: statusKey(status) });
  db.prepare(
    'UPDATE runs SET status = ?, ended_at = ?, error = ?, owner_pid = NULL, owner_host = NULL, owner_boot = NULL WHERE id = ?',
  ).run(status, now(), error ? storedRunMessage(error) : null, runId);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When this computer started, in seconds since 1970: with the host name, tells a process id of this boot from a reused one. */
export function bootTime(): number {
  return Math.round(Date.now() / 1000 - uptime());
}

interface Owner {
  status: unknown;
  owner_pid: unknown;
  owner_host: unknown;
  owner_boot: unknown;
}

/**
 * A run still marked running whose process is gone was cut short by a crash or a kill. The owner
 * is gone when it ran on another boot of this computer (the id may since have been reused), or its
 * process no longer exists. A run owned by another computer (a file on a shared drive) is treated
 * as gone too: that computer cannot be asked.
 */
export function ownerIsGone(row: Owner): boolean {
  if (row.status !== 'running') return false;
  if (typeof row.owner_pid !== 'number' || row.owner_host !== hostname()) return true;
  if (typeof row.owner_boot !== 'number' || Math.abs(row.owner_boot - bootTime()) > 120) return true;
  return !isAlive(row.owner_pid);
}

/**
 * Marks runs left running by a process that no longer exists as interrupted, keeping their
 * completed epochs and checkpoints. Their end time is that of their last completed epoch.
 * Runs of this host still owned by a live process (training right now elsewhere) are left alone.
 */
export function markInterrupted(db: Database.Database): number[] {
  const rows = db.prepare("SELECT id, status, owner_pid, owner_host, owner_boot FROM runs WHERE status = 'running'").all() as (Row &
    Owner)[];
  const gone = rows.filter(ownerIsGone);
  const update = db.prepare(
    `UPDATE runs SET status = 'interrupted', owner_pid = NULL, owner_host = NULL, owner_boot = NULL,
       ended_at = coalesce((SELECT max(ended_at) FROM epochs WHERE run_id = @run), started_at),
       error = @error
     WHERE id = @run`,
  );
  const error = storedRunMessage(problem('store:runInterrupted', {}));
  for (const row of gone) update.run({ run: row.id, error });
  return gone.map((r) => r.id as number);
}

const summaryQuery = `
SELECT r.*,
  (SELECT count(*) FROM epochs e WHERE e.run_id = r.id) AS epoch_count,
  (SELECT max(val_accuracy) FROM epochs e WHERE e.run_id = r.id) AS best_val_accuracy,
  (SELECT min(val_loss) FROM epochs e WHERE e.run_id = r.id) AS best_val_loss,
  (SELECT loss FROM epochs e WHERE e.run_id = r.id ORDER BY epoch DESC LIMIT 1) AS last_loss,
  (SELECT max(ended_at) FROM epochs e WHERE e.run_id = r.id) AS last_epoch_at
FROM runs r`;

function summaryFromRow(row: Row): RunSummary {
  const status = ownerIsGone(row as Row & Owner) ? 'interrupted' : (row.status as RunStatus);
  const startedAt = row.started_at as string;
  const endedAt = opt(row.ended_at as string | null) ?? (status === 'interrupted' ? opt(row.last_epoch_at as string | null) : undefined);
  return {
    id: row.id as number,
    status,
    epochs: row.epoch_count as number,
    plannedEpochs: opt(row.planned_epochs as number | null),
    bestValAccuracy: opt(row.best_val_accuracy as number | null),
    bestValLoss: opt(row.best_val_loss as number | null),
    lastLoss: opt(row.last_loss as number | null),
    backend: row.backend as string,
    device: opt(row.device as string | null),
    seed: row.seed as number,
    appVersion: row.app_version as string,
    graphVersionId: row.graph_version_id as number,
    datasetHash: opt(row.dataset_hash as string | null),
    startedAt,
    endedAt,
    durationSeconds: endedAt ? Math.max(0, (Date.parse(endedAt) - Date.parse(startedAt)) / 1000) : undefined,
    error: runMessageOf(row.error as string | null),
    resumedFrom: opt(row.resumed_from as number | null),
    hasBestCheckpoint: row.best_checkpoint_id !== null,
    hasLastCheckpoint: row.last_checkpoint_id !== null,
  };
}

export function listRuns(db: Database.Database): RunSummary[] {
  return (db.prepare(`${summaryQuery} ORDER BY r.id`).all() as Row[]).map(summaryFromRow);
}

export function getRunRow(
  db: Database.Database,
  runId: number,
): { summary: RunSummary; training: TrainingSettings; project: Project; datasetId?: number } {
  const row = db
    .prepare(
      `${summaryQuery.replace('FROM runs r', 'FROM runs r JOIN graph_versions v ON v.id = r.graph_version_id').replace('SELECT r.*', 'SELECT r.*, v.project AS version_project')} WHERE r.id = ?`,
    )
    .get(runId) as Row | undefined;
  if (!row) throw new StoreError('not-found-in-file', problem('store:runNotFound', { runId }));
  return {
    summary: summaryFromRow(row),
    training: parseJson(row.training, { what: 'runTraining', runId }),
    project: parseJson(row.version_project, { what: 'runGraph', runId }),
    datasetId: opt(row.dataset_id as number | null),
  };
}

export function insertEvaluation(db: Database.Database, runId: number, e: EvaluationInput): number {
  runStatusOf(db, runId);
  if (e.confusion && !e.confusion.every((r) => Array.isArray(r) && r.every((v) => Number.isFinite(v))))
    throw new StoreError('invalid', problem('store:confusionShape', {}));
  return Number(
    db
      .prepare(
        'INSERT INTO evaluations (run_id, checkpoint, created_at, samples, test_loss, test_accuracy, labels, confusion) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        runId,
        e.checkpoint,
        now(),
        e.samples ?? null,
        finiteOrNull(e.testLoss),
        finiteOrNull(e.testAccuracy),
        e.labels ? JSON.stringify(e.labels) : null,
        e.confusion ? JSON.stringify(e.confusion) : null,
      ).lastInsertRowid,
  );
}

export function listEvaluations(db: Database.Database, runId: number): Evaluation[] {
  return (db.prepare('SELECT * FROM evaluations WHERE run_id = ? ORDER BY id').all(runId) as Row[]).map((row) => ({
    id: row.id as number,
    checkpoint: row.checkpoint as 'best' | 'last',
    createdAt: row.created_at as string,
    samples: opt(row.samples as number | null),
    testLoss: opt(row.test_loss as number | null),
    testAccuracy: opt(row.test_accuracy as number | null),
    labels: row.labels ? parseJson<string[]>(row.labels, { what: 'evaluationLabels' }) : undefined,
    confusion: row.confusion ? parseJson<number[][]>(row.confusion, { what: 'confusion' }) : undefined,
  }));
}

export function insertExport(db: Database.Database, e: ExportInput): number {
  if (e.runId !== undefined) runStatusOf(db, e.runId);
  return Number(
    db
      .prepare('INSERT INTO exports (run_id, format, path, bytes, details, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.runId ?? null, e.format, e.path ?? null, e.bytes ?? null, e.details ? JSON.stringify(e.details) : null, now()).lastInsertRowid,
  );
}

export function listExports(db: Database.Database, runId?: number): ExportRecord[] {
  const rows = (
    runId === undefined
      ? db.prepare('SELECT * FROM exports ORDER BY id').all()
      : db.prepare('SELECT * FROM exports WHERE run_id = ? ORDER BY id').all(runId)
  ) as Row[];
  return rows.map((row) => ({
    id: row.id as number,
    runId: opt(row.run_id as number | null),
    format: row.format as string,
    path: opt(row.path as string | null),
    bytes: opt(row.bytes as number | null),
    details: row.details ? parseJson(row.details, { what: 'exportDetails' }) : undefined,
    createdAt: row.created_at as string,
  }));
}

export function deleteRunRows(db: Database.Database, runId: number): void {
  runStatusOf(db, runId);
  // Pointers first, so the checkpoints can go; epochs, checkpoints and evaluations cascade.
  db.prepare('UPDATE runs SET best_checkpoint_id = NULL, last_checkpoint_id = NULL WHERE id = ?').run(runId);
  db.prepare('DELETE FROM runs WHERE id = ?').run(runId);
}

/** Reopens an interrupted or stopped run at its last checkpoint; epochs after that checkpoint are dropped (they will be trained again). */
export function reopenRun(db: Database.Database, runId: number): void {
  const status = runStatusOf(db, runId);
  if (status !== 'interrupted' && status !== 'stopped')
    throw new StoreError('invalid', problem('store:notResumable', { runId, status: statusKey(status) }));
  const last = checkpointPointer(db, runId, 'last');
  if (!last) {
    throw new StoreError('invalid', problem('store:resumeNoCheckpoint', { runId }));
  }
  db.prepare('DELETE FROM epochs WHERE run_id = ? AND epoch > ?').run(runId, last.epoch);
  db.prepare(
    "UPDATE runs SET status = 'running', ended_at = NULL, error = NULL, owner_pid = ?, owner_host = ?, owner_boot = ? WHERE id = ?",
  ).run(process.pid, hostname(), bootTime(), runId);
}
