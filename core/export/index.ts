import { lstat, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileGraph } from '../compile/compile';
import { applyPretrained, type PretrainedWeight } from '../compile/pretrained';
import { problem } from '../i18n/catalogue';
import type { Tf } from '../model/block';
import { kerasNotebook, kerasScript } from '../model/codegen/index';
import { ExportError, planGraph } from '../model/codegen/plan';
import type { Project } from '../model/project';
import { appVersion } from '../store/app-version';
import { onnxExport } from './onnx/index';
import type { ExportFormatName } from '../api/contract';
import { ExportOverwriteError } from './overwrite';
import { pytorchExport } from './pytorch';
import { tfjsArtifacts, WEIGHTS_FILE, writeTfjs } from './tfjs';
import { pageDataOf, writeWebDemo } from './web';
import { groupWeights, weightsOfModel, type NamedWeight } from './weights';

export { ExportOverwriteError };

export interface ExportOptions {
  tf: Tf;
  project: Project;
  format: ExportFormatName;
  /** Folder to write into; created when missing. */
  outDir: string;
  /** A trained run's weights; without them the model is exported untrained, initialised with the project's seed. */
  weights?: NamedWeight[];
  /** Without a run's weights: the project's pretrained weights, which the untrained model starts from. */
  pretrained?: readonly PretrainedWeight[];
  /** Version written into the files' metadata (default: the app's version). */
  producerVersion?: string;
  /** Replace files of the same names already in outDir; without it such files make the export refuse (ExportOverwriteError). */
  overwrite?: boolean;
  /** The project file's folder, where its data paths resolve: the web page reads class names and a table's columns there. */
  baseDir?: string;
}

export interface ExportResult {
  format: ExportFormatName;
  outDir: string;
  /** File names written, relative to outDir. */
  files: string[];
  trained: boolean;
}

/** The weights of the project's model as the app initialises it before training (seeded, so repeatable), from its pretrained weights where it has them. */
export function untrainedWeights(tf: Tf, project: Project, pretrained?: readonly PretrainedWeight[]): NamedWeight[] {
  const model = compileGraph(tf, project.graph, { seed: project.training.seed });
  try {
    applyPretrained(tf, model, pretrained);
    return weightsOfModel(model);
  } finally {
    model.dispose();
  }
}

function fileStem(project: Project): string {
  return (
    project.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'model'
  );
}

/** The files an export of `format` writes, relative to its folder. */
export function exportFileNames(project: Project, format: ExportFormatName): string[] {
  switch (format) {
    case 'keras':
      return [`${fileStem(project)}.py`];
    case 'notebook':
      return [`${fileStem(project)}.ipynb`];
    case 'pytorch':
      return ['model.py', 'weights.npz'];
    case 'onnx':
      return ['model.onnx'];
    case 'tfjs':
      return ['model.json', WEIGHTS_FILE];
    case 'web':
      return ['model.json', WEIGHTS_FILE, 'tf.min.js', 'model-data.js', 'index.html'];
  }
}

/** Of the files an export would write, those already in `outDir` (of any kind: a folder of that name counts). */
export async function existingExportFiles(project: Project, format: ExportFormatName, outDir: string): Promise<string[]> {
  const found = await Promise.all(
    exportFileNames(project, format).map((name) =>
      lstat(join(outDir, name)).then(
        () => name,
        () => undefined,
      ),
    ),
  );
  return found.filter((name): name is string => name !== undefined);
}

/**
 * Writes one export format of a project; refuses, naming the block, a graph the format cannot
 * express, and, unless `overwrite`, a folder that already holds a file of the export's names.
 */
export async function exportProject(options: ExportOptions): Promise<ExportResult> {
  const { tf, project, format, outDir } = options;
  // Formats that train (the Keras script, the notebook) need a graph that trains with the
  // project's loss; the others carry a model as it is, e.g. one with several Input blocks.
  const trains = format === 'keras' || format === 'notebook';
  const plan = planGraph(project.graph, trains ? { loss: project.training.loss } : {});
  const version = options.producerVersion ?? appVersion();
  if (format === 'web' && plan.inputs.length > 1)
    throw new ExportError(problem('export:webSeveralInputs', { count: plan.inputs.length, inputs: plan.inputs }), plan.inputs[1], 'Input');
  if (!options.overwrite) {
    const existing = await existingExportFiles(project, format, outDir);
    if (existing.length > 0) throw new ExportOverwriteError(outDir, existing);
  }
  await mkdir(outDir, { recursive: true });
  const write = async (name: string, data: string | Uint8Array) => {
    await writeFile(join(outDir, name), data);
    return name;
  };
  const weights = () => options.weights ?? untrainedWeights(tf, project, options.pretrained);
  const result = (files: string[]): ExportResult => ({ format, outDir, files, trained: Boolean(options.weights) });

  switch (format) {
    case 'keras':
      return result([await write(`${fileStem(project)}.py`, kerasScript(project))]);
    case 'notebook':
      return result([await write(`${fileStem(project)}.ipynb`, kerasNotebook(project))]);
    case 'pytorch': {
      const { code, weights: npz } = pytorchExport(project, groupWeights(weights()));
      return result([await write('model.py', code), await write('weights.npz', npz)]);
    }
    case 'onnx':
      return result([await write('model.onnx', onnxExport(project, groupWeights(weights()), version))]);
    case 'tfjs':
      return result(await writeTfjs(outDir, await tfjsArtifacts(tf, project.graph, weights())));
    case 'web': {
      const artifacts = await tfjsArtifacts(tf, project.graph, weights());
      const input = plan.byId.get(plan.inputs[0])!;
      const output = plan.byId.get(plan.outputs[0])!;
      const data = await pageDataOf(project, options.baseDir);
      return result(
        await writeWebDemo(outDir, project, artifacts, input.outputShape, output.outputShape[output.outputShape.length - 1] ?? 1, data),
      );
    }
  }
}
