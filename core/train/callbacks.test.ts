import { describe, expect, it } from 'vitest';
import { EarlyStopping, improves, monitoredValue, ReduceLrOnPlateau } from './callbacks';
import type { EpochMetrics } from './events';

const epoch = (n: number, valLoss: number, valAccuracy = 0.5): EpochMetrics => ({
  epoch: n,
  loss: valLoss,
  accuracy: valAccuracy,
  valLoss,
  valAccuracy,
  learningRate: 0.01,
  seconds: 1,
  samplesPerSecond: 100,
});

describe('callbacks', () => {
  it('losses improve downwards and accuracies upwards, by more than minDelta', () => {
    expect(improves('valLoss', 0.5, 0.6)).toBe(true);
    expect(improves('valLoss', 0.59, 0.6, 0.05)).toBe(false);
    expect(improves('valAccuracy', 0.9, 0.8)).toBe(true);
    expect(improves('accuracy', 0.7, 0.8)).toBe(false);
    expect(improves('loss', NaN, undefined)).toBe(false);
  });

  it('falls back to the training metric when there is no validation data', () => {
    const { valLoss: _l, valAccuracy: _a, ...noValidation } = epoch(1, 0.4, 0.9);
    expect(monitoredValue(noValidation, 'valAccuracy')).toEqual({ monitor: 'accuracy', value: 0.9 });
  });

  it('early stopping waits `patience` epochs without improvement, like Keras', () => {
    const stopper = new EarlyStopping({ monitor: 'valLoss', patience: 2, minDelta: 0, restoreBestWeights: true });
    const losses = [1.0, 0.8, 0.85, 0.7, 0.75, 0.72];
    const decisions = losses.map((l, i) => stopper.update(epoch(i + 1, l)));
    expect(decisions.map((d) => d.improved)).toEqual([true, true, false, true, false, false]);
    expect(decisions.map((d) => d.stop)).toEqual([false, false, false, false, false, true]);
    expect(stopper.bestEpoch).toBe(4);
  });

  it('reduce-LR-on-plateau multiplies by the factor after `patience` flat epochs, never below minLr', () => {
    const plateau = new ReduceLrOnPlateau({ monitor: 'valAccuracy', factor: 0.5, patience: 1, minLr: 0.003 });
    let lr = 0.01;
    const changes: (number | undefined)[] = [];
    for (const [i, acc] of [0.5, 0.6, 0.6, 0.55, 0.6, 0.58, 0.59, 0.6].entries()) {
      const next = plateau.update(epoch(i + 1, 1, acc), lr);
      changes.push(next);
      if (next !== undefined) lr = next;
    }
    expect(changes).toEqual([undefined, undefined, 0.005, 0.003, undefined, undefined, undefined, undefined]);
  });
});
