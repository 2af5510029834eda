import path from 'node:path';
import { problem, type Problem } from '../../i18n/catalogue';
import { problemText } from '../../i18n/translate';
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
  const { importNetworkAsProject } = await import('../../import/import-network');
  let imported;
  try {
    imported = await importNetworkAsProject(file, out, { source: path.basename(positionals[0]), force: values.force });
  } catch (error) {
    const found = (error as { problem?: Problem }).problem;
    io.err(
      (error as { code?: string }).code === 'exists'
        ? problemText(problem('import:existsForce', { file: path.basename(out) }), io.language)
        : found
          ? problemText(found, io.language)
          : errorTexts(error)[io.language ?? 'en'],
    );
    return 1;
  }
  io.out(
    problemText(
      problem('import:imported', {
        source: imported.source,
        out: values.out,
        blocks: imported.blocks,
        params: imported.params,
        trainable: imported.trainableParams,
      }),
      io.language,
    ),
  );
  for (const note of imported.notes) io.out(`  ${problemText(note, io.language)}`);
  return 0;
}
