import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { problem } from '../../i18n/catalogue';
import type { RunStatus } from '../../store/schema';
import { endedMessage } from '../../train/final-words';
import { ProjectStore } from '../../store/project-store';
import { denseWeights, epochMetrics, fileHash, smallProject } from '../../store/test-helpers';
import { tempDirPerTest } from '../../store/test-dir';
import { main } from '../main';
import { recordingIo } from '../test-io';
import { formatDuration } from './runs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-runs-');

function projectWithRuns(): string {
  const store = ProjectStore.create(join(dir, 'p.nbproj'), smallProject());
  const done = store.startRun({ project: smallProject(), backend: 'wasm', device: '2 threads' });
  for (let e = 1; e <= 5; e++) store.recordEpoch(done, epochMetrics(e));
  store.saveCheckpoint(done, { epoch: 5, weights: denseWeights([2, 8, 2], 5), best: true });
  store.finishRun(done, 'completed');
  const cut = store.startRun({ project: smallProject(), backend: 'cpu' });
  store.recordEpoch(cut, epochMetrics(1));
  store.connection.prepare('UPDATE runs SET owner_pid = 2147483646 WHERE id = ?').run(cut); // its process died
  store.close();
  return store.path;
}

describe('neuroblocks runs', () => {
  it('lists runs as a table, showing a run cut short as interrupted, without changing the file', async () => {
    const file = projectWithRuns();
    const before = fileHash(file);
    const io = recordingIo();
    expect(await main(['runs', file], io)).toBe(0);
    const [header, first, second] = io.stdout.join('\n').split('\n');
    expect(header).toMatch(/^ID\s+Status\s+Epochs\s+Best val acc\s+Backend\s+Started\s+Duration$/);
    expect(first).toMatch(/^ 1\s+completed\s+5\/5\s+50\.00 %\s+wasm \(2 threads\)\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC\s+\d+\.\d s$/);
    expect(second).toMatch(/^ 2\s+interrupted\s+1\/5\s+46\.00 %\s+cpu\s+/);
    expect(fileHash(file)).toBe(before);
  });

  it('says why each run that did not complete ended, in the language of --lang, an older file’s words in this version’s', async () => {
    const store = ProjectStore.create(join(dir, 'ended.nbproj'), smallProject());
    const diverged = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.finishRun(diverged, 'diverged', problem('train:diverged', { epoch: 2, batch: 4, learningRate: 0.5, lower: 0.05 }));
    const stopped = store.startRun({ project: smallProject(), backend: 'cpu' });
    store.finishRun(stopped, 'stopped', endedMessage({ state: 'stopped', epochsCompleted: 2 }));
    // Runs recorded by older versions: their problem codes, and an English sentence, in the column.
    const stored = (status: Exclude<RunStatus, 'running'>, error: string) => {
      const id = store.startRun({ project: smallProject(), backend: 'cpu' });
      store.finishRun(id, status);
      store.connection.prepare('UPDATE runs SET error = ? WHERE id = ?').run(error, id);
    };
    stored('stopped', '{"code":"train:stoppedDuring","params":{"epoch":3}}');
    stored('early-stopped', '{"code":"train:earlyStoppedRestored","params":{"epoch":5,"monitor":"valLoss","count":2,"restored":3}}');
    stored('stopped', '{"code":"train:resumedFresh","params":{"final":{"code":"train:stoppedDuring","params":{"epoch":1}},"epoch":4}}');
    stored('failed', 'Recording stopped: the disk is full.');
    store.close();

    const en = recordingIo();
    expect(await main(['runs', store.path], en)).toBe(0);
    expect(en.stdout.join('\n').split('\n').slice(-6)).toEqual([
      'Run 1: Training diverged: the loss became infinite or NaN in epoch 2, batch 4. The model keeps its last finite weights. Lower the learning rate (it was 0.5; try 0.05) and train again.',
      'Run 2: Stopped by you after 2 complete epochs.',
      'Run 3: Stopped by you after 2 complete epochs.',
      'Run 4: Stopped early after epoch 5: the validation loss had not improved for 2 epochs, so the model keeps its weights of epoch 3, the best.',
      'Run 5: Stopped by you during the first epoch, before it was complete. Resumed from the checkpoint of epoch 4; the optimizer restarted from a fresh state.',
      'Run 6: Recording stopped: the disk is full.',
    ]);
    const fr = recordingIo();
    expect(await main(['runs', store.path, '--lang', 'fr'], fr)).toBe(0);
    expect(fr.stdout.join('\n').split('\n').slice(-6)).toEqual([
      'Entraînement 1 : L’entraînement a divergé : la perte est devenue infinie ou NaN pendant l’époque 2, lot 4. Le modèle garde ses derniers poids finis. Baissez le taux d’apprentissage (il valait 0,5 ; essayez 0,05) et relancez l’entraînement.',
      'Entraînement 2 : Arrêté par vous après 2 époques complètes.',
      'Entraînement 3 : Arrêté par vous après 2 époques complètes.',
      'Entraînement 4 : Arrêté tôt après l’époque 5 : la perte de validation ne progressait plus depuis 2 époques, donc le modèle garde ses poids de l’époque 3, la meilleure.',
      'Entraînement 5 : Arrêté par vous pendant la première époque, avant qu’elle soit complète. Repris depuis les poids de l’époque 4 ; l’optimiseur est reparti d’un état neuf.',
      'Entraînement 6 : Recording stopped: the disk is full.',
    ]);
  });

  it('--json prints every run', async () => {
    const file = projectWithRuns();
    const io = recordingIo();
    expect(await main(['runs', file, '--json'], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('\n'));
    expect(out.file).toBe(file);
    expect(out.runs).toHaveLength(2);
    expect(out.runs[0]).toMatchObject({
      id: 1,
      status: 'completed',
      epochs: 5,
      bestValAccuracy: 0.5,
      backend: 'wasm',
      device: '2 threads',
      seed: 7,
    });
    expect(out.runs[1]).toMatchObject({ id: 2, status: 'interrupted', epochs: 1 });
  });

  it('says when there are no runs, and explains files it cannot open', async () => {
    const store = ProjectStore.create(join(dir, 'empty.nbproj'), smallProject());
    store.close();
    const io = recordingIo();
    expect(await main(['runs', store.path], io)).toBe(0);
    expect(io.text()).toMatch(/No runs in .*empty\.nbproj yet/);
    const bad = recordingIo();
    expect(await main(['runs', join(root, 'projects', 'mnist-cnn.json')], bad)).toBe(1);
    expect(bad.text()).toMatch(/looks like JSON/);
    // In French with --lang fr, the same problem in the catalogue's French words.
    const french = recordingIo();
    expect(await main(['runs', join(dir, 'missing.nbproj'), '--lang', 'fr'], french)).toBe(1);
    expect(french.text().trim()).toBe(`${join(dir, 'missing.nbproj')} n’existe pas.`);
    expect(await main(['runs'], recordingIo())).toBe(2);
  });

  it('runs from the installed command', async () => {
    const file = projectWithRuns();
    const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'bin', 'neuroblocks.js'), 'runs', file, '--json'], {
      cwd: root,
    });
    expect(JSON.parse(stdout).runs.map((r: { status: string }) => r.status)).toEqual(['completed', 'interrupted']);
  });

  it('formats durations for people', () => {
    expect(formatDuration(undefined)).toBe('–');
    expect(formatDuration(2.34)).toBe('2.3 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3 h 07 min');
  });
});
