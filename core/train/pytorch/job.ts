// A job folder: everything one training run needs to run on another machine with PyTorch alone
// (a GPU server, a cluster), and the way back: its result recorded as a run of the project file.
//
//   DIR/train.py        the launcher: `python3 train.py` or `torchrun --nproc-per-node N train.py`
//   DIR/README.md       how to run it and bring it back
//   DIR/job.json        what the app needs to record the result (the project, the run's start)
//   DIR/run/            the engine's run folder: engine.py, model.py, config.json, the initial
//                       weights, the data as .npy and the seeded sample orders
//   DIR/result/         written by the run: events.jsonl, the best and last checkpoints, the final weights
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Project } from '../../model/project';
import { problem } from '../../i18n/catalogue';
import { LocalizedError } from '../../model/localized';
import type { DatasetInput } from '../../store/types';
import type { FinalResult, SerializedWeight, TestEvaluation, TrainingEvent } from '../events';
import type { TrainingOptions } from '../run';
import type { TrainingListener, TrainingSession } from '../session';
import { engineScript, prepareTorchRun, readWeightFile } from './run';

const launcher = fileURLToPath(new URL('./job_train.py', import.meta.url));
/** Starts the ranks of `train.py --nproc N`, where torchrun is missing or cannot start. */
const ranksScript = fileURLToPath(new URL('./ranks.py', import.meta.url));

export const JOB_FORMAT = 'neuroblocks.job';
type Started = Extract<TrainingEvent, { type: 'started' }>;

/** DIR/job.json. */
export interface JobManifest {
  format: typeof JOB_FORMAT;
  version: 1;
  project: Project;
  /** The run's `started` event, less the device, which the machine that trains it says. */
  started: Omit<Started, 'type' | 'device' | 'backend'>;
  dataset?: DatasetInput;
  createdAt: string;
}

const readme = (project: Project, started: JobManifest['started']) => `# ${project.name}: a Neuroblocks training job

${started.paramCount.total.toLocaleString('en')} parameters · ${started.sizes.train} training, ${started.sizes.validation} validation and ${started.sizes.test} test samples · ${started.epochs} epochs · seed ${started.seed}

Runs on any machine with Python 3, PyTorch (torch 1.10 or later) and numpy; nothing else.

\`\`\`sh
python3 train.py                          # the best device found: CUDA, then Apple MPS, then the CPU
python3 train.py --device cpu             # or cuda, mps
torchrun --nproc-per-node 4 train.py      # 4 processes (one per GPU, or CPU processes), DistributedDataParallel
python3 train.py --nproc 4                # the same without torchrun (where it cannot start)
\`\`\`

On a cluster, one torchrun per node, for example under Slurm:

\`\`\`sh
srun torchrun --nnodes $SLURM_NNODES --nproc-per-node 4 \\
  --rdzv-backend c10d --rdzv-endpoint $(scontrol show hostnames $SLURM_NODELIST | head -n1):29500 train.py
\`\`\`

Each process trains its share of every batch (gloo on CPUs, NCCL on GPUs); the metrics are summed
over all of them and only the first process writes. The result goes to \`result/\`: \`events.jsonl\`
(one line per event: epochs, checkpoints, the final test evaluation), the best and last checkpoints
and the final weights. Copy the folder back and record it as a run of the project:

\`\`\`sh
neuroblocks import-run PROJECT.nbproj THIS_FOLDER
\`\`\`

\`run/\` holds what the run needs: \`engine.py\` (the training engine), \`ranks.py\` (starts the processes of \`--nproc\`), \`model.py\` (the model as a
PyTorch module), \`config.json\` (the settings), \`initial.bin\` (the initial weights), the data as
\`.npy\` files and the seeded order of the samples of every epoch.
`;

/**
 * Writes the job folder of `project` into `outDir` (created; refused when it already holds files).
 * `options` are the training options (epochs, seed, size, baseDir…), as for a run in the app.
 */
export async function exportJob(
  project: Project,
  outDir: string,
  options: TrainingOptions & { dataset?: DatasetInput } = {},
): Promise<{ files: string[]; started: JobManifest['started'] }> {
  if (existsSync(outDir) && (!statSync(outDir).isDirectory() || readdirSync(outDir).length > 0))
    throw new LocalizedError(problem('train:jobFolderTaken', { folder: outDir }));
  const runDir = path.join(outDir, 'run');
  mkdirSync(runDir, { recursive: true });
  const { dataset, ...trainingOptions } = options;
  const prepared = await prepareTorchRun({ project, options: trainingOptions }, runDir);
  copyFileSync(engineScript, path.join(runDir, 'engine.py'));
  copyFileSync(ranksScript, path.join(runDir, 'ranks.py'));
  copyFileSync(launcher, path.join(outDir, 'train.py'));
  const { type: _type, device: _device, backend: _backend, ...started } = prepared.startedEvent('');
  const manifest: JobManifest = {
    format: JOB_FORMAT,
    version: 1,
    project,
    started,
    ...(dataset ? { dataset } : {}),
    createdAt: new Date().toISOString(),
  };
  writeFileSync(path.join(outDir, 'job.json'), JSON.stringify(manifest, null, 1));
  writeFileSync(path.join(outDir, 'README.md'), readme(project, started));
  const files = ['train.py', 'README.md', 'job.json', ...readdirSync(runDir).map((f) => `run/${f}`)];
  return { files, started };
}

