import { describe, expect, it } from 'vitest';
import type { EpochMetrics } from '../../../core/api/contract';
import { toDigitImage } from '../ui/drawing';
import { adviseOnRun } from './guidance';
import { perClassMetrics } from '../evaluate/metrics';
import { remainingSeconds } from './progress';

const epoch = (n: number, loss: number, accuracy: number, valLoss?: number): EpochMetrics => ({
  epoch: n,
  loss,
  accuracy,
  valLoss,
  valAccuracy: undefined,
  learningRate: 0.001,
  seconds: 1,
  samplesPerSecond: 100,
});

describe('guidance', () => {
  it('says the run diverged when the loss is not finite', () => {
    expect(adviseOnRun([epoch(1, 0.5, 0.8)], { lastBatchLoss: Number.NaN, learningRate: 0.5 })).toEqual([
      { kind: 'diverged', learningRate: 0.5 },
    ]);
    expect(adviseOnRun([], { diverged: true, learningRate: 1 })).toEqual([{ kind: 'diverged', learningRate: 1 }]);
  });

  it('blames the learning rate when the loss ends well above where it started, instead of calling it underfitting', () => {
    const stuck = [epoch(1, 14.4, 0.1), epoch(2, 14.4, 0.1), epoch(3, 14.4, 0.1)];
    expect(adviseOnRun(stuck, { firstBatchLoss: 2.3, learningRate: 10 })).toEqual([{ kind: 'lossRising', learningRate: 10 }]);
    expect(adviseOnRun(stuck, { learningRate: 10 })).toEqual([{ kind: 'underfitting', accuracy: 0.1 }]);
  });

  it('calls overfitting when the validation loss rises two epochs in a row while the training loss falls', () => {
    const history = [epoch(1, 1, 0.6, 0.9), epoch(2, 0.6, 0.8, 0.7), epoch(3, 0.4, 0.9, 0.75), epoch(4, 0.3, 0.95, 0.8)];
    expect(adviseOnRun(history, { learningRate: 0.001 })).toEqual([{ kind: 'overfitting', sinceEpoch: 2 }]);
    expect(adviseOnRun(history.slice(0, 3), { learningRate: 0.001 })).toEqual([]);
  });

  it('calls underfitting when the training loss has stalled at a low accuracy, not when it still improves', () => {
    const stalled = [epoch(1, 2.0, 0.3), epoch(2, 1.99, 0.31), epoch(3, 1.985, 0.31)];
    expect(adviseOnRun(stalled, { learningRate: 0.001 })).toEqual([{ kind: 'underfitting', accuracy: 0.31 }]);
    const improving = [epoch(1, 2.0, 0.3), epoch(2, 1.5, 0.5), epoch(3, 1.0, 0.6)];
    expect(adviseOnRun(improving, { learningRate: 0.001 })).toEqual([]);
  });
});

describe('per-class precision and recall', () => {
  it('divides the diagonal by the column and row sums', () => {
    const metrics = perClassMetrics([
      [8, 2],
      [1, 9],
    ]);
    expect(metrics[0].precision).toBeCloseTo(8 / 9);
    expect(metrics[0].recall).toBeCloseTo(0.8);
    expect(metrics[1]).toMatchObject({ recall: 0.9, support: 10 });
    expect(
      perClassMetrics([
        [0, 0],
        [0, 3],
      ])[0],
    ).toEqual({ precision: undefined, recall: undefined, support: 0 });
  });
});

describe('drawing to a 28×28 digit', () => {
  it('scales the ink to a 20-pixel box centred in the image', () => {
    const width = 100;
    const ink = new Float32Array(width * width);
    // A vertical bar in the top-left corner, 10 wide and 40 high.
    for (let y = 5; y < 45; y++) for (let x = 5; x < 15; x++) ink[y * width + x] = 1;
    const digit = toDigitImage(ink, width, width);
    const rows = [...Array(28).keys()].filter((y) => [...Array(28).keys()].some((x) => digit[y * 28 + x] > 0.5));
    const cols = [...Array(28).keys()].filter((x) => rows.some((y) => digit[y * 28 + x] > 0.5));
    expect(rows.length).toBe(20);
    expect(cols.length).toBe(5);
    expect(rows[0]).toBe(4);
    expect(cols[0]).toBeGreaterThanOrEqual(11);
    expect(cols.at(-1)).toBeLessThanOrEqual(16);
  });

  it('gives a black image for an empty pad', () => {
    expect(toDigitImage(new Float32Array(50 * 50), 50, 50).every((v) => v === 0)).toBe(true);
  });
});

describe('time left', () => {
  it('extrapolates from the share of batches done', () => {
    expect(remainingSeconds({ epoch: 1, batch: 5, batchesPerEpoch: 10, epochs: 2, elapsedSeconds: 10 })).toBeCloseTo(30);
    expect(remainingSeconds({ epoch: 1, batch: 0, batchesPerEpoch: 10, epochs: 2, elapsedSeconds: 1 })).toBeUndefined();
  });
});

