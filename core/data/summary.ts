import { analyzeGraph } from '../model/analyze';
import type { DatasetSummary, RecordedTable } from '../api/contract';
import type { Graph } from '../model/graph';
import { problem, type Problem } from '../i18n/catalogue';
import { DataError, type Dataset, sampleSize, type SkippedItem } from './types';

export type { DatasetSummary, RecordedTable };

/** A class with fewer than a third of the largest class's samples makes accuracy misleading. */
const IMBALANCE_RATIO = 3;

/** How many skipped items a warning names before it says there are more. */
const NAMED_SKIPPED = 5;

/** The files (or rows of a table) left out of a data set, the first five named with why; undefined when none was. */
export function skippedWarning(skipped: SkippedItem[]): Problem | undefined {
  if (skipped.length === 0) return undefined;
  const items = { shown: skipped.slice(0, NAMED_SKIPPED), more: Math.max(0, skipped.length - NAMED_SKIPPED) };
  if (skipped.every((s) => s.line !== undefined))
    return problem('data:skippedRows', { count: skipped.length, file: skipped[0].file, items });
  return problem('data:skippedFiles', { count: skipped.length, items });
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const counts = new Array<number>(dataset.classNames.length).fill(0);
  for (let i = 0; i < dataset.train.count; i++) counts[dataset.train.y[i]]++;
  const warnings: Problem[] = [];
  const largest = Math.max(...counts);
  const smallest = Math.min(...counts);
  if (smallest === 0) {
    warnings.push(problem('data:noSampleOfClass', { classes: dataset.classNames.filter((_, i) => counts[i] === 0) }));
  } else if (largest / smallest >= IMBALANCE_RATIO) {
    const big = dataset.classNames[counts.indexOf(largest)];
    const small = dataset.classNames[counts.indexOf(smallest)];
    warnings.push(problem('data:imbalanced', { big, largest, small, smallest }));
  }
  const skipped = skippedWarning(dataset.skipped);
  if (skipped) warnings.push(skipped);
  return {
    name: dataset.name,
    inputShape: [...dataset.inputShape],
    classNames: [...dataset.classNames],
    trainCount: dataset.train.count,
    testCount: dataset.test.count,
    countsPerClass: counts,
    warnings,
    skipped: dataset.skipped,
    ...(dataset.table ? { table: { labelColumn: dataset.table.labelColumn, columns: dataset.table.columns.map((c) => ({ ...c })) } } : {}),
  };
}

/**
 * Checks that the model can train on the data, with the same checks the editor runs while the
 * graph is edited (core/model's analyzeGraph, given the loss, the class count and the data's
 * sample shape): one Input whose shape holds one sample, one output giving one value per class
 * (or one unit for two classes with a loss on one probability), and a loss that fits the output.
 * Throws a DataError naming the block and the parameter to change.
 */
export function checkModelFitsData(graph: Graph, dataset: Dataset, loss: string): void {
  const analysis = analyzeGraph(graph, {
    loss,
    classes: dataset.classNames.length,
    data: { name: dataset.name, inputShape: dataset.inputShape },
  });
  const first = analysis.errors[0];
  if (first) throw new DataError(first.problem);
}

export interface Normalization {
  mean: Float32Array;
  std: Float32Array;
}

/**
 * (x − mean) / σ with statistics of the training samples: per channel for images (last axis of a
 * rank-3 shape), per feature otherwise. Applied in place to every part given.
 */
export function normalizeDataset(dataset: Dataset): Normalization {
  const shape = dataset.inputShape;
  const groups = shape.length === 3 ? shape[2] : sampleSize(shape);
  const sum = new Float64Array(groups);
  const squares = new Float64Array(groups);
  const x = dataset.train.x;
  for (let i = 0; i < x.length; i++) sum[i % groups] += x[i];
  const perGroup = x.length / groups;
  const mean = Float32Array.from(sum, (s) => s / perGroup);
  for (let i = 0; i < x.length; i++) squares[i % groups] += (x[i] - mean[i % groups]) ** 2;
  // A constant feature (σ = 0) is only centred.
  const std = Float32Array.from(squares, (s) => Math.sqrt(s / perGroup) || 1);
  for (const part of [dataset.train.x, dataset.test.x]) {
    for (let i = 0; i < part.length; i++) part[i] = (part[i] - mean[i % groups]) / std[i % groups];
  }
  return { mean, std };
}
