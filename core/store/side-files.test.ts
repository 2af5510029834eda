// Reading a project file, or refusing one, leaves its folder as it was: SQLite creates `-wal` and
// `-shm` files beside a WAL-mode file even for a read-only connection, which cannot remove them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteProjectFormat } from '../services/sqlite-project-format';
import { inspectProjectFile } from './inspect';
import { ProjectStore } from './project-store';
import { epochMetrics, fileHash, smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

const listing = () => readdirSync(dir).sort();

/** A closed project file with a run, in WAL mode like every project file. */
function projectFile(name = 'p.nbproj'): string {
  const store = ProjectStore.create(join(dir, name), smallProject());
  const runId = store.startRun({ project: smallProject(), backend: 'cpu' });
  store.recordEpoch(runId, epochMetrics(1));
  store.finishRun(runId, 'completed');
  store.close();
  return store.path;
}

function walMode(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('journal_mode', { simple: true }) as string;
  } finally {
    db.close();
  }
}

describe('a read-only open leaves the folder as it was', () => {
  it('reading a WAL-mode project file (runs, project) leaves no -wal or -shm file and the bytes unchanged', async () => {
    const path = projectFile();
    expect(listing()).toEqual(['p.nbproj']);
    const hash = fileHash(path);
    const store = ProjectStore.open(path, { readOnly: true });
    expect(store.listRuns()).toHaveLength(1);
    expect(store.project().name).toBe('Small MLP');
    store.close();
    expect(listing()).toEqual(['p.nbproj']);
    inspectProjectFile(path);
    expect(listing()).toEqual(['p.nbproj']);
    expect((await sqliteProjectFormat.read(path)).name).toBe('Small MLP');
    expect(listing()).toEqual(['p.nbproj']);
    expect(fileHash(path)).toBe(hash);
    expect(walMode(path)).toBe('wal');
    expect(listing()).toEqual(['p.nbproj', 'p.nbproj-shm', 'p.nbproj-wal']);
  });

  it('a refused file (from a newer Neuroblocks, or with a damaged project) is left alone, log files included', () => {
    for (const [name, damage] of [
      ['newer.nbproj', 'PRAGMA user_version = 99'],
      ['damaged.nbproj', 'UPDATE project SET project = \'{"format": "neuroblocks.project"\''],
    ] as const) {
      const path = projectFile(name);
      const db = new Database(path);
      db.exec(damage);
      db.close();
      const before = listing();
      const hash = fileHash(path);
      expect(() => ProjectStore.open(path, { readOnly: true })).toThrow();
      expect(() => ProjectStore.open(path)).toThrow();
      expect(() => inspectProjectFile(path)).toThrow();
      expect(listing()).toEqual(before);
      expect(fileHash(path)).toBe(hash);
    }
  });

  it('a read-only open while a writer works leaves the writer its log files, and the writer then removes them', () => {
    const path = projectFile();
    const writer = ProjectStore.open(path);
    const runId = writer.startRun({ project: smallProject(), backend: 'cpu' });
    writer.recordEpoch(runId, epochMetrics(1));
    expect(listing()).toEqual(['p.nbproj', 'p.nbproj-shm', 'p.nbproj-wal']);
    const reader = ProjectStore.open(path, { readOnly: true });
    expect(reader.listRuns().map((r) => r.id)).toContain(runId);
    reader.close();
    expect(listing()).toEqual(['p.nbproj', 'p.nbproj-shm', 'p.nbproj-wal']);
    writer.recordEpoch(runId, epochMetrics(2));
    writer.finishRun(runId, 'completed');
    writer.close();
    expect(listing()).toEqual(['p.nbproj']);
    const check = ProjectStore.open(path, { readOnly: true });
    expect(check.getRun(runId).epochMetrics).toHaveLength(2);
    check.close();
    expect(listing()).toEqual(['p.nbproj']);
  });
});
