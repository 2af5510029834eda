import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { exportFormatNames, type ExportFormatName } from '../../api/contract';
import { exportProject } from '../../export/index';
import type { NamedWeight } from '../../export/weights';
import { problem, type Problem } from '../../i18n/catalogue';
import { problemText } from '../../i18n/translate';
import { fileNameIssue } from '../../model/file-names';
import { LocalizedError } from '../../model/localized';
import type { Project } from '../../model/project';
import { commandArgs, runSettingOptions, runSettings } from '../args';
import type { CliIo } from '../io';
import { readProjectFile } from '../read-project';
import { readRegularFilePrefix } from '../../store/regular-file';

const help = `Usage: neuroblocks export <project.json | project file> --format FORMAT --out DIR [--run ID] [--force]

Exports the project's model to use it elsewhere.

  --format      tfjs      TensorFlow.js layers model (model.json + weights), for tf.loadLayersModel
                onnx      model.onnx (opset 17, NHWC input as in the app)
                pytorch   model.py (an nn.Module) + weights.npz, with load_model()
                keras     a Python script that builds and trains the model with Keras
                notebook  a Jupyter notebook that trains it on a GPU runtime (e.g. Colab)
                web       a demo page (with TensorFlow.js) to draw or drop an image and see the prediction
                job       a training job for PyTorch on another machine (a GPU server, a cluster):
                          \`python3 DIR/train.py\` or \`torchrun --nproc-per-node N DIR/train.py\` trains
                          it, \`neuroblocks import-run PROJECT.nbproj DIR\` records its result
  --out DIR     folder to write into (created when missing; for a job, new or empty)
  --run ID      use the weights of this training run (project files only); without it the
                model is exported untrained, initialised with the project's seed
  --checkpoint  best | last: which checkpoint of the run (default: best, or last when the run has no best)
  --force       replace files of the same names already in DIR (without it, the export refuses
                to write into a folder that holds any of them, and writes nothing)

Job only (the run's settings, as for \`neuroblocks train\`):
  --epochs N    number of epochs (default: the project's)
  --seed S      random seed (default: the project's)
  --size N      number of training samples
  --device D    auto (default), cpu, cuda or mps: where train.py trains unless told otherwise`;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

async function isProjectFile(path: string): Promise<boolean> {
  // Never waits on a pipe or reads a device: those are refused as project JSON next.
  const header = await readRegularFilePrefix(path, 16).catch(() => undefined);
  return header?.toString('latin1') === SQLITE_MAGIC;
}

interface Source {
  project: Project;
  weights?: NamedWeight[];
  /** Without a run: the project's pretrained weights. */
  pretrained?: NamedWeight[];
  /** Logs the export in the project file, when there is one. */
  record?: (format: ExportFormatName, outDir: string, files: string[], bytes: number) => Problem | undefined;
  describe: string;
  close(): void;
}

