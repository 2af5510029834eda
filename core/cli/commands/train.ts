import { problem } from '../../i18n/catalogue';
import { problemText, type Language } from '../../i18n/translate';
import path from 'node:path';
import { skippedWarning } from '../../data/summary';
import type { BackendName, FinalResult, TrainingEvent } from '../../train/events';
import type { TorchDeviceChoice, TrainingEngine } from '../../train/run';
import { startTraining } from '../../train/session';
import { commandArgs, oneOf, runSettingOptions, runSettings, wholeNumber } from '../args';
import type { CliIo } from '../io';
import { recordTrainingRun, resumeRecordedRun, type RunToResume } from '../../store/record-training';
import { openTrainingTarget } from '../../store/training-target';

const help = `Usage: neuroblocks train <project.json|project.nbproj> [options]

Trains the project's model on its data set in a worker thread, then evaluates it on the held-out
test split. Exit code 0 when training completed or stopped early, 1 when it failed, 3 when it
diverged, 130 when interrupted.

  --epochs N    number of epochs (default: the project's)
  --engine E    tfjs (TensorFlow.js, built in; the default) or pytorch (the Python with torch
                found from --python, NEUROBLOCKS_PYTHON, then PATH)
  --backend B   tfjs engine: tensorflow-gpu, tensorflow, wasm or cpu (default: the fastest that loads)
  --device D    pytorch engine: auto, cpu, cuda or mps (default auto: CUDA, then MPS, then the CPU)
  --python P    pytorch engine: the Python to try first
  --nproc N     pytorch engine: train with N processes on this machine (DistributedDataParallel)
  --seed S      random seed (default: the project's)
  --size N      number of training samples (MNIST, Fashion-MNIST: a class-balanced subset of the
                60,000 training images; 2-D sets: points to generate)
  --json        one JSON object per line for each event; the last is the final result
  --save FILE   record the run in this project file (.nbproj), created from the JSON when absent;
                a project file given to train records its runs in itself
  --resume RUN  go on with run RUN of a project file (interrupted or stopped) from its last
                checkpoint, up to its planned epochs (or --epochs), recording into the same run`;

const backends = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const satisfies readonly BackendName[];
const engines = ['tfjs', 'pytorch'] as const satisfies readonly TrainingEngine[];
const devices = ['auto', 'cpu', 'cuda', 'mps'] as const satisfies readonly TorchDeviceChoice[];

/** Checkpoints and the final result carry the weights; a log line gives their sizes instead of the numbers. */
function jsonLine(event: TrainingEvent): string {
  if ((event.type !== 'checkpoint' && event.type !== 'final') || !event.weights) return JSON.stringify(event);
  const weights = event.weights.map(({ name, shape, dtype, data }) => ({ name, shape, dtype, bytes: data.byteLength }));
  return JSON.stringify({ ...event, weights });
}

const percent = (x: number) => `${(x * 100).toFixed(2)}%`;

function epochLine(event: Extract<TrainingEvent, { type: 'epoch' }>, epochs: number): string {
  const val = event.valLoss !== undefined ? ` · val_loss ${event.valLoss.toFixed(4)} · val_accuracy ${percent(event.valAccuracy!)}` : '';
  return `Epoch ${event.epoch}/${epochs} · loss ${event.loss.toFixed(4)} · accuracy ${percent(event.accuracy)}${val} · ${event.seconds.toFixed(1)} s (${Math.round(event.samplesPerSecond)} samples/s)`;
}

