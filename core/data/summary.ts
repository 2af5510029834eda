import { analyzeGraph } from '../model/analyze';
import type { DatasetSummary, RecordedTable } from '../api/contract';
import type { Graph } from '../model/graph';
import type { Localized } from '../model/localized';
import { DataError, type Dataset, sampleSize, type SkippedItem } from './types';

export type { DatasetSummary, RecordedTable };

/** A class with fewer than a third of the largest class's samples makes accuracy misleading. */
const IMBALANCE_RATIO = 3;

/** Where a skipped item is: its file, or for a table's row its line and column. */
function placeOf(item: SkippedItem): Localized {
  if (item.line === undefined) return { en: item.file, fr: item.file };
  if (item.column === undefined) return { en: `line ${item.line}`, fr: `ligne ${item.line}` };
  return { en: `line ${item.line}, column "${item.column}"`, fr: `ligne ${item.line}, colonne « ${item.column} »` };
}

/** The files (or rows of a table) left out of a data set, the first five named, in plain words; undefined when none was. */
export function skippedWarning(skipped: SkippedItem[]): Localized | undefined {
  if (skipped.length === 0) return undefined;
  const list = skipped
    .slice(0, 5)
    .map((s) => `${placeOf(s).en} (${s.reason})`)
    .join('; ');
  const listFr = skipped
    .slice(0, 5)
    .map((s) => `${placeOf(s).fr} (${s.reasonFr ?? s.reason})`)
    .join(' ; ');
  const several = skipped.length > 1;
  if (skipped.every((s) => s.line !== undefined)) {
    return {
      en: `${skipped.length} row${several ? 's' : ''} of ${skipped[0].file} ${several ? 'were' : 'was'} skipped: ${list}${skipped.length > 5 ? '; …' : ''}. Training uses the other rows; fix the file and load it again to use them all.`,
      fr: `${skipped.length} ligne${several ? 's' : ''} de ${skipped[0].file} ${several ? 'ont été ignorées' : 'a été ignorée'} : ${listFr}${skipped.length > 5 ? ' ; …' : ''}. L’entraînement utilise les autres lignes ; corrigez le fichier et chargez-le à nouveau pour les utiliser toutes.`,
    };
  }
  return {
    en: `${skipped.length} file${several ? 's were' : ' was'} skipped: ${list}${skipped.length > 5 ? '; …' : ''}.`,
    fr: `${skipped.length} fichier${several ? 's ont été ignorés' : ' a été ignoré'} : ${listFr}${skipped.length > 5 ? ' ; …' : ''}.`,
  };
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const counts = new Array<number>(dataset.classNames.length).fill(0);
  for (let i = 0; i < dataset.train.count; i++) counts[dataset.train.y[i]]++;
  const warnings: string[] = [];
  const warningsFr: string[] = [];
  const largest = Math.max(...counts);
  const smallest = Math.min(...counts);
  if (smallest === 0) {
    const missing = dataset.classNames.filter((_, i) => counts[i] === 0);
    warnings.push(`The training data have no sample of class ${missing.map((c) => `"${c}"`).join(', ')}: the model cannot learn it.`);
    warningsFr.push(
      `Les données d’entraînement n’ont aucun exemple de la classe ${missing.map((c) => `« ${c} »`).join(', ')} : le modèle ne peut pas l’apprendre.`,
    );
  } else if (largest / smallest >= IMBALANCE_RATIO) {
    const big = dataset.classNames[counts.indexOf(largest)];
    const small = dataset.classNames[counts.indexOf(smallest)];
    warnings.push(
      `The classes are strongly imbalanced: "${big}" has ${largest} samples but "${small}" only ${smallest}. Accuracy can look good while the small classes are never recognised; add samples of the small classes or look at the confusion matrix.`,
    );
    warningsFr.push(
      `Les classes sont très déséquilibrées : « ${big} » a ${largest} exemples, mais « ${small} » seulement ${smallest}. L’exactitude peut sembler bonne alors que les petites classes ne sont jamais reconnues ; ajoutez des exemples des petites classes ou regardez la matrice de confusion.`,
    );
  }
  const skipped = skippedWarning(dataset.skipped);
  if (skipped) {
    warnings.push(skipped.en);
    warningsFr.push(skipped.fr);
  }
  return {
    name: dataset.name,
    inputShape: [...dataset.inputShape],
    classNames: [...dataset.classNames],
    trainCount: dataset.train.count,
    testCount: dataset.test.count,
    countsPerClass: counts,
    warnings,
    warningsFr,
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
  if (first) throw new DataError(first.text);
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
