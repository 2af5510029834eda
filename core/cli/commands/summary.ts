import { totalmem } from 'node:os';
import { analyzeGraph } from '../../model/analyze';
import { formatSummary, summaryJson } from '../../model/summary';
import { commandArgs } from '../args';
import type { CliIo } from '../io';
import { readProjectFile } from '../read-project';

const help = `Usage: neuroblocks summary <project.json> [--json]

Prints a Keras-like summary (layer, type, output shape, parameters; total, trainable and
non-trainable) with the project's errors and warnings. Exit code 0 when the graph is valid, 1 when not.

  --json   print one JSON object instead of the table (shapes without the batch dimension)`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = commandArgs(args, io, help, { json: { type: 'boolean' } }, 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const project = await readProjectFile(positionals[0]);
  const analysis = analyzeGraph(project.graph, { loss: project.training.loss, memory: { bytes: totalmem(), training: project.training } });
  const summary = summaryJson(project.graph, analysis);
  io.out(values.json ? JSON.stringify(summary) : formatSummary(project.name, summary, io.language));
  return analysis.valid ? 0 : 1;
}
