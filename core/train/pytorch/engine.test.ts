// The PyTorch engine end to end: the course CNN through the CLI, the record in the project file,
// Continue on either engine, and every way a run can end badly (stop, pause, a killed Python, no
// torch, a Python that prints garbage) with a clear outcome and nothing lost.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../i18n/translate';
import { main } from '../../cli/main';
import { recordingIo } from '../../cli/test-io';
import { parseProject } from '../../model/project-io';
import type { Project } from '../../model/project';
import { recordTrainingRun, resumeRecordedRun } from '../../store/record-training';
import { ProjectStore } from '../../store/project-store';
import { tempDirPerTest } from '../../store/test-dir';
import { TrainingControl } from '../control';
import type { TrainingEvent } from '../events';
import { runTraining } from '../run';
import { startTraining } from '../session';
import { clearPythonEngineCache, findPythonEngine } from './index';
import { chain } from '../../model/test-graphs';

const engine = await findPythonEngine();
const skipReason = engine.available ? '' : `no Python with torch: ${engine.reason && problemText(engine.reason)}`;
if (skipReason) console.warn(`PyTorch engine tests skipped: ${skipReason}`);
const python = engine.python!;
const root = fileURLToPath(new URL('../../../', import.meta.url));

let dir: string;
tempDirPerTest((path) => (dir = path), 'nb-torch-');

/** An executable shell script standing in for a Python. */
function script(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

function smallCnn(epochs: number, size = 512, batchSize = 16): Project {
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'small CNN',
    graph: chain(
      ['in', 'Input', { shape: [28, 28, 1] }],
      ['c1', 'Conv2D', { filters: 4, kernelSize: 3, strides: 2, activation: 'relu' }],
      ['flat', 'Flatten'],
      ['out', 'Dense', { units: 10, activation: 'softmax' }],
    ),
    dataset: { kind: 'builtin', name: 'mnist', size },
    training: { optimizer: 'adam', learningRate: 0.003, batchSize, epochs, validationSplit: 0.2, seed: 5 },
  });
}

/** A project file holding `project`, and a recorded session on it. */
function storeFor(project: Project, name = 'run.nbproj') {
  const file = join(dir, name);
  const store = ProjectStore.create(file, project);
  return { file, store };
}

