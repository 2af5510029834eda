// One training run on the user's PyTorch, from the training worker: the data, the seeded sample
// orders and the seeded initial weights are prepared here once (as .npy files in a temporary
// folder), ./engine.py trains and streams JSON lines, and each line becomes the app's training
// event. Never throws: a failure of Python (missing, killed, garbage on stdout) is the final event.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { GraphError } from '../../compile/errors';
import { compileGraph } from '../../compile/compile';
import { applyPretrained, pretrainedSkippedText } from '../../compile/pretrained';
import { loadDataset } from '../../data/load';
import { permutation, seededRandom } from '../../data/random';
import { checkModelFitsData, normalizeDataset, skippedWarning, summarizeDataset } from '../../data/summary';
import { DataError, sampleSize, takeSamples, type Samples } from '../../data/types';
import { analyzeGraph } from '../../model/analyze';
import { pytorchModule, type WeightLayout } from '../../model/codegen/pytorch';
import { ExportError } from '../../model/codegen/plan';
import { problem, type Problem } from '../../i18n/catalogue';
import { errorProblem, LocalizedError } from '../../model/localized';
import type { TrainingSettings } from '../../model/project';
import { selectBackend } from '../backend/index';
import type { Monitor } from '../callbacks';
import type { TrainingControl } from '../control';
import type { EpochMetrics, FinalResult, SerializedWeight, TestEvaluation, TrainingEvent } from '../events';
import { planFrozenBase } from '../frozen-base';
import { targetEncoding } from '../losses';
import { divergedMessage, endedMessage, hostFeatureCacheBytes, resumeNote, type TrainingRequest } from '../run';
import { findPythonEngine } from './index';

/** The engine script, shipped next to this file. */
export const engineScript = fileURLToPath(new URL('./engine.py', import.meta.url));

/** How long a stopped engine may take to send its final event before it is killed. */
const STOP_GRACE_MS = 30_000;

interface WeightEntry {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  offset: number;
}

/** Where a weight of the app (`block/weight`) lives in the module, and in which layout. */
interface ModelWeight {
  name: string;
  shape: number[];
  key: string;
  layout: WeightLayout;
  trainable: boolean;
}

/** The .npy format (version 1.0): a small header, then the raw little-endian values in C order. */
export function writeNpy(file: string, shape: number[], data: Float32Array | Int32Array): void {
  const descr = data instanceof Float32Array ? '<f4' : '<i4';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.set([0x93, ...Buffer.from('NUMPY'), 1, 0]);
  prefix.writeUInt16LE(header.length, 8);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, prefix);
    writeSync(fd, Buffer.from(header, 'latin1'));
    writeSync(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  } finally {
    closeSync(fd);
  }
}

/** Weights as one raw file and the entries that describe it (the engine's weight-file format). */
export function writeWeightFile(file: string, weights: readonly SerializedWeight[]): WeightEntry[] {
  const entries: WeightEntry[] = [];
  let offset = 0;
  const parts = weights.map((w) => {
    entries.push({ name: w.name, shape: [...w.shape], dtype: w.dtype, offset });
    offset += w.data.byteLength;
    return new Uint8Array(w.data);
  });
  writeFileSync(file, Buffer.concat(parts));
  return entries;
}

export function readWeightFile(file: string, entries: readonly WeightEntry[]): SerializedWeight[] {
  const bytes = readFileSync(file);
  return entries.map((e) => {
    const count = e.shape.reduce((a, b) => a * b, 1);
    const size = count * 4;
    if (e.offset + size > bytes.length)
      throw new Error(`the weight file ${path.basename(file)} is shorter than its description (${e.name})`);
    const data = new ArrayBuffer(size);
    new Uint8Array(data).set(bytes.subarray(e.offset, e.offset + size));
    return { name: e.name, shape: [...e.shape], dtype: e.dtype === 'int32' ? 'int32' : 'float32', data };
  });
}

const engineFailed = (reason: string): Problem => problem('train:pytorchFailed', { why: reason });