describe('training panel state', () => {
  it('writes the settings into the project, so that saving keeps them', async () => {
    const { editorStore } = await import('../store/index');
    const { emptyProject } = await import('../store/editor-store');
    const { formFromProject, updateForm } = await import('./training-store');
    editorStore.getState().loadProject({ ...emptyProject('Digits'), dataset: { kind: 'builtin', name: 'mnist' } });
    expect(editorStore.getState().dirty).toBe(false);
    const form = formFromProject(editorStore.getState().toProject());
    updateForm({
      ...form,
      training: { ...form.training, epochs: 3, batchSize: 16 },
      dataset: { kind: 'builtin', name: 'mnist', size: 400 },
      earlyStopping: true,
      patience: 2,
    });
    const saved = editorStore.getState().toProject();
    expect(saved.training).toMatchObject({ epochs: 3, batchSize: 16, earlyStopping: { patience: 2, monitor: 'valLoss' } });
    expect(saved.dataset).toEqual({ kind: 'builtin', name: 'mnist', size: 400 });
    expect(editorStore.getState().dirty).toBe(true);
  });

  it('turns batch and epoch events into aligned curves and keeps the evaluated run', async () => {
    const { applyEvent, emptyCurves, trainingStore } = await import('./training-store');
    trainingStore.setState({ sessionId: 'r', curves: emptyCurves(), history: [], phase: 'running' });
    applyEvent({ sessionId: 'r', event: { type: 'batch', epoch: 1, batch: 5, batchesPerEpoch: 10, loss: 2, accuracy: 0.2 } });
    applyEvent({ sessionId: 'other', event: { type: 'batch', epoch: 1, batch: 6, batchesPerEpoch: 10, loss: 9, accuracy: 0.9 } });
    applyEvent({
      sessionId: 'r',
      event: {
        type: 'epoch',
        epoch: 1,
        loss: 1.5,
        accuracy: 0.4,
        valLoss: Number.NaN,
        valAccuracy: 0.5,
        learningRate: 0.001,
        seconds: 1,
        samplesPerSecond: 10,
      },
    });
    const { curves, history } = trainingStore.getState();
    expect(curves.x).toEqual([0.5, 1]);
    expect(curves.loss).toEqual([2, null]);
    expect(curves.epochLoss).toEqual([null, 1.5]);
    expect(curves.valLoss).toEqual([null, null]);
    expect(curves.valAccuracy).toEqual([null, 0.5]);
    expect(history).toHaveLength(1);
    // The epoch's end after its last batch shares one x value.
    applyEvent({ sessionId: 'r', event: { type: 'batch', epoch: 2, batch: 10, batchesPerEpoch: 10, loss: 1.2, accuracy: 0.6 } });
    applyEvent({
      sessionId: 'r',
      event: {
        type: 'epoch',
        epoch: 2,
        loss: 1.1,
        accuracy: 0.6,
        valLoss: 1.3,
        valAccuracy: 0.55,
        learningRate: 0.001,
        seconds: 1,
        samplesPerSecond: 10,
      },
    });
    expect(curves.x).toEqual([0.5, 1, 2]);
    expect(curves.loss).toEqual([2, null, 1.2]);
    expect(curves.valLoss).toEqual([null, null, 1.3]);
    const test = {
      loss: 1,
      accuracy: 0.5,
      samples: 2,
      classNames: ['a', 'b'],
      confusionMatrix: [
        [1, 0],
        [1, 0],
      ],
    };
    applyEvent(
      {
        sessionId: 'r',
        event: {
          type: 'final',
          state: 'completed',
          message: { code: 'train:completed', params: { count: 2 } },
          epochsCompleted: 2,
          history: trainingStore.getState().history,
          test,
          seconds: 2,
        },
      },
      [28, 28, 1],
    );
    expect(trainingStore.getState()).toMatchObject({ phase: 'finished', evaluated: { test }, evaluatedShape: [28, 28, 1] });
  });

  it('counts the frozen base’s one pass until the first batch, and a new run starts without it', async () => {
    const { applyEvent, emptyCurves, trainingStore } = await import('./training-store');
    trainingStore.setState({ sessionId: 'r', curves: emptyCurves(), history: [], phase: 'running', baseProgress: undefined });
    applyEvent({ sessionId: 'r', event: { type: 'baseProgress', images: 512, of: 2000 } });
    applyEvent({ sessionId: 'other', event: { type: 'baseProgress', images: 9, of: 9 } });
    expect(trainingStore.getState().baseProgress).toEqual({ images: 512, of: 2000 });
    applyEvent({ sessionId: 'r', event: { type: 'baseProgress', images: 2000, of: 2000 } });
    expect(trainingStore.getState().baseProgress).toEqual({ images: 2000, of: 2000 });
    applyEvent({ sessionId: 'r', event: { type: 'batch', epoch: 1, batch: 1, batchesPerEpoch: 10, loss: 2, accuracy: 0.2 } });
    expect(trainingStore.getState().baseProgress).toBeUndefined();
  });
});
