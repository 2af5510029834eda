import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseProjectText } from '../model/project-io';
import { StoreError, writeError } from './errors';
import { ProjectStore } from './project-store';
import { APPLICATION_ID, SCHEMA_VERSION } from './schema';
import { closeAll, denseWeights, epochMetrics, fileHash, smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';
import { problem } from '../i18n/catalogue';
import { problemText } from '../i18n/translate';

let dir: string;
const open: ProjectStore[] = [];

function create(name = 'p.nbproj', project = smallProject()): ProjectStore {
  const store = ProjectStore.create(join(dir, name), project);
  open.push(store);
  return store;
}

function reopen(path: string, options = {}): ProjectStore {
  const store = ProjectStore.open(path, options);
  open.push(store);
  return store;
}

function runWithEpochs(store: ProjectStore, epochs: number, project = smallProject()): number {
  const runId = store.startRun({ project, backend: 'cpu', device: 'test CPU' });
  for (let e = 1; e <= epochs; e++) {
    store.recordEpoch(runId, epochMetrics(e));
    store.saveCheckpoint(runId, { epoch: e, weights: denseWeights([2, 8, 2], e), best: e === 2 });
  }
  return runId;
}

tempDirPerTest((path) => (dir = path));
afterEach(() => closeAll(open.splice(0)));

describe('creating and opening', () => {
  it('creates a file stamped with our application id and schema version, in WAL mode', () => {
    const store = create();
    store.close();
    expect(existsSync(`${store.path}-wal`)).toBe(false);
    const db = new Database(store.path, { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('round-trips the project and refuses to overwrite an existing file', () => {
    const store = create();
    expect(store.project()).toEqual(smallProject());
    expect(() => ProjectStore.create(store.path, smallProject())).toThrow(/already exists/);
    store.close();
    const again = reopen(store.path);
    expect(again.project().name).toBe('Small MLP');
    expect(again.listVersions()).toMatchObject([{ kind: 'created' }]);
  });

  it('refuses project JSON that does not validate, and creates no file', () => {
    expect(() =>
      ProjectStore.create(join(dir, 'bad.nbproj'), { format: 'neuroblocks.project', version: 1, graph: { nodes: 'x' } }),
    ).toThrow(/graph\.nodes/);
    expect(existsSync(join(dir, 'bad.nbproj'))).toBe(false);
  });

  it('uses every connection with trusted_schema off and foreign keys on', () => {
    const store = create();
    expect(store.connection.pragma('trusted_schema', { simple: true })).toBe(0);
    expect(store.connection.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.connection.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('reports operations on a closed project clearly', () => {
    const store = create();
    store.close();
    expect(() => store.project()).toThrow(/is closed/);
    expect(() => store.close()).not.toThrow();
  });
});

describe('versions, autosave and JSON', () => {
  it('saves explicit versions with messages and restores an older one as a new version', () => {
    const store = create();
    const changed = { ...smallProject(), name: 'Wider' };
    changed.graph.nodes[1].params.units = 32;
    const v2 = store.save(changed, 'wider hidden layer');
    expect(v2).toMatchObject({ kind: 'explicit', message: 'wider hidden layer', name: 'Wider' });
    expect(store.project().graph.nodes[1].params.units).toBe(32);
    const versions = store.listVersions();
    expect(versions.map((v) => v.kind)).toEqual(['explicit', 'created']);
    const restored = store.restoreVersion(versions[1].id);
    expect(restored.graph.nodes[1].params.units).toBe(8);
    expect(store.project().graph.nodes[1].params.units).toBe(8);
    expect(store.listVersions()[0]).toMatchObject({ kind: 'restored', message: `Restored version ${versions[1].id}` });
    expect(store.getVersion(v2.id).name).toBe('Wider');
    expect(() => store.getVersion(999)).toThrow(/Version 999 does not exist/);
  });

  it('autosaves within a second, debounced, and coalesces consecutive autosaves', async () => {
    vi.useFakeTimers();
    try {
      const store = create();
      const events: unknown[] = [];
      store.onAutosave((e) => events.push(e));
      const edit = (units: number) => {
        const p = smallProject();
        p.graph.nodes[1].params.units = units;
        store.scheduleAutosave(p);
      };
      // Edits every 300 ms never let the 400 ms debounce expire, but the 1 s cap still saves.
      for (let i = 0; i < 4; i++) {
        edit(10 + i);
        vi.advanceTimersByTime(300);
      }
      expect(events).toHaveLength(1);
      expect(store.project().graph.nodes[1].params.units).toBeGreaterThanOrEqual(12);
      edit(20);
      vi.advanceTimersByTime(1000);
      expect(store.project().graph.nodes[1].params.units).toBe(20);
      expect(store.hasPendingAutosave).toBe(false);
      // Both autosaves share one version row.
      expect(store.listVersions().map((v) => v.kind)).toEqual(['autosave', 'created']);
      // An unchanged project writes nothing.
      edit(20);
      vi.advanceTimersByTime(1000);
      expect(events).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('commits an autosaved edit to the file within a second, visible to another connection', async () => {
    const store = create();
    const started = Date.now();
    store.scheduleAutosave({ ...smallProject(), name: 'Dragged a block' });
    const reader = reopen(store.path, { readOnly: true });
    while (reader.project().name !== 'Dragged a block' && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 20));
    expect(reader.project().name).toBe('Dragged a block');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('writes a pending autosave on close', () => {
    const store = create();
    store.scheduleAutosave({ ...smallProject(), name: 'Edited' });
    store.close();
    expect(reopen(store.path).project().name).toBe('Edited');
  });

  it('exports project JSON without runs and imports JSON as a new version', () => {
    const store = create();
    runWithEpochs(store, 1);
    const text = store.exportProjectJson();
    expect(parseProjectText(text)).toEqual(smallProject());
    expect(text).not.toMatch(/checkpoint|weights|valAccuracy/);
    const imported = store.importProjectJson(text.replace('"Small MLP"', '"Imported"'), 'from a colleague');
    expect(imported.name).toBe('Imported');
    expect(store.listVersions()[0]).toMatchObject({ kind: 'imported', message: 'from a colleague' });
    expect(() => store.importProjectJson('{ nope')).toThrow(/not valid JSON/);
  });
});

describe('runs', () => {
  it('records a run with its full snapshot, epochs, checkpoints, evaluation and exports', () => {
    const store = create();
    const runId = store.startRun({
      project: smallProject(),
      backend: 'wasm',
      device: 'CPU (WASM, 2 threads)',
      dataset: {
        kind: 'builtin',
        name: 'spirals',
        contentHash: 'abc123',
        summary: { samples: 200, classes: 2 },
        embedded: new Uint8Array([1, 2, 3]),
      },
    });
    for (let e = 1; e <= 3; e++) store.recordEpoch(runId, epochMetrics(e));
    store.saveCheckpoint(runId, { epoch: 3, weights: denseWeights([2, 8, 2], 3), best: true, metrics: { valAccuracy: 0.48 } });
    store.recordEvaluation(runId, {
      checkpoint: 'best',
      samples: 40,
      testLoss: 0.3,
      testAccuracy: 0.9,
      labels: ['a', 'b'],
      confusion: [
        [18, 2],
        [2, 18],
      ],
    });
    store.recordExport({ runId, format: 'tfjs', path: '/tmp/model', bytes: 1234, details: { quantized: false } });
    store.finishRun(runId, 'completed');

    const run = store.getRun(runId);
    expect(run).toMatchObject({
      status: 'completed',
      epochs: 3,
      plannedEpochs: 5,
      backend: 'wasm',
      device: 'CPU (WASM, 2 threads)',
      seed: 7,
      appVersion: JSON.parse(readFileSync('package.json', 'utf8')).version,
      datasetHash: 'abc123',
      bestValAccuracy: 0.48,
      hasBestCheckpoint: true,
      hasLastCheckpoint: true,
    });
    expect(run.training).toEqual(smallProject().training);
    expect(run.project).toEqual(smallProject());
    expect(run.graphVersionId).toBe(store.listVersions()[0].id);
    expect(run.dataset).toMatchObject({ kind: 'builtin', contentHash: 'abc123', summary: { samples: 200 }, embeddedBytes: 3 });
    expect([...(store.getEmbeddedDataset(run.dataset!.id) ?? [])]).toEqual([1, 2, 3]);
    expect(run.epochMetrics).toEqual([1, 2, 3].map(epochMetrics));
    expect(run.best).toMatchObject({ epoch: 3, metrics: { valAccuracy: 0.48 } });
    expect(run.evaluations[0]).toMatchObject({
      checkpoint: 'best',
      testAccuracy: 0.9,
      confusion: [
        [18, 2],
        [2, 18],
      ],
    });
    expect(run.exports[0]).toMatchObject({ format: 'tfjs', bytes: 1234, details: { quantized: false } });
    expect(run.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(store.listExports()).toHaveLength(1);
  });

  it('records the graph of a run as a version when it differs from the saved one', () => {
    const store = create();
    const other = smallProject('Other');
    const runId = store.startRun({ project: other, backend: 'cpu' });
    expect(store.getRun(runId).project.name).toBe('Other');
    expect(store.listVersions()[0]).toMatchObject({ kind: 'run', name: 'Other' });
    expect(store.project().name).toBe('Small MLP');
  });

  it('keeps epochs an exact prefix: out-of-order epochs and epochs of a finished run are refused', () => {
    const store = create();
    const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.recordEpoch(runId, epochMetrics(1));
    expect(() => store.recordEpoch(runId, epochMetrics(3))).toThrow(/expects epoch 2 next, not 3/);
    expect(() => store.recordEpoch(runId, epochMetrics(1))).toThrow(/expects epoch 2/);
    store.finishRun(runId, 'stopped');
    expect(() => store.recordEpoch(runId, epochMetrics(2))).toThrow(/it is stopped, not running/);
    expect(() => store.finishRun(runId, 'completed')).toThrow(/not running/);
    expect(() => store.recordEpoch(runId, epochMetrics(2))).toThrow(
      expect.objectContaining({ fr: 'Impossible d’enregistrer une époque de l’entraînement 1 : il est arrêté, et non en cours.' }),
    );
  });

  it('stores NaN metrics of a diverged run as missing values', () => {
    const store = create();
    const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.recordEpoch(runId, { ...epochMetrics(1), loss: Number.NaN });
    const why = problem('train:diverged', { epoch: 1, batch: 3, learningRate: 0.5, lower: 0.05 });
    store.finishRun(runId, 'diverged', why);
    expect(store.getRun(runId)).toMatchObject({ status: 'diverged', error: why, epochMetrics: [{ loss: null }] });
  });

  it('keeps only the best and last checkpoints and loads them back exactly', () => {
    const store = create();
    const runId = runWithEpochs(store, 4);
    const count = store.connection.prepare('SELECT count(*) FROM checkpoints').pluck().get();
    expect(count).toBe(2);
    const last = store.loadCheckpoint(runId, 'last');
    const best = store.loadCheckpoint(runId, 'best');
    expect(last.epoch).toBe(4);
    expect(best.epoch).toBe(2);
    expect(last.weights).toEqual(denseWeights([2, 8, 2], 4));
    expect(best.weights).toEqual(denseWeights([2, 8, 2], 2));
    expect(() => store.loadCheckpoint(999)).toThrow(/Run 999 does not exist/);
  });

  it('stores the same weights saved as best and then as last only once', () => {
    const store = create();
    const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.recordEpoch(runId, epochMetrics(1));
    store.saveCheckpoint(runId, { epoch: 1, weights: denseWeights([2, 8, 2], 1), best: true, last: false });
    store.saveCheckpoint(runId, { epoch: 1, weights: denseWeights([2, 8, 2], 1) });
    expect(store.connection.prepare('SELECT count(*) FROM checkpoints').pluck().get()).toBe(1);
    expect(store.getRun(runId)).toMatchObject({ best: { epoch: 1 }, last: { epoch: 1 } });
  });

  it('detects a checkpoint whose bytes were changed', () => {
    const store = create();
    const runId = runWithEpochs(store, 1);
    store.connection.prepare('UPDATE checkpoints SET weights = zeroblob(length(weights))').run();
    expect(() => store.loadCheckpoint(runId)).toThrow(/damaged/);
  });

  it('lists, compares and deletes runs', () => {
    const store = create();
    const a = runWithEpochs(store, 2);
    store.finishRun(a, 'completed');
    const wider = smallProject();
    wider.graph.nodes[1].params.units = 16;
    wider.training.learningRate = 0.1;
    const b = runWithEpochs(store, 3, wider);
    store.finishRun(b, 'early-stopped');
    expect(store.listRuns().map((r) => [r.id, r.status, r.epochs])).toEqual([
      [a, 'completed', 2],
      [b, 'early-stopped', 3],
    ]);
    const comparison = store.compareRuns([a, b]);
    expect(comparison.settings).toEqual([{ key: 'training.learningRate', values: [0.01, 0.1] }]);
    expect(comparison.graphChanges).toEqual([[], ['h.units: 8 → 16']]);
    expect(comparison.epochs.map((e) => e.length)).toEqual([2, 3]);
    store.deleteRun(a);
    expect(store.listRuns().map((r) => r.id)).toEqual([b]);
    expect(store.connection.prepare('SELECT count(*) FROM epochs WHERE run_id = ?').pluck().get(a)).toBe(0);
    expect(store.connection.prepare('SELECT count(*) FROM checkpoints WHERE run_id = ?').pluck().get(a)).toBe(0);
    expect(() => store.deleteRun(a)).toThrow(/does not exist/);
  });

  it('marks a run left running by a dead process as interrupted on open, and resumes it from its last checkpoint', () => {
    const store = create();
    const runId = runWithEpochs(store, 3);
    store.recordEpoch(runId, epochMetrics(4)); // an epoch after the last checkpoint
    // Make the run look like it belonged to a process that no longer exists.
    store.connection.prepare('UPDATE runs SET owner_pid = 2147483646 WHERE id = ?').run(runId);
    expect(store.listRuns()[0].status).toBe('interrupted');
    store.close();

    const again = reopen(store.path);
    expect(again.interruptedOnOpen).toEqual([runId]);
    const run = again.getRun(runId);
    expect(run).toMatchObject({ status: 'interrupted', epochs: 4 });
    expect(run.error?.code).toBe('store:runInterrupted');
    expect(problemText(run.error!, 'en')).toMatch(/stopped unexpectedly/);
    expect(problemText(run.error!, 'fr')).toMatch(/s’est arrêté de façon inattendue/);
    expect(again.resumePoint(runId)).toMatchObject({ nextEpoch: 4, plannedEpochs: 5, checkpoint: { epoch: 3 } });

    const resume = again.resumeRun(runId);
    expect(resume.checkpoint.weights).toEqual(denseWeights([2, 8, 2], 3));
    expect(again.getRun(runId)).toMatchObject({ status: 'running', epochs: 3 });
    again.recordEpoch(runId, epochMetrics(4));
    again.finishRun(runId, 'completed');
    expect(again.getRun(runId).epochs).toBe(4);
    expect(() => again.resumeRun(runId)).toThrow(/only an interrupted or stopped run/);
  });

  it('leaves a run alone while the process training it is alive', () => {
    const store = create();
    const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
    const second = reopen(store.path);
    expect(second.interruptedOnOpen).toEqual([]);
    expect(second.getRun(runId).status).toBe('running');
  });

  it('treats a run owned by this computer before a restart as interrupted, even if its process id is in use again', () => {
    const store = create();
    const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.connection.prepare('UPDATE runs SET owner_boot = owner_boot - 3600 WHERE id = ?').run(runId);
    expect(store.listRuns()[0].status).toBe('interrupted');
  });

  it('refuses to resume a run without a checkpoint', () => {
    const store = create();
    const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.finishRun(runId, 'stopped');
    expect(() => store.resumeRun(runId)).toThrow(/no checkpoint/);
  });
});

describe('saving copies', () => {
  it('"save as" copies through the backup API and goes on in the new file; the old file is unchanged', async () => {
    const store = create();
    const runId = runWithEpochs(store, 2);
    store.close();
    const original = reopen(store.path);
    const before = fileHash(original.path);
    const target = join(dir, 'copy.nbproj');
    await original.saveAs(target);
    expect(original.path).toBe(target);
    original.save({ ...smallProject(), name: 'Only in the copy' });
    expect(original.loadCheckpoint(runId).epoch).toBe(2);
    original.close();
    expect(fileHash(store.path)).toBe(before);
    expect(reopen(store.path).project().name).toBe('Small MLP');
    expect(reopen(target).project().name).toBe('Only in the copy');
  });

  it('lets a project opened read-only be saved elsewhere and edited there', async () => {
    const store = create();
    store.close();
    const readOnly = reopen(store.path, { readOnly: true });
    const target = join(dir, 'writable.nbproj');
    await readOnly.saveAs(target);
    expect(readOnly.readOnly).toBe(false);
    readOnly.save({ ...smallProject(), name: 'Edited copy' });
    expect(readOnly.project().name).toBe('Edited copy');
  });

  it('backs up a project while a run is being written to it', async () => {
    const store = create();
    const runId = runWithEpochs(store, 2);
    const target = join(dir, 'backup.nbproj');
    await store.backupTo(target);
    store.recordEpoch(runId, epochMetrics(3));
    const copy = reopen(target, { readOnly: true });
    expect(copy.integrityCheck()).toEqual([]);
    expect(copy.getRun(runId).epochs).toBe(2);
    await expect(store.backupTo(store.path)).rejects.toThrow(/cannot be saved over/);
  });
});

describe('failures while saving', () => {
  it('reports a full disk clearly and keeps the previous state readable', () => {
    const store = create();
    const runId = runWithEpochs(store, 1);
    const pages = store.connection.pragma('page_count', { simple: true }) as number;
    store.connection.pragma(`max_page_count = ${pages}`);
    const big = denseWeights([2, 4000, 2], 99); // ~100 KB, more than the file can grow by
    let error: unknown;
    try {
      store.saveCheckpoint(runId, { epoch: 2, weights: big });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('disk-full');
    expect((error as Error).message).toMatch(/disk is full.*Nothing was lost/);
    expect(store.loadCheckpoint(runId).epoch).toBe(1);
    expect(store.loadCheckpoint(runId).weights).toEqual(denseWeights([2, 8, 2], 1));
    store.connection.pragma('max_page_count = 1073741823');
    store.close();
    const again = reopen(store.path);
    expect(again.integrityCheck()).toEqual([]);
    expect(again.getRun(runId).epochs).toBe(1);
  });

  it('reports a full disk during autosave to listeners and keeps the saved project', () => {
    const store = create();
    const events: { error?: Error }[] = [];
    store.onAutosave((e) => events.push(e));
    store.connection.pragma(`max_page_count = ${store.connection.pragma('page_count', { simple: true })}`);
    const huge = smallProject('Huge');
    huge.description = 'x'.repeat(9000);
    store.scheduleAutosave(huge);
    expect(() => store.flushAutosave()).toThrow(/disk is full/);
    expect(events[0].error).toBeInstanceOf(StoreError);
    expect(store.project().name).toBe('Small MLP');
  });

  it('opens read-only without writing, and refuses writes with a clear message', () => {
    const store = create();
    runWithEpochs(store, 1);
    store.close();
    const before = fileHash(store.path);
    const mtime = statSync(store.path).mtimeMs;
    const readOnly = reopen(store.path, { readOnly: true });
    expect(readOnly.readOnly).toBe(true);
    expect(readOnly.listRuns()).toHaveLength(1);
    expect(() => readOnly.save(smallProject('x'))).toThrow(/open read-only/);
    expect(() => readOnly.scheduleAutosave(smallProject('x'))).toThrow(StoreError);
    readOnly.close();
    expect(fileHash(store.path)).toBe(before);
    expect(statSync(store.path).mtimeMs).toBe(mtime);
  });

  it('turns a read-only database error into a clear message', () => {
    const store = create();
    store.close();
    // A second connection that SQLite itself treats as read-only, as a write-protected disk would.
    const db = new Database(store.path, { readonly: true });
    let error: unknown;
    try {
      db.prepare("UPDATE project SET name = 'x'").run();
    } catch (e) {
      error = e;
    }
    db.close();
    const message = writeError(error, { action: 'save' }, store.path);
    expect(message).toBeInstanceOf(StoreError);
    expect((message as StoreError).code).toBe('read-only');
    expect((message as StoreError).problem).toEqual({ code: 'store:writeReadOnly', params: { action: 'save', path: store.path } });
    expect(message.message).toMatch(/read-only.*Nothing was lost/);
    expect((message as StoreError).fr).toMatch(/^Impossible d’enregistrer le projet : .* est en lecture seule .*Rien n’a été perdu/);
  });
});