/** The engine sends NaN and the infinities, which JSON lacks, as {"__float__": "NaN"}. */
function nonFinite(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const text = (value as { __float__?: unknown }).__float__;
    if (typeof text === 'string' && Object.keys(value).length === 1) return Number(text);
  }
  return value;
}

/** A TCP port free on this machine now, for the processes of a distributed run to meet on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The run's settings with the request's overrides. */
function runSettings(request: TrainingRequest): TrainingSettings {
  const { project, options } = request;
  return {
    ...project.training,
    ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
}

/** What a prepared run folder holds, and what the app needs to say when it starts. */
export interface PreparedTorchRun {
  /** config.json, as written. */
  config: Record<string, unknown>;
  /** The started event, once the engine says which device it computes on. */
  startedEvent(device: string): Extract<TrainingEvent, { type: 'started' }>;
  /** The dataset's skipped files, for the warning event. */
  skipped: Problem | undefined;
  /** Pretrained weights that no longer fit their blocks, for the warning event. */
  pretrainedNote: Problem | undefined;
  firstEpoch: number;
  settings: TrainingSettings;
}

/**
 * Writes into `dir` everything the engine needs to train `request`: model.py (generated from the
 * graph, augmentation blocks active while training), the seeded initial weights (or the checkpoint
 * a resumed run goes on from) and optimizer state, the data split as the TensorFlow.js engine splits
 * it (.npy), the seeded sample order of every epoch, and config.json. `python3 engine.py DIR` (or
 * torchrun) trains it with no Node around. Throws a LocalizedError on a graph or data problem.
 */
export async function prepareTorchRun(request: TrainingRequest, dir: string): Promise<PreparedTorchRun> {
  const { project, options } = request;
  const settings = runSettings(request);
  const analysis = analyzeGraph(project.graph, { loss: settings.loss });
  if (!analysis.valid) throw new GraphError(analysis.errors);
  const inputShape = analysis.inputs.length === 1 ? analysis.nodes[analysis.inputs[0]].outputShape! : undefined;
  const dataset = await loadDataset(project.dataset, { baseDir: options.baseDir, inputShape, size: options.size });
  checkModelFitsData(project.graph, dataset, settings.loss);
  if (settings.normalize) normalizeDataset(dataset);
  const outputUnits = analysis.nodes[analysis.outputs[0]].outputShape![0];

  // The app's seeded initial weights (or the checkpoint a resumed run goes on from).
  const { tf } = await selectBackend('cpu');
  const model = compileGraph(tf, project.graph, { seed: settings.seed });
  const pretrainedNote = options.resume ? undefined : pretrainedSkippedText(applyPretrained(tf, model, options.pretrained));
  const appWeights = model.weights.map((w) => ({
    name: w.originalName ?? w.name,
    shape: [...w.shape] as number[],
    trainable: w.trainable,
  }));
  const initial: SerializedWeight[] = options.resume
    ? options.resume.weights
    : model.weights.map((w, i) => ({
        name: appWeights[i].name,
        shape: appWeights[i].shape,
        dtype: 'float32',
        data: (w.read().dataSync() as Float32Array).slice().buffer,
      }));
  const paramTotal = model.countParams();
  const paramTrainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
  model.dispose();
  if (options.resume && (initial.length !== appWeights.length || initial.some((w, i) => w.shape.join() !== appWeights[i].shape.join())))
    throw new LocalizedError(problem('train:checkpointMismatch', { count: initial.length, modelWeights: appWeights.length }));

  // The validation split and the epochs' orders, drawn exactly as the TensorFlow.js engine draws them.
  const validationCount = Math.round(dataset.train.count * settings.validationSplit);
  const trainCount = dataset.train.count - validationCount;
  // A frozen base is computed once per image, as on the TensorFlow.js engine: the module gets the two halves.
  const frozenBase = planFrozenBase(project.graph, {
    samples: trainCount + validationCount,
    maxBytes: options.featureCacheBytes ?? hostFeatureCacheBytes(),
    enabled: options.featureCache,
  });
  const split = frozenBase.base && { base: frozenBase.base.nodes, cut: frozenBase.base.cut };
  const module = pytorchModule(project.graph, { name: project.name, augment: true, seed: settings.seed, ...(split ? { split } : {}) });
  const weights: ModelWeight[] = appWeights.map((w) => {
    const cut = w.name.lastIndexOf('/');
    const entry = module.state.find((s) => s.nodeId === w.name.slice(0, cut) && s.weight === w.name.slice(cut + 1));
    if (!entry) throw new ExportError(problem('train:weightNotInModule', { name: w.name }));
    return { ...w, key: entry.key, layout: entry.layout };
  });
  const regularizers = Object.values(analysis.nodes).flatMap((node) => {
    const reg = node.params.kernelRegularizer as { l1?: number; l2?: number } | null | undefined;
    if (!reg || (!reg.l1 && !reg.l2)) return [];
    const entry = module.state.find((s) => s.nodeId === node.id && s.weight === 'kernel');
    return entry ? [{ key: entry.key, l1: reg.l1 ?? 0, l2: reg.l2 ?? 0 }] : [];
  });

  const sample = sampleSize(dataset.inputShape);
  const order = permutation(dataset.train.count, seededRandom(settings.seed ^ 0x5eed));
  if (trainCount < 1) throw new DataError(problem('train:noTrainingSample', { split: settings.validationSplit }));
  const train = takeSamples(dataset.train, order.subarray(validationCount), sample);
  const validation: Samples = takeSamples(dataset.train, order.subarray(0, validationCount), sample);
  const firstEpoch = options.resume?.fromEpoch ?? 1;
  const shuffleRandom = seededRandom(settings.seed ^ 0x5a0f);
  for (let e = 1; e < firstEpoch; e++) permutation(trainCount, shuffleRandom);
  const epochsLeft = Math.max(settings.epochs - firstEpoch + 1, 0);
  const orders = new Int32Array(epochsLeft * trainCount);
  for (let e = 0; e < epochsLeft; e++) orders.set(permutation(trainCount, shuffleRandom), e * trainCount);

  const shape = (n: number) => [n, ...dataset.inputShape];
  writeNpy(path.join(dir, 'x_train.npy'), shape(train.count), train.x);
  writeNpy(path.join(dir, 'y_train.npy'), [train.count], train.y);
  writeNpy(path.join(dir, 'x_val.npy'), shape(validation.count), validation.x);
  writeNpy(path.join(dir, 'y_val.npy'), [validation.count], validation.y);
  writeNpy(path.join(dir, 'x_test.npy'), shape(dataset.test.count), dataset.test.x);
  writeNpy(path.join(dir, 'y_test.npy'), [dataset.test.count], dataset.test.y);
  writeNpy(path.join(dir, 'orders.npy'), [epochsLeft, trainCount], orders);
  writeFileSync(path.join(dir, 'model.py'), module.code);
  const initialEntries = writeWeightFile(path.join(dir, 'initial.bin'), initial);
  const optimizerEntries = options.resume?.optimizer?.length
    ? writeWeightFile(path.join(dir, 'optimizer.bin'), options.resume.optimizer)
    : undefined;
  const config = {
    format: 'neuroblocks.torch-run',
    version: 1,
    modelFile: 'model.py',
    className: module.className,
    weights,
    counters: module.counters,
    regularizers,
    initialWeights: { file: 'initial.bin', entries: initialEntries },
    ...(optimizerEntries ? { optimizerState: { file: 'optimizer.bin', entries: optimizerEntries } } : {}),
    training: settings,
    loss: settings.loss,
    encoding: targetEncoding(settings.loss, outputUnits),
    outputUnits,
    classNames: dataset.classNames,
    seed: settings.seed,
    epochs: settings.epochs,
    firstEpoch,
    history: options.resume?.history.slice(0, firstEpoch - 1) ?? [],
    checkpoints: options.checkpoints !== false,
    device: options.device ?? 'auto',
    ...(options.threads ? { threads: options.threads } : {}),
    ...(split ? { frozenBase: { cut: split.cut } } : {}),
    data: {
      xTrain: 'x_train.npy',
      yTrain: 'y_train.npy',
      xVal: 'x_val.npy',
      yVal: 'y_val.npy',
      xTest: 'x_test.npy',
      yTest: 'y_test.npy',
      orders: 'orders.npy',
    },
  };
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));

  const batchSize = Math.min(settings.batchSize, trainCount);
  const startedEvent = (engineDevice: string): Extract<TrainingEvent, { type: 'started' }> => ({
    type: 'started',
    backend: 'pytorch',
    device: engineDevice,
    fallbacks: [],
    paramCount: { total: paramTotal, trainable: paramTrainable, nonTrainable: paramTotal - paramTrainable },
    dataset: summarizeDataset(dataset),
    sizes: { train: trainCount, validation: validationCount, test: dataset.test.count },
    epochs: settings.epochs,
    batchesPerEpoch: Math.ceil(trainCount / batchSize),
    seed: settings.seed,
    ...(options.resume ? { resumedFromEpoch: firstEpoch } : {}),
    ...(frozenBase.notice ? { frozenBase: frozenBase.notice } : {}),
  });
  return { config, startedEvent, skipped: skippedWarning(dataset.skipped), pretrainedNote, firstEpoch, settings };
}