describe.skipIf(Boolean(skipReason))('the PyTorch engine', () => {
  it(
    'trains the course CNN from the CLI to ≥ 95 % on the held-out digits in 10 epochs, recorded as a PyTorch run that Continue can go on with',
    { timeout: 300_000 },
    async () => {
      const file = join(dir, 'mnist.nbproj');
      const io = recordingIo();
      const started = performance.now();
      expect(
        await main(['train', join(root, 'projects', 'mnist-cnn.json'), '--engine', 'pytorch', '--device', 'cpu', '--save', file], io),
        io.text(),
      ).toBe(0);
      const seconds = (performance.now() - started) / 1000;
      expect(io.text()).toMatch(/Training "MNIST CNN" on pytorch: PyTorch \d+\.\d+\S* · CPU/);
      expect(io.text()).toMatch(/Epoch 10\/10/);
      const accuracy = Number(/Test accuracy: ([\d.]+)%/.exec(io.text())![1]);
      console.log(`course CNN on PyTorch: ${accuracy}% on the held-out digits, ${seconds.toFixed(1)} s for 10 epochs (CLI, with start-up)`);
      expect(accuracy).toBeGreaterThanOrEqual(95);

      const store = ProjectStore.open(file, { readOnly: true });
      try {
        const [run] = store.listRuns();
        expect(run).toMatchObject({
          status: 'completed',
          epochs: 10,
          backend: 'pytorch',
          device: expect.stringMatching(new RegExp(`^PyTorch ${engine.torchVersion!.replace(/[.+]/g, '\\$&')} · CPU`)),
        });
        const details = store.getRun(run.id);
        expect(details.evaluations[0].testAccuracy).toBeGreaterThanOrEqual(0.95);
        const last = store.loadCheckpoint(run.id, 'last');
        expect(last.epoch).toBe(10);
        expect(last.weights.map((w) => w.name)).toEqual([
          'conv1/kernel',
          'conv1/bias',
          'conv2/kernel',
          'conv2/bias',
          'dense1/kernel',
          'dense1/bias',
          'output/kernel',
          'output/bias',
        ]);
        expect(last.weights[0].shape).toEqual([3, 3, 1, 8]);
        // Adam's state in the app's layout: the step count, then m and v of every trainable weight.
        expect(last.optimizer!.map((w) => w.name)).toEqual([
          'iter',
          ...last.weights.map((w) => `${w.name}/m`),
          ...last.weights.map((w) => `${w.name}/v`),
        ]);
        expect(Array.from(last.optimizer![0].data)).toEqual([10 * 100]);
      } finally {
        store.close();
      }
    },
  );

  it(
    'stops within a batch of being asked, keeps the epochs and checkpoints it finished, and Continue goes on with it on either engine',
    { timeout: 240_000 },
    async () => {
      // Batches of 256 take long enough that what is still in the pipe is at most a batch.
      const project = smallCnn(40, 2000, 256);
      const { store } = storeFor(project);
      const session = startTraining(project, { engine: 'pytorch', device: 'cpu' });
      const recording = recordTrainingRun(store, session, project);
      let askedAt = -1;
      session.on((event) => {
        if (event.type === 'epoch' && event.epoch === 2 && askedAt < 0) {
          askedAt = session.batchesCompleted();
          session.stop();
        }
      });
      const result = await session.done;
      const { runId } = await recording.done;
      expect(result.state).toBe('stopped');
      expect(problemText(result.message, 'en')).toBe('Stopped by you after 2 complete epochs.');
      expect(problemText(result.message, 'fr')).toBe('Arrêté par vous après 2 époques complètes.');
      expect(session.batchesCompleted() - askedAt).toBeLessThanOrEqual(2);
      expect(result.epochsCompleted).toBe(2);
      expect(result.test!.samples).toBe(10000);
      expect(result.backend).toBe('pytorch');
      const run = store.getRun(runId!);
      expect(run.status).toBe('stopped');
      expect(run.epochMetrics.map((m) => m.epoch)).toEqual([1, 2]);
      expect(store.loadCheckpoint(runId!, 'last').epoch).toBe(2);

      // Continue on PyTorch, then on TensorFlow.js: the same checkpoint and optimizer state serve both.
      const resumed = resumeRecordedRun(store, runId!);
      expect(resumed.resume.optimizer!.map((w) => w.name)[0]).toBe('iter');
      const onTorch = await runTraining(
        { project: resumed.project, options: { engine: 'pytorch', epochs: 3, seed: resumed.seed, resume: resumed.resume } },
        () => undefined,
        new TrainingControl(),
      );
      expect(onTorch.state, JSON.stringify(onTorch.message)).toBe('completed');
      expect(problemText(onTorch.message, 'en')).toMatch(/Resumed from the checkpoint of epoch 2, with the optimizer's state\./);
      expect(onTorch.history.map((m) => m.epoch)).toEqual([1, 2, 3]);
      const onTfjs = await runTraining(
        { project: resumed.project, options: { backend: 'wasm', epochs: 3, seed: resumed.seed, resume: resumed.resume } },
        () => undefined,
        new TrainingControl(),
      );
      expect(onTfjs.state, JSON.stringify(onTfjs.message)).toBe('completed');
      // Same start, same order, same optimizer state: the third epoch is the same on both engines.
      expect(onTorch.history[2].loss).toBeCloseTo(onTfjs.history[2].loss, 4);
      expect(onTorch.test!.accuracy).toBeCloseTo(onTfjs.test!.accuracy, 2);
      store.close();
    },
  );

  it('pauses between two batches and resumes where it was', { timeout: 120_000 }, async () => {
    const session = startTraining(smallCnn(2), { engine: 'pytorch', device: 'cpu', batchEventInterval: 0 });
    const events: TrainingEvent[] = [];
    let paused: Promise<void> | undefined;
    session.on((event) => {
      events.push(event);
      if (event.type === 'batch' && event.batch === 3 && !paused) {
        session.pause();
        paused = (async () => {
          await new Promise((r) => setTimeout(r, 300));
          const held = session.batchesCompleted();
          await new Promise((r) => setTimeout(r, 1500));
          // Nothing trains while paused.
          expect(session.batchesCompleted()).toBe(held);
          session.resume();
        })();
      }
    });
    const result = await session.done;
    await paused;
    expect(result.state).toBe('completed');
    const pausedAt = events.findIndex((e) => e.type === 'paused');
    expect(pausedAt).toBeGreaterThan(0);
    expect(events[pausedAt + 1]).toEqual({ type: 'resumed' });
    const batches = events
      .filter((e): e is Extract<TrainingEvent, { type: 'batch' }> => e.type === 'batch' && e.epoch === 1)
      .map((e) => e.batch);
    expect(batches).toEqual(Array.from({ length: batches.length }, (_, i) => i + 1));
    expect(result.history).toHaveLength(2);
  });

  it(
    'a Python killed during training ends the run as failed with the reason, and the project file keeps its finished epochs',
    { timeout: 120_000 },
    async () => {
      const pidFile = join(dir, 'pid');
      const wrapper = script('python-killed', `echo $$ > "${pidFile}"\nexec "${python}" "$@"`);
      const project = smallCnn(500);
      const { store } = storeFor(project);
      const session = startTraining(project, { engine: 'pytorch', device: 'cpu', python: wrapper });
      const recording = recordTrainingRun(store, session, project);
      session.on((event) => {
        // After epoch 1 and its last checkpoint (which comes after the epoch's event), as a crash between two epochs.
        if (event.type === 'checkpoint' && event.kind === 'last' && event.epoch === 1)
          process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      });
      const result = await session.done;
      const { runId } = await recording.done;
      expect(result.state).toBe('failed');
      expect(problemText(result.message, 'en')).toMatch(
        /The PyTorch engine was ended by the signal SIGKILL \(the system may have run out of memory/,
      );
      expect(problemText(result.message, 'fr')).toMatch(/Le moteur PyTorch a été arrêté par le signal SIGKILL/);
      const run = store.getRun(runId!);
      expect(run.status).toBe('failed');
      expect(run.error?.code).toMatch(/^train:pytorchKilled/);
      expect(problemText(run.error!, 'en')).toMatch(/SIGKILL/);
      expect(run.epochMetrics.length).toBeGreaterThanOrEqual(1);
      expect(store.loadCheckpoint(runId!, 'last').epoch).toBeGreaterThanOrEqual(1);
      store.close();
    },
  );

  it(
    'a Python without torch: the engine says so in one line, and training ends as failed saying what to do',
    { timeout: 60_000 },
    async () => {
      // The same Python without its site packages has no torch; it is the only Python on PATH.
      const bare = script('python3', `exec "${python}" -S "$@"`);
      const saved = { PATH: process.env.PATH, NEUROBLOCKS_PYTHON: process.env.NEUROBLOCKS_PYTHON };
      process.env.PATH = dir;
      delete process.env.NEUROBLOCKS_PYTHON;
      try {
        clearPythonEngineCache();
        const info = await findPythonEngine();
        expect(info).toMatchObject({ available: false, python: bare, devices: [] });
        expect(info.reason!.code).toBe('train:pythonNoTorch');
        expect(problemText(info.reason!, 'en')).toMatch(
          /has no torch: install PyTorch for it \(pip install torch\) or choose another Python\./,
        );
        expect(problemText(info.reason!, 'fr')).toMatch(/n’a pas torch/);
        const result = await runTraining({ project: smallCnn(1), options: { engine: 'pytorch' } }, () => undefined, new TrainingControl());
        expect(result.state).toBe('failed');
        expect(problemText(result.message, 'en')).toMatch(
          /^The PyTorch engine is not available: .* has no torch.*Train with the TensorFlow\.js engine instead, or install PyTorch\.$/,
        );
        expect(problemText(result.message, 'fr')).toMatch(/^Le moteur PyTorch n’est pas disponible/);
        expect(result.backend).toBe('pytorch');

        const missing = await findPythonEngine({ python: join(dir, 'nowhere', 'python3') });
        expect(missing.available).toBe(false);
      } finally {
        process.env.PATH = saved.PATH;
        if (saved.NEUROBLOCKS_PYTHON !== undefined) process.env.NEUROBLOCKS_PYTHON = saved.NEUROBLOCKS_PYTHON;
        clearPythonEngineCache();
      }
    },
  );

  it(
    'a Python that prints garbage: unusable when asked what it has, and a run whose engine prints garbage fails with the line it printed',
    { timeout: 60_000 },
    async () => {
      const garbage = script('python-garbage', 'echo "Welcome to MyPython!"; echo "{not json"');
      clearPythonEngineCache();
      const info = await findPythonEngine({ python: garbage });
      // The setting is unusable, so the engine falls back to the Python with torch on PATH …
      expect(info.python).toBe(python);
      // … and asked alone, the garbage Python is named as unusable with what it said.
      const { probePython } = await import('./index');
      const probe = await probePython(garbage);
      expect(probe).toMatchObject({ ok: false });
      if (!probe.ok)
        expect(problemText(probe.reason, 'en')).toMatch(
          /python-garbage is not a Python that Neuroblocks can use \(it answered: Welcome to MyPython!\)/,
        );

      // Fine when probed, garbage once training.
      const noisy = script('python-noisy', `case "$*" in *engine.py*) echo "Welcome to MyPython!";; esac\nexec "${python}" "$@"`);
      const { store } = storeFor(smallCnn(2));
      const session = startTraining(smallCnn(2), { engine: 'pytorch', python: noisy });
      const recording = recordTrainingRun(store, session, smallCnn(2));
      const result = await session.done;
      await recording.done;
      expect(result.state).toBe('failed');
      expect(problemText(result.message, 'en')).toMatch(
        /The PyTorch engine printed something that is not one of its events: "Welcome to MyPython!"/,
      );
      expect(problemText(result.message, 'fr')).toMatch(/Le moteur PyTorch a écrit quelque chose/);
      // It failed before it started: nothing half-written in the project file.
      expect(store.listRuns()).toHaveLength(0);
      expect(store.integrityCheck()).toEqual([]);
      store.close();
    },
  );

  it('a device this PyTorch cannot use ends the run as failed, naming the device', { timeout: 60_000 }, async () => {
    if (engine.devices.some((d) => d.kind === 'cuda')) return;
    const result = await runTraining(
      { project: smallCnn(1), options: { engine: 'pytorch', device: 'cuda' } },
      () => undefined,
      new TrainingControl(),
    );
    expect(result.state).toBe('failed');
    expect(problemText(result.message, 'en')).toMatch(/^The PyTorch engine failed: CUDA was asked for but this PyTorch sees no CUDA GPU/);
  });

  it('the temporary folder of a run is removed afterwards', { timeout: 60_000 }, async () => {
    const spy = script(
      'python-spy',
      `for a in "$@"; do case "$a" in */neuroblocks-torch-*) echo "$a" > "${join(dir, 'run-dir')}";; esac; done\nexec "${python}" "$@"`,
    );
    const result = await runTraining(
      { project: smallCnn(1, 128), options: { engine: 'pytorch', python: spy } },
      () => undefined,
      new TrainingControl(),
    );
    expect(result.state, JSON.stringify(result.message)).toBe('completed');
    const runDir = readFileSync(join(dir, 'run-dir'), 'utf8').trim();
    expect(runDir).toMatch(/neuroblocks-torch-/);
    expect(existsSync(runDir)).toBe(false);
  });

  it(
    'loads torch while the data is prepared: the engine starts before the run folder holds anything, and waits for it',
    { timeout: 60_000 },
    async () => {
      // What the run folder holds when the engine process starts.
      const spy = script(
        'python-early',
        `for a in "$@"; do case "$a" in */neuroblocks-torch-*) ls -A "$a" > "${join(dir, 'at-start')}";; esac; done\nexec "${python}" "$@"`,
      );
      const result = await runTraining(
        { project: smallCnn(1, 128), options: { engine: 'pytorch', python: spy } },
        () => undefined,
        new TrainingControl(),
      );
      expect(result.state, JSON.stringify(result.message)).toBe('completed');
      expect(readFileSync(join(dir, 'at-start'), 'utf8')).toBe('');
    },
  );

  it('an engine waiting for its data ends quietly when the app goes away before it is ready', { timeout: 60_000 }, () => {
    const engineScript = fileURLToPath(new URL('./engine.py', import.meta.url));
    const waited = spawnSync(python, [engineScript, join(dir, 'never-written'), '--control', '--wait-start'], {
      input: '',
      encoding: 'utf8',
    });
    expect(waited.status).toBe(0);
    expect(waited.stdout).toBe('');
  });
});
