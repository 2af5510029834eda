// Plain-words advice from a run's curves: divergence, overfitting and underfitting. Pure, so that
// the rules are tested on their own; the panel translates the keys.
import type { EpochMetrics } from '../../../core/api/contract';

export type Guidance =
  | { kind: 'diverged'; learningRate: number }
  | { kind: 'lossRising'; learningRate: number }
  | { kind: 'overfitting'; sinceEpoch: number }
  | { kind: 'underfitting'; accuracy: number };

/** Epochs of rising validation loss (while the training loss falls) before overfitting is called. */
const RISING_EPOCHS = 2;
/** How far above its first value the epoch loss must climb to blame the learning rate. */
const RISEN = 1.5;
/** Training accuracy under which a model that has stopped improving is called underfitting. */
const LOW_ACCURACY = 0.7;

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

export function adviseOnRun(
  history: readonly EpochMetrics[],
  options: { diverged?: boolean; firstBatchLoss?: number; lastBatchLoss?: number; learningRate: number },
): Guidance[] {
  const advice: Guidance[] = [];
  const lastLoss = history.at(-1)?.loss;
  if (
    options.diverged ||
    (options.lastBatchLoss !== undefined && !Number.isFinite(options.lastBatchLoss)) ||
    (lastLoss !== undefined && !Number.isFinite(lastLoss))
  ) {
    return [{ kind: 'diverged', learningRate: options.learningRate }];
  }
  // A loss well above where it started: the steps overshoot (cross-entropy clips its probabilities, so it may never reach NaN).
  if (lastLoss !== undefined && finite(options.firstBatchLoss) && lastLoss > options.firstBatchLoss * RISEN) {
    return [{ kind: 'lossRising', learningRate: options.learningRate }];
  }
  const withVal = history.filter((e) => finite(e.valLoss));
  if (withVal.length > RISING_EPOCHS) {
    const recent = withVal.slice(-(RISING_EPOCHS + 1));
    let rising = true;
    for (let i = 1; i < recent.length; i++) {
      if (!(recent[i].valLoss! > recent[i - 1].valLoss! && recent[i].loss < recent[i - 1].loss)) rising = false;
    }
    if (rising) advice.push({ kind: 'overfitting', sinceEpoch: recent[0].epoch });
  }
  if (history.length >= 3) {
    const [a, b, c] = history.slice(-3);
    const stalled =
      Math.abs(a.loss - c.loss) / Math.max(Math.abs(a.loss), 1e-9) < 0.02 &&
      Math.abs(b.loss - c.loss) / Math.max(Math.abs(b.loss), 1e-9) < 0.02;
    if (stalled && c.accuracy < LOW_ACCURACY) advice.push({ kind: 'underfitting', accuracy: c.accuracy });
  }
  return advice;
}