/** A training run on PyTorch, with the same events as the TensorFlow.js engine. */
export async function runPyTorchTraining(
  request: TrainingRequest,
  emit: (event: TrainingEvent) => void,
  control: TrainingControl,
): Promise<FinalResult> {
  const started = performance.now();
  const history: EpochMetrics[] = [];
  let device: string | undefined;
  let dir: string | undefined;
  const children: ChildProcess[] = [];
  const result = (partial: Omit<FinalResult, 'history' | 'seconds' | 'backend' | 'device'>): FinalResult => ({
    ...partial,
    history,
    backend: 'pytorch',
    ...(device ? { device } : {}),
    seconds: (performance.now() - started) / 1000,
  });
  try {
    const { options } = request;
    const engine = await findPythonEngine({ python: options.python });
    if (!engine.available || !engine.python)
      throw new LocalizedError(
        engine.reason ? problem('train:pytorchUnavailable', { why: engine.reason }) : problem('train:pytorchNoPythonWithTorch', {}),
      );
    dir = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-torch-'));
    const runDir = dir;

    // Several processes on this machine: DistributedDataParallel with the environment torchrun
    // would give them. Rank 0 takes the commands and writes the events and the weights.
    const nproc = options.nproc ?? 1;
    const args = [engineScript, runDir, ...(options.device ? ['--device', options.device] : [])];
    const python = engine.python;
    const env = { ...process.env, PYTHONUNBUFFERED: '1', PYTHONDONTWRITEBYTECODE: '1' };
    const distributed =
      nproc > 1
        ? { MASTER_ADDR: '127.0.0.1', MASTER_PORT: String(await freePort()), WORLD_SIZE: String(nproc), LOCAL_WORLD_SIZE: String(nproc) }
        : {};
    const rankEnv = (rank: number) => (nproc > 1 ? { ...env, ...distributed, RANK: String(rank), LOCAL_RANK: String(rank) } : env);
    // Rank 0 starts now and loads torch (seconds) while the data is prepared; it waits for "start".
    const proc = spawn(python, [...args, '--control', '--wait-start'], { cwd: runDir, stdio: ['pipe', 'pipe', 'pipe'], env: rankEnv(0) });
    children.push(proc);
    let stderrTail = '';
    let early: { error?: Error; code?: number | null; signal?: NodeJS.Signals | null } | undefined;
    proc.on('error', (error) => (early ??= { error }));
    proc.once('close', (code, signal) => (early ??= { code, signal }));
    proc.stdin?.on('error', () => undefined);
    proc.stderr?.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
    });

    const { startedEvent, skipped, pretrainedNote, firstEpoch, settings } = await prepareTorchRun(request, runDir);
    if (options.resume) history.push(...options.resume.history.slice(0, firstEpoch - 1));
    if (proc.stdin && !proc.stdin.destroyed) proc.stdin.write('start\n');
    for (let rank = 1; rank < nproc; rank++)
      children.push(spawn(python, args, { cwd: runDir, stdio: ['ignore', 'ignore', 'pipe'], env: rankEnv(rank) }));
    return await new Promise<FinalResult>((resolve) => {
      let settled = false;
      let lastBatchEvent = 0;
      let sent: 'run' | 'pause' | 'stop' = 'run';
      let stopTimer: NodeJS.Timeout | undefined;
      const interval = options.batchEventInterval ?? 100;
      const settle = (final: FinalResult) => {
        if (settled) return;
        settled = true;
        if (stopTimer) clearTimeout(stopTimer);
        for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        resolve(final);
      };
      const fail = (why: Problem) => {
        settle(result({ state: 'failed', message: why, epochsCompleted: history.length }));
      };
      const send = (command: 'pause' | 'resume' | 'stop') => {
        if (proc.stdin && !proc.stdin.destroyed) proc.stdin.write(`${command}\n`);
      };
      // Each command goes to the engine as soon as it is given; the engine acts on it after its current batch.
      const watch = async () => {
        while (!settled) {
          await control.waitForChange(sent, 500);
          const command = control.command;
          if (settled || command === sent) continue;
          if (command === 'stop') {
            send('stop');
            stopTimer = setTimeout(() => fail(problem('train:pytorchNoStop', { seconds: STOP_GRACE_MS / 1000 })), STOP_GRACE_MS);
          } else send(command === 'pause' ? 'pause' : 'resume');
          sent = command;
        }
      };
      void watch();
      const cannotStart = (error: Error) => fail(problem('train:pytorchCannotStart', { python, said: error.message }));
      proc.on('error', cannotStart);
      children.slice(1).forEach((other, i) => {
        let tail = '';
        other.stderr?.on('data', (chunk: Buffer) => {
          tail = (tail + chunk.toString('utf8')).slice(-2000);
        });
        // A process of the group that fails leaves the others waiting for it: the run ends there.
        other.on('close', (code, signal) => {
          if (settled || code === 0) return;
          const said = tail.trim().split('\n').filter(Boolean).at(-1);
          const which = { rank: i + 1, nproc };
          if (signal)
            fail(
              said
                ? problem('train:pytorchRankSignalSaid', { ...which, signal, said })
                : problem('train:pytorchRankSignal', { ...which, signal }),
            );
          else
            fail(
              said
                ? problem('train:pytorchRankExitedSaid', { ...which, code, said })
                : problem('train:pytorchRankExited', { ...which, code }),
            );
        });
      });
      const ended = (code: number | null, signal: NodeJS.Signals | null) => {
        if (settled) return;
        const lastLine = stderrTail.trim().split('\n').filter(Boolean).at(-1);
        // SIGKILL: most often the system ending a process that ran out of memory.
        if (!signal)
          fail(lastLine ? problem('train:pytorchExitedSaid', { code, said: lastLine }) : problem('train:pytorchExited', { code }));
        else if (signal === 'SIGKILL')
          fail(lastLine ? problem('train:pytorchKilledSaid', { signal, said: lastLine }) : problem('train:pytorchKilled', { signal }));
        else fail(lastLine ? problem('train:pytorchSignalSaid', { signal, said: lastLine }) : problem('train:pytorchSignal', { signal }));
      };
      // It may have ended while the data was prepared; its events are still in its output.
      if (early?.error) cannotStart(early.error);
      else if (early) setImmediate(() => ended(early!.code ?? null, early!.signal ?? null));
      else proc.on('close', ended);
      const lines = createInterface({ input: proc.stdout! });
      lines.on('line', (line) => {
        if (settled || !line.trim()) return;
        let event: Record<string, unknown>;
        try {
          event = JSON.parse(line, nonFinite) as Record<string, unknown>;
          if (!event || typeof event !== 'object' || typeof event.type !== 'string') throw new Error('not an event');
        } catch {
          const shown = line.length > 120 ? `${line.slice(0, 120)}…` : line;
          return fail(problem('train:pytorchGarbage', { line: shown, python }));
        }
        try {
          handle(event);
        } catch (error) {
          fail(problem('train:pytorchFailedWith', { why: errorProblem(error) }));
        }
      });
      const handle = (event: Record<string, unknown>) => {
        switch (event.type) {
          case 'engine': {
            device = event.device as string;
            emit(startedEvent(device));
            if (skipped) emit({ type: 'warning', message: skipped });
            if (pretrainedNote) emit({ type: 'warning', message: pretrainedNote });
            if (options.resume && !options.resume.optimizer?.length)
              emit({ type: 'warning', message: problem('train:optimizerRestarted', { epoch: firstEpoch - 1 }) });
            return;
          }
          case 'batch': {
            control.countBatch();
            const now = performance.now();
            if (now - lastBatchEvent >= interval || event.batch === event.batchesPerEpoch) {
              lastBatchEvent = now;
              emit(event as unknown as TrainingEvent);
            }
            return;
          }
          case 'epoch': {
            const { type: _type, ...metrics } = event as unknown as { type: 'epoch' } & EpochMetrics;
            history.push(metrics);
            emit({ type: 'epoch', ...metrics });
            return;
          }
          case 'checkpoint': {
            const file = path.join(runDir, event.file as string);
            const weightsOut = readWeightFile(file, event.weights as WeightEntry[]);
            const optimizer = event.optimizer ? readWeightFile(file, event.optimizer as WeightEntry[]) : undefined;
            emit({
              type: 'checkpoint',
              kind: event.kind as 'best' | 'last',
              epoch: event.epoch as number,
              monitor: event.monitor as string,
              value: event.value as number,
              weights: weightsOut,
              ...(optimizer ? { optimizer } : {}),
            });
            // The last checkpoint of an epoch comes after its best one: the file has served.
            if (event.kind === 'last') unlinkSync(file);
            return;
          }
          case 'learningRate':
            emit({
              type: 'learningRate',
              epoch: event.epoch as number,
              learningRate: event.learningRate as number,
              reason: problem('train:plateau', { monitor: String(event.monitor), count: event.patience as number }),
            });
            return;
          case 'baseProgress':
            emit({ type: 'baseProgress', images: event.images as number, of: event.of as number });
            return;
          case 'paused':
            emit({ type: 'paused', epoch: event.epoch as number, batch: event.batch as number });
            return;
          case 'resumed':
            emit({ type: 'resumed' });
            return;
          case 'error':
            return fail(engineFailed(String(event.message)));
          case 'final':
            return settle(finalResult(event));
          default:
            return;
        }
      };
      const finalResult = (event: Record<string, unknown>): FinalResult => {
        const files = event.weights as { file: string; weights: WeightEntry[] } | null;
        const weightsOut = files ? readWeightFile(path.join(runDir, files.file), files.weights) : undefined;
        const test = (event.test ?? undefined) as TestEvaluation | undefined;
        const epochsCompleted = event.epochsCompleted as number;
        const state = event.state as FinalResult['state'];
        let message: Problem;
        if (state === 'diverged') {
          const at = event.diverged as { epoch: number; batch: number; learningRate: number };
          message = divergedMessage(at.epoch, at.batch, at.learningRate);
        } else if (state === 'stopped') message = endedMessage({ state: 'stopped', epochsCompleted });
        else if (state === 'early-stopped')
          message = endedMessage({
            state: 'early-stopped',
            epoch: epochsCompleted,
            monitor: event.monitor as Monitor,
            patience: event.patience as number,
            restoredEpoch: (event.restoredEpoch as number | undefined) || undefined,
          });
        else message = endedMessage({ state: 'completed', epochs: settings.epochs });
        return result({
          state,
          message: resumeNote(message, options.resume),
          epochsCompleted,
          ...(event.restoredEpoch ? { restoredEpoch: event.restoredEpoch as number } : {}),
          ...(test ? { test } : {}),
          ...(weightsOut ? { weights: weightsOut } : {}),
        });
      };
    });
  } catch (error) {
    return result({ state: 'failed', message: errorProblem(error), epochsCompleted: history.length });
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