function progressBar(event: Extract<TrainingEvent, { type: 'batch' }>, epochs: number): string {
  const width = 24;
  const filled = Math.round((event.batch / event.batchesPerEpoch) * width);
  return `Epoch ${event.epoch}/${epochs} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${event.batch}/${event.batchesPerEpoch} · loss ${event.loss.toFixed(4)} · accuracy ${percent(event.accuracy)}`;
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function downloadBar(event: Extract<TrainingEvent, { type: 'download' }>): string {
  if (!event.total) return `Downloading ${event.file}: ${megabytes(event.received)}`;
  const width = 24;
  const filled = Math.round((event.received / event.total) * width);
  return `Downloading ${event.file} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${megabytes(event.received)} of ${megabytes(event.total)}`;
}

function finalLines(result: FinalResult, language: Language = 'en'): string[] {
  // A failure is an error: it is told in the language of the command line, with the French text the run gives.
  const failed = result.state === 'failed' || result.state === 'diverged';
  const { message } = result;
  const lines = [
    problemText(
      failed
        ? problem(result.state === 'failed' ? 'cli:failed' : 'cli:diverged', { message })
        : problem(result.state === 'completed' ? 'cli:done' : result.state === 'interrupted' ? 'cli:interrupted' : 'cli:stopped', {
            message,
          }),
      language,
    ),
  ];
  if (result.test)
    lines.push(
      `Test accuracy: ${percent(result.test.accuracy)} on ${result.test.samples} held-out samples (loss ${result.test.loss.toFixed(4)}).`,
    );
  lines.push(problemText(problem('cli:totalTime', { seconds: Math.round(result.seconds * 10) / 10 }), language));
  return lines;
}

function exitCode(result: FinalResult, interrupted: boolean): number {
  if (interrupted) return 130;
  switch (result.state) {
    case 'completed':
    case 'early-stopped':
    case 'stopped':
      return 0;
    case 'diverged':
      return 3;
    case 'failed':
    case 'interrupted':
      return 1;
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(
    args,
    io,
    help,
    {
      ...runSettingOptions,
      backend: { type: 'string' },
      engine: { type: 'string' },
      python: { type: 'string' },
      nproc: { type: 'string' },
      json: { type: 'boolean' },
      save: { type: 'string' },
      resume: { type: 'string' },
    },
    1,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const backend = oneOf(values.backend, 'backend', backends);
  const engine = oneOf(values.engine, 'engine', engines);
  const device = oneOf(values.device, 'device', devices);
  for (const option of ['device', 'python', 'nproc'] as const)
    if (values[option] !== undefined && engine !== 'pytorch')
      throw new Error(`--${option} is a setting of the PyTorch engine: add --engine pytorch.`);
  if (values.backend !== undefined && engine === 'pytorch')
    throw new Error('--backend chooses a TensorFlow.js backend; with --engine pytorch, choose the device with --device.');
  const options = {
    ...(engine ? { engine } : {}),
    ...(device ? { device } : {}),
    ...(values.python ? { python: values.python } : {}),
    ...(values.nproc !== undefined ? { nproc: wholeNumber(values.nproc, 'nproc', 1) } : {}),
    ...runSettings(values),
    backend,
    baseDir: path.dirname(path.resolve(positionals[0])),
  };
  const resumeId = wholeNumber(values.resume, 'resume', 1);
  if (resumeId !== undefined && values.save !== undefined)
    throw new Error('--resume goes on with a run in the project file given to train; leave out --save.');
  const target = await openTrainingTarget(positionals[0], { save: values.save, seed: options.seed });
  let resumed: RunToResume | undefined;
  if (resumeId !== undefined) {
    try {
      if (!target.store)
        throw new Error(`--resume needs a project file (.nbproj) holding the run; ${positionals[0]} is project JSON, which keeps no runs.`);
      resumed = resumeRecordedRun(target.store, resumeId);
    } catch (error) {
      target.close();
      throw error;
    }
  }
  const project = resumed?.project ?? target.project;
  // A new run starts from the project file's pretrained weights, where it has some.
  const pretrained = resumed ? [] : (target.store?.pretrained() ?? []);
  const session = startTraining(
    project,
    resumed
      ? { ...options, epochs: options.epochs ?? resumed.epochs, seed: options.seed ?? resumed.seed, resume: resumed.resume }
      : { ...options, ...(pretrained.length ? { pretrained } : {}) },
  );
  // Subscribed before the printing below, so an epoch is in the file by the time it is shown.
  const recording =
    target.store && recordTrainingRun(target.store, session, project, { dataset: target.dataset, resumed: resumed?.recorder });

  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    session.stop();
  };
  process.once('SIGINT', onInterrupt);
  let epochs = options.epochs ?? project.training.epochs;
  const tty = io.isTty && !values.json;
  let barShown = false;
  const clearBar = () => {
    if (barShown) process.stdout.write('\r\x1b[2K');
    barShown = false;
  };
  session.on((event) => {
    if (values.json) {
      io.out(jsonLine(event));
      return;
    }
    switch (event.type) {
      case 'started':
        epochs = event.epochs;
        io.out(`Training "${project.name}" on ${event.backend}: ${event.device}`);
        if (event.resumedFromEpoch !== undefined)
          io.out(
            event.resumedFromEpoch > event.epochs
              ? `Run ${resumeId} had trained all its ${event.epochs} epochs; finishing it with the test evaluation.`
              : `Resuming run ${resumeId} at epoch ${event.resumedFromEpoch} of ${event.epochs}.`,
          );
        if (resumed?.sizes && (['train', 'validation', 'test'] as const).some((k) => resumed!.sizes![k] !== event.sizes[k]))
          io.err(
            `Warning: run ${resumeId} trained on ${resumed.sizes.train} samples and this resume on ${event.sizes.train}: give the same --size as the first run so that it goes on with the same data.`,
          );
        // A progress line: in English, as its frame.
        for (const f of event.fallbacks) io.out(`  (${f.backend} skipped: ${problemText(f.reason, 'en')})`);
        io.out(
          `${event.paramCount.total.toLocaleString('en')} parameters · ${event.sizes.train} training, ${event.sizes.validation} validation, ${event.sizes.test} test samples · seed ${event.seed}`,
        );
        if (event.frozenBase) io.out(problemText(event.frozenBase.message, io.language));
        // The skipped files come as a warning event of their own.
        for (const warning of event.dataset.warnings)
          if (warning.code !== skippedWarning(event.dataset.skipped)?.code)
            io.err(problemText(problem('cli:warning', { message: warning }), io.language));
        break;
      case 'baseProgress':
        // On a terminal, a line that counts; in a log, the end of the pass only.
        if (tty) {
          process.stdout.write(
            `\r\x1b[2KComputing the frozen base: ${event.images.toLocaleString('en')} of ${event.of.toLocaleString('en')} images`,
          );
          barShown = true;
        } else if (event.images === event.of)
          io.out(`Frozen base computed for the ${event.of.toLocaleString('en')} training and validation images.`);
        break;
      case 'batch':
        if (tty) {
          process.stdout.write(`\r\x1b[2K${progressBar(event, epochs)}`);
          barShown = true;
        }
        break;
      case 'epoch':
        clearBar();
        io.out(epochLine(event, epochs));
        break;
      case 'learningRate':
        clearBar();
        io.out(problemText(problem('cli:learningRateLowered', { learningRate: event.learningRate, reason: event.reason }), io.language));
        break;
      case 'paused':
      case 'resumed':
      case 'checkpoint':
        break;
      case 'warning':
        clearBar();
        io.err(problemText(problem('cli:warning', { message: event.message }), io.language));
        break;
      case 'download':
        if (tty) {
          process.stdout.write(`\r\x1b[2K${downloadBar(event)}`);
          barShown = true;
        } else if (event.received === 0 || event.received === event.total) io.err(downloadBar(event));
        break;
      case 'final':
        clearBar();
        for (const line of finalLines(event, io.language)) (event.state === 'failed' || event.state === 'diverged' ? io.err : io.out)(line);
        break;
    }
  });
  try {
    const code = exitCode(await session.done, interrupted);
    const recorded = recording && (await recording.done);
    if (recorded?.error) {
      io.err(`The run could not be recorded in ${target.store!.path}: ${recorded.error.message}`);
      return 1;
    }
    // With --json, stdout stays one event per line ending with the final result.
    if (recorded?.runId !== undefined) (values.json ? io.err : io.out)(`Recorded as run ${recorded.runId} in ${target.store!.path}.`);
    return code;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    target.close();
  }
}
