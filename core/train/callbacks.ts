// Keras's EarlyStopping and ReduceLROnPlateau, and the best-value tracker behind the best checkpoint.
import type { TrainingSettings } from '../model/project';
import type { EpochMetrics } from './events';

export type Monitor = 'valLoss' | 'valAccuracy' | 'loss' | 'accuracy';

/** Losses improve downwards, accuracies upwards. */
export function improves(monitor: Monitor, value: number, best: number | undefined, minDelta = 0): boolean {
  if (best === undefined) return Number.isFinite(value);
  return monitor.toLowerCase().includes('accuracy') ? value > best + minDelta : value < best - minDelta;
}

/** The monitored value of an epoch; a validation metric falls back to its training twin when there is no validation data. */
export function monitoredValue(metrics: EpochMetrics, monitor: Monitor): { monitor: Monitor; value: number } {
  const value = metrics[monitor];
  if (value !== undefined) return { monitor, value };
  const fallback: Monitor = monitor === 'valLoss' ? 'loss' : 'accuracy';
  return { monitor: fallback, value: metrics[fallback] };
}

export class BestTracker {
  best: number | undefined;
  bestEpoch = 0;

  constructor(
    readonly monitor: Monitor,
    readonly minDelta = 0,
  ) {}

  /** Records an epoch's value; true when it is the new best. */
  update(epoch: number, value: number): boolean {
    if (!improves(this.monitor, value, this.best, this.minDelta)) return false;
    this.best = value;
    this.bestEpoch = epoch;
    return true;
  }
}

type EarlyStoppingSettings = NonNullable<TrainingSettings['earlyStopping']>;

export class EarlyStopping {
  private readonly tracker: BestTracker;
  private wait = 0;

  constructor(readonly settings: EarlyStoppingSettings) {
    this.tracker = new BestTracker(settings.monitor, settings.minDelta);
  }

  get bestEpoch(): number {
    return this.tracker.bestEpoch;
  }

  /** After an epoch: whether it is the best so far, and whether training should stop. */
  update(metrics: EpochMetrics): { improved: boolean; stop: boolean } {
    const { value } = monitoredValue(metrics, this.settings.monitor);
    const improved = this.tracker.update(metrics.epoch, value);
    this.wait = improved ? 0 : this.wait + 1;
    return { improved, stop: !improved && this.wait >= this.settings.patience };
  }
}

type PlateauSettings = NonNullable<TrainingSettings['reduceLrOnPlateau']>;

export class ReduceLrOnPlateau {
  private readonly tracker: BestTracker;
  private wait = 0;

  constructor(readonly settings: PlateauSettings) {
    this.tracker = new BestTracker(settings.monitor);
  }

  /** The new learning rate when the monitored value stopped improving for `patience` epochs, else undefined. */
  update(metrics: EpochMetrics, learningRate: number): number | undefined {
    const { value } = monitoredValue(metrics, this.settings.monitor);
    if (this.tracker.update(metrics.epoch, value)) {
      this.wait = 0;
      return undefined;
    }
    this.wait++;
    if (this.wait < this.settings.patience) return undefined;
    this.wait = 0;
    const reduced = Math.max(learningRate * this.settings.factor, this.settings.minLr);
    return reduced < learningRate ? reduced : undefined;
  }
}