async function loadSource(path: string, runId: number | undefined, checkpoint: 'best' | 'last' | undefined): Promise<Source> {
  if (!(await isProjectFile(path))) {
    if (runId !== undefined)
      throw new Error(
        `--run needs a project file (.nbproj), where runs are recorded; ${path} is project JSON, which has no runs. Export without --run for an untrained model.`,
      );
    return { project: await readProjectFile(path), describe: 'untrained (initial weights from the project seed)', close() {} };
  }
  const { ProjectStore } = await import('../../store/project-store');
  const store = ProjectStore.open(path);
  try {
    const log = (format: ExportFormatName, outDir: string, bytes: number, details: Record<string, unknown>, run?: number) => {
      if (store.readOnly)
        return problem('cli:exportNotLogged', { file: path, reason: store.readOnlyProblem ?? problem('store:notWritable', { path }) });
      store.recordExport({ ...(run === undefined ? {} : { runId: run }), format, path: outDir, bytes, details });
      return undefined;
    };
    if (runId === undefined) {
      const pretrained = store.pretrained();
      return {
        project: store.project(),
        ...(pretrained.length ? { pretrained } : {}),
        describe: pretrained.length
          ? `untrained, with the project's pretrained weights (${pretrained.length} tensors) and the others from the project seed`
          : 'untrained (initial weights from the project seed)',
        record: (format, outDir, files, bytes) =>
          log(format, outDir, bytes, { files, weights: pretrained.length ? 'pretrained' : 'untrained' }),
        close: () => store.close(),
      };
    }
    const run = store.getRun(runId);
    const which = checkpoint ?? (run.best ? 'best' : 'last');
    const loaded = store.loadCheckpoint(runId, which);
    return {
      // The graph the run trained, so the weights always fit it even if the project changed since.
      project: run.project,
      weights: loaded.weights,
      describe: `run ${runId}, ${which} checkpoint (epoch ${loaded.epoch})`,
      record: (format, outDir, files, bytes) => log(format, outDir, bytes, { files, checkpoint: which, epoch: loaded.epoch }, runId),
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** `--format job`: the folder that trains the project with PyTorch on another machine. */
async function exportJobFolder(
  input: string,
  values: { out?: string; run?: string; epochs?: string; seed?: string; size?: string; device?: string },
  io: CliIo,
): Promise<number> {
  if (values.run !== undefined) {
    io.err(
      'A job trains the model from its initial weights: leave out --run (to go on with a run, use `neuroblocks train FILE --resume RUN`).',
    );
    return 2;
  }
  if (values.device !== undefined && !['auto', 'cpu', 'cuda', 'mps'].includes(values.device)) {
    io.err(`--device is auto, cpu, cuda or mps, not "${values.device}".`);
    return 2;
  }
  const { epochs, seed, size } = runSettings(values);
  const source = await loadSource(input, undefined, undefined);
  try {
    const project = source.project;
    const baseDir = dirname(resolve(input));
    const { describeDataset } = await import('../../store/dataset-ref');
    const dataset = project.dataset
      ? await describeDataset(size !== undefined && project.dataset.kind === 'builtin' ? { ...project.dataset, size } : project.dataset, {
          baseDir,
          seed: seed ?? project.training.seed,
        }).catch(() => undefined)
      : undefined;
    const { exportJob } = await import('../../train/pytorch/job');
    const outDir = resolve(values.out!);
    const { files, started } = await exportJob(project, outDir, {
      epochs,
      seed,
      size,
      baseDir,
      pretrained: source.pretrained,
      device: values.device as 'auto' | undefined,
      ...(dataset ? { dataset } : {}),
    });
    const sizes = await Promise.all(files.map(async (f) => (await stat(join(outDir, f))).size));
    io.out(
      `Wrote the training job of "${project.name}" (${started.epochs} epochs, ${started.sizes.train} training samples, seed ${started.seed}) to ${outDir}:`,
    );
    files.forEach((f, i) => io.out(`  ${f.padEnd(24)} ${formatBytes(sizes[i]).padStart(10)}`));
    io.out(`Train it where PyTorch is: python3 ${join(outDir, 'train.py')}  (or torchrun --nproc-per-node N ${join(outDir, 'train.py')})`);
    io.out(`Then record it: neuroblocks import-run PROJECT.nbproj ${outDir}`);
    return 0;
  } finally {
    source.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(
    args,
    io,
    help,
    {
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
      run: { type: 'string' },
      checkpoint: { type: 'string' },
      force: { type: 'boolean' },
      ...runSettingOptions,
    },
    1,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (!values.format || !values.out) {
    io.err(help);
    return 2;
  }
  if (values.format === 'job') return exportJobFolder(positionals[0], values, io);
  for (const option of Object.keys(runSettingOptions) as (keyof typeof runSettingOptions)[])
    if (values[option] !== undefined) {
      io.err(`--${option} is a setting of a training job (--format job); the ${values.format} export has no training run to set.`);
      return 2;
    }
  const format = values.format as ExportFormatName;
  if (!exportFormatNames.includes(format)) {
    io.err(`Unknown format "${values.format}". Choose one of: ${[...exportFormatNames, 'job'].join(', ')}.`);
    return 2;
  }
  const runId = values.run === undefined ? undefined : Number(values.run);
  if (runId !== undefined && (!Number.isInteger(runId) || runId < 1)) {
    io.err(`--run takes the id of a run (a whole number, see \`neuroblocks runs FILE\`), not "${values.run}".`);
    return 2;
  }
  if (values.checkpoint !== undefined && values.checkpoint !== 'best' && values.checkpoint !== 'last') {
    io.err(`--checkpoint is "best" or "last", not "${values.checkpoint}".`);
    return 2;
  }
  const folderIssue = fileNameIssue(basename(resolve(values.out)));
  if (folderIssue) throw new LocalizedError(problem('export:badFolder', { folder: values.out, why: folderIssue }));
  const source = await loadSource(positionals[0], runId, values.checkpoint as 'best' | 'last' | undefined);
  try {
    const tf = await import('@tensorflow/tfjs');
    await tf.setBackend('cpu');
    const outDir = resolve(values.out);
    const result = await exportProject({
      tf,
      project: source.project,
      format,
      outDir,
      weights: source.weights,
      pretrained: source.pretrained,
      overwrite: values.force === true,
      baseDir: dirname(resolve(positionals[0])),
    });
    const sizes = await Promise.all(result.files.map(async (f) => (await stat(join(outDir, f))).size));
    const needsWeights = !['keras', 'notebook'].includes(format);
    io.out(`Exported "${source.project.name}" as ${format}${needsWeights ? `, ${source.describe}` : ''}, to ${outDir}:`);
    result.files.forEach((f, i) => io.out(`  ${f.padEnd(24)} ${formatBytes(sizes[i]).padStart(10)}`));
    const warning = source.record?.(
      format,
      outDir,
      result.files,
      sizes.reduce((a, b) => a + b, 0),
    );
    if (warning) io.err(problemText(warning, io.language));
    return 0;
  } finally {
    source.close();
  }
}
