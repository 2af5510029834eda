// The built-in data sets a project can name in `dataset: { kind: 'builtin', name }`.
import type { DatasetInfo } from '../api/contract';
import type { builtinDatasets } from '../model/project';

type BuiltinName = (typeof builtinDatasets)[number];

/** Keyed by every built-in name, so a new one in the project schema cannot be forgotten here. */
const builtins: Record<BuiltinName, Omit<DatasetInfo, 'name'>> = {
  mnist: {
    description: 'Handwritten digits 0–9, 28×28 grey-level images: the official 60,000 training and 10,000 test digits ship with the app.',
    inputShape: [28, 28, 1],
    classes: 10,
    samples: 70_000,
    trainSamples: 60_000,
    generated: false,
  },
  'fashion-mnist': {
    description:
      'Zalando’s Fashion-MNIST: 28×28 grey images of clothes in 10 classes, 60,000 for training and 10,000 for the test; downloaded on first use.',
    inputShape: [28, 28, 1],
    classes: 10,
    samples: 70_000,
    trainSamples: 60_000,
    generated: false,
  },
  spirals: {
    description: 'Two interleaved spirals of points in the plane: a classic that a straight line cannot separate.',
    inputShape: [2],
    classes: 2,
    generated: true,
  },
  xor: {
    description: 'Points in four quadrants labelled like XOR: the smallest problem that needs a hidden layer.',
    inputShape: [2],
    classes: 2,
    generated: true,
  },
  circles: { description: 'A ring of points around a disc of points of the other class.', inputShape: [2], classes: 2, generated: true },
  gaussians: {
    description: 'Two clouds of points drawn from Gaussian distributions: nearly linearly separable.',
    inputShape: [2],
    classes: 2,
    generated: true,
  },
};

export function builtinDatasetInfo(): DatasetInfo[] {
  return Object.entries(builtins).map(([name, info]) => ({ name, ...info, inputShape: [...info.inputShape] }));
}
