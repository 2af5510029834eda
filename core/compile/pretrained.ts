// Puts a project's pretrained weights into a freshly built model: training, the untrained export
// and every engine start from them. A weight whose block changed shape since is left at its
// random start and named, so that the user knows which block no longer has its pretrained values.
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from '../model/block';
import { problem, type Problem } from '../i18n/catalogue';

/** One pretrained tensor, named `block/weight` (e.g. `conv1/kernel`). */
export interface PretrainedWeight {
  name: string;
  shape: readonly number[];
  data: ArrayLike<number>;
}

export interface PretrainedReport {
  /** How many of the model's weights were set from pretrained values. */
  applied: number;
  /** Pretrained weights of blocks still in the graph that no longer fit them. */
  skipped: { name: string; shape: number[]; needed: number[] }[];
}

/** Sets every weight of `model` that has a pretrained value of the same name and shape. */
export function applyPretrained(tf: Tf, model: tfjs.LayersModel, weights: readonly PretrainedWeight[] | undefined): PretrainedReport {
  const report: PretrainedReport = { applied: 0, skipped: [] };
  if (!weights?.length) return report;
  const byName = new Map(weights.map((w) => [w.name, w]));
  for (const variable of model.weights) {
    const weight = byName.get(variable.originalName);
    if (!weight) continue;
    const needed = variable.shape as number[];
    if (weight.shape.length !== needed.length || weight.shape.some((d, i) => d !== needed[i])) {
      report.skipped.push({ name: weight.name, shape: [...weight.shape], needed: [...needed] });
      continue;
    }
    const value = tf.tensor(Float32Array.from(weight.data), needed, 'float32');
    variable.write(value);
    value.dispose();
    report.applied += 1;
  }
  return report;
}

/** Why some blocks start from random weights after all, for a warning; undefined when every pretrained weight fitted. */
export function pretrainedSkippedText(report: PretrainedReport): Problem | undefined {
  if (!report.skipped.length) return undefined;
  const list = report.skipped.map((s) => `${s.name} (${s.shape.join('×')} → ${s.needed.join('×')})`).join(', ');
  return problem('train:pretrainedNoLongerFit', { weights: list });
}
