import { totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { analyzeGraph } from '../../model/analyze';
import { formatSummary, summaryJson } from '../../model/summary';
import type { CliIo } from '../io';
import { readProjectFile } from '../read-project';

const help = `Usage: neuroblocks summary <project.json> [--json]

Prints a Keras-like summary (layer, type, output shape, parameters; total, trainable and
non-trainable) with the project's errors and warnings. Exit code 0 when the graph is valid, 1 when not.

  --json   print one JSON object instead of the table (shapes without the batch dimension)`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help) {
    io.out(help);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(help);
    return 2;
  }
  const project = await readProjectFile(positionals[0]);
  const analysis = analyzeGraph(project.graph, { loss: project.training.loss, memory: { bytes: totalmem(), training: project.training } });
  const summary = summaryJson(project.graph, analysis);
  io.out(values.json ? JSON.stringify(summary) : formatSummary(project.name, summary));
  return analysis.valid ? 0 : 1;
}
