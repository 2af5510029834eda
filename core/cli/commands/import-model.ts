import { existsSync } from 'node:fs';
import path from 'node:path';
import { errorTexts } from '../../model/localized';
import { commandArgs } from '../args';
import type { CliIo } from '../io';

const help = `Usage: neuroblocks import-model <FILE> --out <PROJECT.nbproj> [--force]

Imports a pretrained network into a new project file: its graph in the app's blocks, and its
weights as the project's pretrained weights (so \`neuroblocks export\` without --run carries them,
and training starts from them). The format comes from the file's extension:

  .onnx         ONNX (e.g. torch.onnx.export of a torchvision or timm model, opset 7 or later)

  --out FILE    the project file to create
  --force       replace FILE when it exists (without it, an existing file is left untouched)

An operator the app cannot express exactly is refused by name, with its node; nothing is
approximated.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, io, help, { out: { type: 'string', short: 'o' }, force: { type: 'boolean' } }, 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (!values.out) {
    io.err(help);
    return 2;
  }
  const file = path.resolve(positionals[0]);
  const out = path.resolve(values.out);
  const { importerFor, importers } = await import('../../import/index');
  const importer = importerFor(file);
  if (!importer) {
    io.err(`${positionals[0]} cannot be imported: the app reads ${importers.flatMap((i) => i.extensions).join(', ')} files, and its name ends otherwise.`);
    return 1;
  }
  const { fileNameProblem } = await import('../../model/file-names');
  const nameProblem = fileNameProblem(path.basename(out));
  if (nameProblem) {
    io.err(`${values.out} cannot be created: ${nameProblem.en}. Choose another name.`);
    return 1;
  }
  if (!values.force && existsSync(out)) {
    io.err(`${values.out} already exists; it is left as it is. Choose another name, or add --force to replace it.`);
    return 1;
  }
  let model;
  try {
    model = await importer.load(file);
  } catch (error) {
    io.err(`${positionals[0]} cannot be imported: ${errorTexts(error).en}`);
    return 1;
  }
  const { analyzeGraph } = await import('../../model/analyze');
  const { formatCount } = await import('../../model/summary');
  const { ProjectStore } = await import('../../store/project-store');
  const { moveIntoPlace, removeDatabaseFiles, siblingTempPath } = await import('../../store/project-file');
  const analysis = analyzeGraph(model.graph);
  const source = path.basename(file);
  // The project is made whole under a temporary name and renamed into place: an existing file is replaced only by a complete one.
  const temp = siblingTempPath(out, 'importing');
  try {
    const store = ProjectStore.create(
      temp,
      { format: 'neuroblocks.project', version: 1, name: model.name, description: `Imported from ${source} (${model.format}).`, graph: model.graph },
      { message: `Imported from ${source}` },
    );
    try {
      store.setPretrained(
        model.weights.map((w) => ({ name: w.name, shape: w.shape, dtype: 'float32', data: w.data })),
        source,
      );
    } finally {
      store.close();
    }
    if (!values.force && existsSync(out)) throw new Error(`${values.out} appeared while the network was imported; it is left as it is.`);
    moveIntoPlace(temp, out);
  } catch (error) {
    removeDatabaseFiles(temp);
    io.err(`${values.out} could not be written: ${errorTexts(error).en}`);
    return 1;
  }
  io.out(`Imported ${source} into ${values.out}: ${model.graph.nodes.length} blocks, ${formatCount(analysis.totalParams)} parameters (${formatCount(analysis.trainableParams)} trainable), with its weights as the project's pretrained weights.`);
  for (const note of model.notes) io.out(`  ${note.en}`);
  return 0;
}
