import type { GraphAnalysis } from '../model/analyze';
import { formatShape, type Shape } from '../model/graph';
import type { Localized } from '../model/localized';
import { DataError, type Dataset, sampleSize, type SkippedItem } from './types';

export interface DatasetSummary {
  name: string;
  inputShape: Shape;
  classNames: string[];
  trainCount: number;
  testCount: number;
  /** Training samples per class, in class order. */
  countsPerClass: number[];
  warnings: string[];
  /** The same warnings in French, in the same order. */
  warningsFr: string[];
  skipped: Dataset['skipped'];
}

/** A class with fewer than a third of the largest class's samples makes accuracy misleading. */
const IMBALANCE_RATIO = 3;

/** The files left out of a data set, the first five named, in plain words; undefined when none was. */
export function skippedWarning(skipped: SkippedItem[]): Localized | undefined {
  if (skipped.length === 0) return undefined;
  const list = skipped.slice(0, 5).map((s) => `${s.file} (${s.reason})`).join('; ');
  const listFr = skipped
    .slice(0, 5)
    .map((s) => `${s.file} (${s.reasonFr ?? s.reason})`)
    .join(' ; ');
  const several = skipped.length > 1;
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
    warningsFr.push(`Les données d’entraînement n’ont aucun exemple de la classe ${missing.map((c) => `« ${c} »`).join(', ')} : le modèle ne peut pas l’apprendre.`);
  } else if (largest / smallest >= IMBALANCE_RATIO) {
    const big = dataset.classNames[counts.indexOf(largest)];
    const small = dataset.classNames[counts.indexOf(smallest)];
    warnings.push(
      `The classes are strongly imbalanced: "${big}" has ${largest} samples but "${small}" only ${smallest}. Accuracy can look good while the small classes are never recognised; add samples of the small classes or look at the confusion matrix.`,
    );
    warningsFr.push(
      `Les classes sont très déséquilibrées : « ${big} » a ${largest} exemples, mais « ${small} » seulement ${smallest}. La précision peut sembler bonne alors que les petites classes ne sont jamais reconnues ; ajoutez des exemples des petites classes ou regardez la matrice de confusion.`,
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
  };
}

/**
 * Checks that the model can train on the data: one Input whose shape holds one sample, one
 * output whose units match the classes (or one unit for two classes with a binary loss).
 * Throws a DataError naming the block and the parameter to change.
 */
export function checkModelFitsData(analysis: GraphAnalysis, dataset: Dataset, loss: string): void {
  if (analysis.inputs.length !== 1) {
    throw new DataError({
      en: `Training needs exactly one Input block; the model has ${analysis.inputs.length}.`,
      fr: `L’entraînement demande exactement un bloc Input ; le modèle en a ${analysis.inputs.length}.`,
    });
  }
  if (analysis.outputs.length !== 1) {
    const outputs = analysis.outputs.map((o) => `\`${o}\``).join(', ');
    throw new DataError({
      en: `Training needs exactly one output block (a block with nothing after it); the model has ${analysis.outputs.length}: ${outputs}.`,
      fr: `L’entraînement demande exactement un bloc de sortie (un bloc sans rien après lui) ; le modèle en a ${analysis.outputs.length} : ${outputs}.`,
    });
  }
  const input = analysis.nodes[analysis.inputs[0]];
  const inputShape = input.outputShape ?? [];
  // Data are stored flat, so an Input of the same size (e.g. [784] for 28×28×1 digits) is fine.
  if (sampleSize(inputShape) !== sampleSize(dataset.inputShape)) {
    throw new DataError({
      en: `The Input block \`${input.id}\` has shape ${formatShape(inputShape)} but each sample of the data set "${dataset.name}" is ${formatShape(dataset.inputShape)}: set \`shape\` to [${dataset.inputShape.join(', ')}].`,
      fr: `Le bloc Input \`${input.id}\` a la forme ${formatShape(inputShape)}, mais chaque exemple du jeu de données « ${dataset.name} » est ${formatShape(dataset.inputShape)} : réglez \`shape\` sur [${dataset.inputShape.join(', ')}].`,
    });
  }
  const output = analysis.nodes[analysis.outputs[0]];
  const outShape = output.outputShape ?? [];
  const classes = dataset.classNames.length;
  if (outShape.length !== 1) {
    throw new DataError({
      en: `The output block \`${output.id}\` gives ${formatShape(outShape)}, but a classifier must end with one value per class: add a Flatten (or global pooling) and a Dense block with \`units\` = ${classes}.`,
      fr: `Le bloc de sortie \`${output.id}\` donne ${formatShape(outShape)}, mais un classifieur doit finir par une valeur par classe : ajoutez un Flatten (ou un pooling global) et un bloc Dense avec \`units\` = ${classes}.`,
    });
  }
  const units = outShape[0];
  const binaryUnit = units === 1 && classes === 2 && loss !== 'categoricalCrossentropy' && loss !== 'sparseCategoricalCrossentropy';
  if (units !== classes && !binaryUnit) {
    const dense = output.type === 'Dense';
    throw new DataError({
      en: `The output block \`${output.id}\` has ${units} unit${units === 1 ? '' : 's'} but the data set has ${classes} classes: ${dense ? `set \`units\` to ${classes}` : `end the model with a Dense block of ${classes} units`}.`,
      fr: `Le bloc de sortie \`${output.id}\` a ${units} unité${units > 1 ? 's' : ''}, mais le jeu de données a ${classes} classes : ${dense ? `réglez \`units\` sur ${classes}` : `terminez le modèle par un bloc Dense de ${classes} unités`}.`,
    });
  }
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
