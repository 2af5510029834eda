import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseProjectText } from '../../model/project-io';
import { ProjectStore } from '../../store/project-store';
import { tempDirPerTest } from '../../store/test-dir';
import { main } from '../main';
import { recordingIo } from '../test-io';

// Debian's Python has torch (the one first on PATH may not): the machine a job is sent to.
const PYTHON = '/usr/bin/python3';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const mnistCnn = join(root, 'projects/mnist-cnn.json');
let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-job-');

const run = promisify(execFile);

async function exportJob(jobDir: string, extra: string[] = []) {
  const io = recordingIo();
  const code = await main(['export', mnistCnn, '--format', 'job', '--out', jobDir, '--epochs', '2', '--size', '400', ...extra], io);
  return { code, io };
}

function emptyProjectFile(): string {
  const file = join(dir, 'mnist.nbproj');
  ProjectStore.create(file, parseProjectText(readFileSync(mnistCnn, 'utf8'))).close();
  return file;
}

describe('a job folder', () => {
  it('trains with python3 train.py where only PyTorch is, comes back as a run, and that run lists and exports like any other', async () => {
    const job = join(dir, 'job');
    const exported = await exportJob(job);
    expect(exported.code).toBe(0);
    for (const file of [
      'train.py',
      'README.md',
      'job.json',
      'run/engine.py',
      'run/ranks.py',
      'run/model.py',
      'run/config.json',
      'run/initial.bin',
      'run/x_train.npy',
      'run/orders.npy',
    ])
      expect(existsSync(join(job, file)), file).toBe(true);

    // The job runs without Node: Python, torch and numpy alone.
    const trained = await run(PYTHON, [join(job, 'train.py'), '--device', 'cpu'], { cwd: dir, env: { PATH: '/usr/bin:/bin' } });
    expect(trained.stdout).toMatch(/^Training on PyTorch \S+ · CPU/m);
    expect(trained.stdout).toMatch(/^Epoch 2 · loss \d/m);
    expect(trained.stdout).toMatch(/^Completed after 2 epochs\. Test accuracy: [\d.]+% on 10000 held-out samples\./m);
    // Only the weights the app keeps are left: the best and last checkpoints and the final weights.
    expect(readdirSync(join(job, 'result')).filter((f) => f.endsWith('.bin')).length).toBeLessThanOrEqual(3);

    const file = emptyProjectFile();
    const imported = recordingIo();
    expect(await main(['import-run', file, job], imported)).toBe(0);
    expect(imported.stdout[0]).toMatch(/as run 1 in .*mnist\.nbproj: completed, 2 epochs on PyTorch \S+ · CPU/);

    const listed = recordingIo();
    expect(await main(['runs', file, '--json'], listed)).toBe(0);
    const [recorded] = JSON.parse(listed.stdout.join('\n')).runs;
    expect(recorded).toMatchObject({
      id: 1,
      status: 'completed',
      epochs: 2,
      plannedEpochs: 2,
      backend: 'pytorch',
      device: expect.stringMatching(/^PyTorch \d+\.\d+/),
      hasBestCheckpoint: true,
      hasLastCheckpoint: true,
    });
    const store = ProjectStore.open(file, { readOnly: true });
    try {
      const details = store.getRun(1);
      expect(details.epochMetrics.map((m) => m.epoch)).toEqual([1, 2]);
      expect(details.evaluations[0]).toMatchObject({ samples: 10000, testAccuracy: expect.any(Number) });
      // Better than chance (10 %) after two short epochs: it learned.
      expect(details.evaluations[0].testAccuracy).toBeGreaterThan(0.2);
      expect(store.loadCheckpoint(1, 'last').weights.map((w) => w.name)).toContain('conv1/kernel');
    } finally {
      store.close();
    }

    const out = join(dir, 'torch');
    const exportedRun = recordingIo();
    expect(await main(['export', file, '--format', 'pytorch', '--run', '1', '--out', out], exportedRun)).toBe(0);
    expect(exportedRun.stdout[0]).toMatch(/run 1, best checkpoint \(epoch \d\)/);
    expect(existsSync(join(out, 'weights.npz'))).toBe(true);
  }, 180_000);

  it('trains in two processes with DistributedDataParallel (gloo) where torchrun cannot start, and the job is refused by a write-protected project file', async () => {
    const job = join(dir, 'job');
    expect((await exportJob(job, ['--epochs', '1'])).code).toBe(0);
    const trained = await run(PYTHON, [join(job, 'train.py'), '--nproc', '2'], { cwd: dir });
    expect(trained.stdout).toMatch(/^Training on .* × 2 processes \(DistributedDataParallel, gloo\)/m);
    // Only the first process writes: one line per event.
    const events = readFileSync(join(job, 'result', 'events.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events.filter((e) => e.type === 'final')).toHaveLength(1);
    const file = emptyProjectFile();

    // A write-protected project file: the job is refused, in the language asked for, and the file stays as it was.
    chmodSync(file, 0o444);
    const before = readFileSync(file);
    const fr = recordingIo();
    expect(await main(['--lang', 'fr', 'import-run', file, job], fr)).toBe(1);
    expect(fr.stderr.join('\n')).toBe(`L’entraînement ne peut pas être enregistré : impossible d’écrire dans ${file} ou dans son dossier.`);
    const en = recordingIo();
    expect(await main(['import-run', file, job], en)).toBe(1);
    expect(en.stderr.join('\n')).toBe(`The run cannot be recorded: ${file} or its folder cannot be written to.`);
    expect(readFileSync(file).equals(before)).toBe(true);
    // Writable again, the same job is recorded.
    chmodSync(file, 0o644);
    expect(await main(['import-run', file, job], recordingIo())).toBe(0);
  }, 180_000);

  it('records a job cut short as failed with the epochs and checkpoint it got to, and refuses what is not a job result', async () => {
    const job = join(dir, 'job');
    expect((await exportJob(job)).code).toBe(0);
    const file = emptyProjectFile();
    const early = recordingIo();
    expect(await main(['import-run', file, job], early)).toBe(1);
    expect(early.stderr.join('\n')).toMatch(/has no result yet \(result\/events\.jsonl is missing\): run `python3 train\.py` in it first/);

    await run(PYTHON, [join(job, 'train.py')], { cwd: dir });
    // As if the machine had been switched off during the final test evaluation.
    const log = join(job, 'result', 'events.jsonl');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    writeFileSync(log, lines.filter((l) => JSON.parse(l).type !== 'final').join('\n') + '\n');
    const io = recordingIo();
    expect(await main(['import-run', file, job], io)).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/failed, 2 epochs on PyTorch/);
    expect(io.stdout.join('\n')).toMatch(/ended before its final event .* after 2 epochs; its last checkpoint is kept/);
    const store = ProjectStore.open(file, { readOnly: true });
    try {
      expect(store.listRuns()[0]).toMatchObject({ status: 'failed', epochs: 2, hasLastCheckpoint: true });
    } finally {
      store.close();
    }

    writeFileSync(join(job, 'job.json'), '{"format": "something else"}');
    const bad = recordingIo();
    expect(await main(['import-run', file, job], bad)).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/is not the manifest of a Neuroblocks job/);

    const again = recordingIo();
    await expect(main(['export', mnistCnn, '--format', 'job', '--out', job], again)).resolves.toBe(1);
    expect(again.stderr.join('\n')).toMatch(/already exists and is not an empty folder/);
  }, 180_000);
});