/** The job folder's manifest, checked. */
export function readJob(jobDir: string): JobManifest {
  const file = path.join(jobDir, 'job.json');
  let manifest: JobManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as JobManifest;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new LocalizedError(problem(missing ? 'train:notAJobNoManifest' : 'train:notAJobUnreadable', { folder: jobDir }));
  }
  if (manifest?.format !== JOB_FORMAT || manifest.version !== 1 || !manifest.project || !manifest.started)
    throw new LocalizedError(
      problem('train:notAJobManifest', {
        file,
        format: String(JSON.stringify(manifest?.format)),
        version: String(JSON.stringify(manifest?.version)),
      }),
    );
  return manifest;
}

interface EngineEvent {
  type: string;
  [key: string]: unknown;
}

/** The result's events, as the app's training events (weights read from the result's files). */
export function jobEvents(jobDir: string, manifest: JobManifest): TrainingEvent[] {
  const resultDir = path.join(jobDir, 'result');
  const log = path.join(resultDir, 'events.jsonl');
  if (!existsSync(log)) throw new LocalizedError(problem('train:jobNoResult', { folder: jobDir }));
  const lines = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => l.trim());
  const events: TrainingEvent[] = [];
  const history: FinalResult['history'] = [];
  let device = '';
  let ended = false;
  const weightsOf = (files: unknown): { weights?: SerializedWeight[]; optimizer?: SerializedWeight[] } | undefined => {
    const f = files as {
      file?: string;
      weights?: Parameters<typeof readWeightFile>[1];
      optimizer?: Parameters<typeof readWeightFile>[1];
    } | null;
    if (!f?.file || !existsSync(path.join(resultDir, f.file))) return undefined;
    const file = path.join(resultDir, f.file);
    return { weights: readWeightFile(file, f.weights ?? []), ...(f.optimizer ? { optimizer: readWeightFile(file, f.optimizer) } : {}) };
  };
  lines.forEach((line, i) => {
    let event: EngineEvent;
    try {
      event = JSON.parse(line) as EngineEvent;
    } catch {
      throw new LocalizedError(problem('train:jobBadLine', { line: i + 1, file: log }));
    }
    switch (event.type) {
      case 'engine':
        device = String(event.device);
        events.push({ type: 'started', backend: 'pytorch', device, ...manifest.started });
        break;
      case 'epoch': {
        const { type: _t, ...metrics } = event;
        history.push(metrics as unknown as FinalResult['history'][number]);
        events.push({ type: 'epoch', ...(metrics as unknown as FinalResult['history'][number]) });
        break;
      }
      case 'checkpoint': {
        const files = weightsOf(event);
        // Only the best and the last checkpoints' files are kept by the job; the others were passed on.
        if (files?.weights)
          events.push({
            type: 'checkpoint',
            kind: event.kind as 'best' | 'last',
            epoch: event.epoch as number,
            monitor: String(event.monitor),
            value: event.value as number,
            weights: files.weights,
            ...(files.optimizer ? { optimizer: files.optimizer } : {}),
          } as TrainingEvent);
        break;
      }
      case 'learningRate':
        events.push({
          type: 'learningRate',
          epoch: event.epoch as number,
          learningRate: event.learningRate as number,
          reason: problem('train:plateau', { monitor: String(event.monitor), count: Number(event.patience) }),
        });
        break;
      case 'error':
        ended = true;
        events.push({
          type: 'final',
          state: 'failed',
          message: device
            ? problem('train:jobFailedOn', { device, said: String(event.message) })
            : problem('train:jobFailed', { said: String(event.message) }),
          epochsCompleted: history.length,
          history,
          backend: 'pytorch',
          device,
          seconds: 0,
        });
        break;
      case 'final': {
        ended = true;
        const state = event.state as FinalResult['state'];
        const files = weightsOf(event.weights);
        const count = event.epochsCompleted as number;
        const where = { device };
        const message =
          state === 'completed'
            ? problem('train:jobCompleted', { ...where, count })
            : state === 'early-stopped'
              ? problem('train:jobEarlyStopped', { ...where, epoch: count, monitor: String(event.monitor), count: Number(event.patience) })
              : state === 'diverged'
                ? problem('train:jobDiverged', where)
                : state === 'stopped'
                  ? problem('train:jobStopped', where)
                  : problem('train:jobEnded', { ...where, state });
        events.push({
          type: 'final',
          state,
          message,
          epochsCompleted: event.epochsCompleted as number,
          history,
          ...(event.restoredEpoch ? { restoredEpoch: event.restoredEpoch as number } : {}),
          ...(event.test ? { test: event.test as TestEvaluation } : {}),
          ...(files?.weights ? { weights: files.weights } : {}),
          backend: 'pytorch',
          device,
          seconds: history.reduce((s, m) => s + (m.seconds ?? 0), 0),
        });
        break;
      }
      default:
        break;
    }
  });
  if (!events.length || events[0].type !== 'started') throw new LocalizedError(problem('train:jobNotStarted', { file: log }));
  if (!ended)
    events.push({
      type: 'final',
      state: 'failed',
      message: problem('train:jobUnfinished', { count: history.length }),
      epochsCompleted: history.length,
      history,
      backend: 'pytorch',
      device,
      seconds: history.reduce((s, m) => s + (m.seconds ?? 0), 0),
    });
  return events;
}

/** A finished session that plays the job's events to whoever listens, for the recorder. */
export function replaySession(events: readonly TrainingEvent[]): TrainingSession & { play(): void } {
  const listeners = new Set<TrainingListener>();
  const final = events.at(-1) as Extract<TrainingEvent, { type: 'final' }>;
  const { type: _type, ...result } = final;
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    play() {
      for (const event of events) for (const listener of [...listeners]) listener(event);
    },
    pause() {},
    resume() {},
    stop() {},
    batchesCompleted: () => 0,
    done: Promise.resolve(result),
  };
}
