// A run's final words: the problems the engines (TensorFlow.js, the page's GPU, PyTorch) end a run with,
// and the CLI, the Train panel and the Runs panel say as they are. Browser-safe.
import { problem, type Problem } from '../i18n/catalogue';
import type { Monitor } from './callbacks';

/** The words of a run whose loss became infinite or NaN at this batch, with the learning rate it had then. */
export const divergedMessage = (epoch: number, batch: number, learningRate: number): Problem =>
  problem('train:diverged', { epoch, batch, learningRate, lower: learningRate / 10 });

/** The words of a run stopped by the user after this many complete epochs. */
export const stoppedMessage = (epochsCompleted: number): Problem =>
  epochsCompleted > 0 ? problem('train:stopped', { count: epochsCompleted }) : problem('train:stoppedInFirstEpoch', {});

/** How a run that ran to its end, was stopped, or stopped early, words it. */
export function endedMessage(
  end:
    | { state: 'completed'; epochs: number }
    | { state: 'stopped'; epochsCompleted: number }
    | { state: 'early-stopped'; epoch: number; monitor: Monitor; patience: number; restoredEpoch?: number },
): Problem {
  switch (end.state) {
    case 'completed':
      return problem('train:completed', { count: end.epochs });
    case 'stopped':
      return stoppedMessage(end.epochsCompleted);
    case 'early-stopped': {
      const params = { epoch: end.epoch, monitor: end.monitor, count: end.patience };
      return end.restoredEpoch
        ? problem('train:earlyStoppedRestored', { ...params, restored: end.restoredEpoch })
        : problem('train:earlyStopped', params);
    }
  }
}
