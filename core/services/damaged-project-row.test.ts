// A project file whose current project (its row in the `project` table) cannot be read is refused
// by every writer, as it is by open, and is left byte for byte as it was.
import { rm } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../cli/main';
import { recordingIo } from '../cli/test-io';
import { ProjectStore } from '../store/index';
import { openTrainingTarget } from '../store/training-target';
import { epochMetrics, fileHash, smallProject, denseWeights, writeProjectJson } from '../store/test-helpers';
import { serviceFolderPerTest, webService } from './test-service';

let root: string;
let file: string;
let runId: number;

serviceFolderPerTest('neuroblocks-damaged-row-', (folder) => (root = folder.root));
beforeEach(() => {
  file = path.join(root, 'damaged.nbproj');
  const store = ProjectStore.create(file, smallProject());
  runId = store.startRun({ project: smallProject(), backend: 'cpu' });
  store.recordEpoch(runId, epochMetrics(1));
  store.saveCheckpoint(runId, { epoch: 1, weights: denseWeights([2, 8, 2], 1) });
  store.finishRun(runId, 'stopped');
  store.close();
  // The stored project is cut short, as a disk error or another program could leave it.
  const db = new Database(file);
  db.exec(`UPDATE project SET project = substr(project, 1, 40) WHERE id = 1`);
  db.close();
});

function service() {
  return webService({ root, projectsDir: root });
}

/** Runs `write`, which must be refused, and checks that the file and its folder are as they were. */
async function refusedAndUnchanged(
  write: () => unknown,
  message: RegExp = /damaged\.nbproj is damaged: its project \(graph and settings\) cannot be read/,
): Promise<void> {
  const hash = fileHash(file);
  const listing = readdirSync(root).sort();
  let error: unknown;
  try {
    await write();
  } catch (e) {
    error = e;
  }
  expect(error, 'the write was not refused').toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(message);
  expect(fileHash(file)).toBe(hash);
  expect(readdirSync(root).sort()).toEqual(listing);
}

describe('a project file whose stored project is damaged', () => {
  it('is refused by opening it for writing, and says so in French too', async () => {
    await refusedAndUnchanged(() => ProjectStore.open(file));
    try {
      ProjectStore.open(file, { readOnly: true });
    } catch (error) {
      expect((error as { fr?: string }).fr).toMatch(/damaged\.nbproj est endommagé : son projet \(graphe et réglages\) est illisible/);
    }
  });

  it('is not recorded into by training another project with --save (store and command line)', async () => {
    const other = writeProjectJson(root, smallProject('Other'), 'other.json');
    await refusedAndUnchanged(() => openTrainingTarget(other, { save: file }));
    const io = recordingIo();
    await refusedAndUnchanged(async () => {
      const code = await main(['train', other, '--save', file, '--epochs', '1'], io);
      throw new Error(`exit ${code}: ${io.stderr.join('\n')}`);
    }, /^exit 1: .*damaged\.nbproj is damaged: its project/s);
  });

  it('is not written by the services: delete a run, save, autosave, continue a run, log an export', async () => {
    const api = service();
    await refusedAndUnchanged(() => api.deleteRun(file, runId));
    await refusedAndUnchanged(
      () => api.saveProject(file, smallProject()),
      /already exists and is not a Neuroblocks project, so it was not replaced/,
    );
    await refusedAndUnchanged(() => api.continueRun(file, runId));
    await refusedAndUnchanged(() => api.autosaveProject(file, smallProject('Edited')));
    await refusedAndUnchanged(() =>
      api.exportModel({
        project: smallProject(),
        format: 'keras',
        runId,
        location: file,
        outDir: path.join(os.tmpdir(), `nb-export-${process.pid}-${Date.now()}`),
      }),
    );
  });

  it('is not logged into by the export command', async () => {
    const io = recordingIo();
    const out = path.join(os.tmpdir(), `nb-export-cli-${process.pid}-${Date.now()}`);
    await refusedAndUnchanged(async () => {
      const code = await main(['export', file, '--format', 'keras', '--out', out], io);
      throw new Error(`exit ${code}: ${io.stderr.join('\n')}`);
    }, /^exit 1: .*damaged\.nbproj is damaged: its project/s);
    await rm(out, { recursive: true, force: true });
  });
});
