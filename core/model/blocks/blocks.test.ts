import { describe, expect, it } from 'vitest';
import type { BlockDefinition, PyTorchWriter } from '../block';
import { ExportError } from '../codegen/export-error';
import type { Shape } from '../graph';
import { ShapeError } from '../issues';
import { analyzeGraph } from '../analyze';
import { resolveParams } from '../params';
import { issueTexts } from '../test-issues';
import { blockCatalogue, blocksByCategory, blockTypes, getBlock } from './index';

/** The block types of the design, in its order. */
const designTypes = [
  'Input',
  'Conv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'GlobalMaxPooling2D',
  'Flatten',
  'Dense',
  'Dropout',
  'BatchNormalization',
  'Activation',
  'Add',
  'Concatenate',
  'Rescaling',
  'RandomFlip',
  'RandomRotation',
  'RandomZoom',
  'RandomTranslation',
  'RandomCrop',
  'RandomContrast',
  'RandomBrightness',
];

/** The shapes of a merge block's two inputs, written in a line. */
const inputs = (a: Shape, b: Shape): Shape[] => [a, b];
const block = (type: string) => getBlock(type)!;
const resolved = (type: string, params: Record<string, unknown> = {}) => {
  const { values, problems } = resolveParams(block(type).params, params);
  expect(problems).toEqual([]);
  return values;
};
const shapeOf = (type: string, inputs: Shape[], params: Record<string, unknown> = {}) =>
  block(type).outputShape(inputs, resolved(type, params));
const countOf = (type: string, inputs: Shape[], params: Record<string, unknown> = {}) => {
  const values = resolved(type, params);
  const b = block(type);
  return b.paramCount?.(inputs, values, b.outputShape(inputs, values)) ?? { trainable: 0, nonTrainable: 0 };
};

/** The ShapeError a shape rule throws, to check its parameter and its words. */
function shapeError(type: string, inputs: Shape[], params: Record<string, unknown> = {}): ShapeError {
  try {
    shapeOf(type, inputs, params);
  } catch (error) {
    if (error instanceof ShapeError) return error;
    throw error;
  }
  throw new Error(`${type} accepted ${JSON.stringify(inputs)} with ${JSON.stringify(params)}`);
}

describe('the catalogue', () => {
  it('has the block types of the design, in its order, each under its own name and once', () => {
    expect(blockTypes.filter((type) => designTypes.includes(type))).toEqual(designTypes);
    expect(new Set(blockTypes).size).toBe(blockTypes.length);
    for (const [type, definition] of Object.entries(blockCatalogue)) expect(definition.type).toBe(type);
    expect(Object.keys(blockCatalogue).sort()).toEqual([...blockTypes].sort());
    expect(getBlock('constructor')).toBeUndefined();
    expect(getBlock('Conv2d')).toBeUndefined();
  });

  it('groups blocks by category, every block in one', () => {
    const groups = blocksByCategory();
    expect(
      Object.values(groups)
        .flat()
        .map((b) => b.type)
        .sort(),
    ).toEqual([...blockTypes].sort());
    expect(groups.Augmentation.map((b) => b.type)).toEqual(blockTypes.filter((t) => getBlock(t)!.trainingOnly));
    expect(groups.Augmentation.map((b) => b.type)).toEqual(designTypes.filter((t) => t.startsWith('Random')));
    expect(groups.Augmentation.every((b) => b.trainingOnly && b.passThrough && b.augmentation?.type === b.type)).toBe(true);
  });

  it.each([...blockTypes])('%s: defaults are valid, `trainable` is offered (except on Input), docs exist in English and French', (type) => {
    const b: BlockDefinition = block(type);
    expect(resolveParams(b.params, {}).problems).toEqual([]);
    if (type === 'Input') expect(b.params.trainable).toBeUndefined();
    else expect(b.params.trainable).toMatchObject({ kind: 'bool', default: true });
    for (const spec of Object.values(b.params)) {
      expect(spec.help.en.length).toBeGreaterThan(5);
      expect(spec.help.fr.length).toBeGreaterThan(5);
    }
    for (const doc of [b.doc.en, b.doc.fr]) {
      expect(doc.summary.length).toBeGreaterThan(10);
      expect(doc.summary).not.toContain('\n');
      expect(doc.details.length).toBeGreaterThan(20);
      expect(doc.whenToUse.length).toBeGreaterThan(10);
    }
    expect(b.doc.fr.summary).not.toBe(b.doc.en.summary);
    expect(typeof b.describe(resolved(type))).toBe('string');
  });
});

describe('shape rules, Keras formulas', () => {
  it('Conv2D: valid ⌊(in − k)/s⌋ + 1, same ⌈in/s⌉', () => {
    expect(shapeOf('Conv2D', [[28, 28, 1]], { filters: 8, kernelSize: 3 })).toEqual([26, 26, 8]);
    expect(shapeOf('Conv2D', [[28, 28, 1]], { filters: 8, kernelSize: 3, padding: 'same' })).toEqual([28, 28, 8]);
    expect(shapeOf('Conv2D', [[28, 27, 3]], { filters: 4, kernelSize: [5, 3], strides: 2 })).toEqual([12, 13, 4]);
    expect(shapeOf('Conv2D', [[7, 7, 3]], { filters: 4, kernelSize: 3, strides: 2, padding: 'same' })).toEqual([4, 4, 4]);
  });

  it('pooling: strides default to the pool size', () => {
    expect(shapeOf('MaxPooling2D', [[26, 26, 8]])).toEqual([13, 13, 8]);
    expect(shapeOf('MaxPooling2D', [[11, 11, 16]])).toEqual([5, 5, 16]);
    expect(shapeOf('AveragePooling2D', [[11, 11, 16]], { padding: 'same' })).toEqual([6, 6, 16]);
    expect(shapeOf('MaxPooling2D', [[9, 9, 1]], { poolSize: 3, strides: 2 })).toEqual([4, 4, 1]);
    expect(shapeOf('GlobalAveragePooling2D', [[7, 7, 32]])).toEqual([32]);
  });

  it('Dense acts on the last axis of any rank; Flatten multiplies', () => {
    expect(shapeOf('Dense', [[400]], { units: 100 })).toEqual([100]);
    expect(shapeOf('Dense', [[5, 5, 16]], { units: 10 })).toEqual([5, 5, 10]);
    expect(shapeOf('Flatten', [[5, 5, 16]])).toEqual([400]);
  });

  it('merges: Add keeps the shape, Concatenate sums the axis', () => {
    expect(shapeOf('Add', inputs([4, 4, 8], [4, 4, 8]))).toEqual([4, 4, 8]);
    expect(shapeOf('Concatenate', inputs([4, 4, 8], [4, 4, 3]))).toEqual([4, 4, 11]);
    expect(shapeOf('Concatenate', inputs([2, 3], [5, 3]), { axis: 1 })).toEqual([7, 3]);
  });

  it('RandomCrop outputs height × width; other augmentations keep the shape', () => {
    expect(shapeOf('RandomCrop', [[28, 28, 1]], { height: 24, width: 20 })).toEqual([24, 20, 1]);
    expect(shapeOf('RandomRotation', [[28, 28, 3]])).toEqual([28, 28, 3]);
  });
});

describe('shape errors in plain words, naming the parameter at fault', () => {
  it('a kernel larger than its input names kernelSize and says what to do', () => {
    const error = shapeError('Conv2D', [[3, 3, 8]], { filters: 4, kernelSize: 5 });
    expect(error.param).toBe('kernelSize');
    expect(error.message).toBe(
      'The 5×5 kernel is larger than its 3×3 input: use a smaller `kernelSize`, `padding: "same"`, or remove a pooling block before it.',
    );
    expect(shapeOf('Conv2D', [[3, 3, 8]], { filters: 4, kernelSize: 5, padding: 'same' })).toEqual([3, 3, 4]);
  });

  it('a pool larger than its input names poolSize', () => {
    const error = shapeError('MaxPooling2D', [[1, 1, 16]]);
    expect(error.param).toBe('poolSize');
    expect(error.message).toContain('2×2 pool window is larger than its 1×1 input');
  });

  it('Conv2D, pooling and augmentation on a vector ask for an image and say how to get one', () => {
    for (const type of ['Conv2D', 'MaxPooling2D', 'GlobalMaxPooling2D', 'RandomFlip']) {
      const error = shapeError(type, [[784]]);
      expect(error.code).toBe('needs-image');
      expect(error.message).toContain(`${type} works on images (height × width × channels)`);
      expect(error.message).toContain('[28, 28, 1]');
    }
    expect(shapeError('Conv2D', [[28, 28]]).message).toContain('Give the Input a shape like [28, 28, 1]');
  });

  it('Add of unequal shapes shows both', () => {
    const error = shapeError('Add', inputs([6, 6, 4], [8, 8, 4]));
    expect(error.message).toContain('6×6×4 and 8×8×4');
    expect(error.message).toContain('padding: "same"');
  });

  it('Concatenate: differing ranks, and sizes that differ off the axis', () => {
    expect(shapeError('Concatenate', [[4, 4, 2], [10]]).message).toContain('Add Flatten');
    const error = shapeError('Concatenate', inputs([4, 4, 2], [5, 4, 2]));
    expect(error.param).toBe('axis');
    expect(error.message).toContain('4×4×2 and 5×4×2');
    expect(shapeError('Concatenate', [[4], [4]], { axis: 0 }).message).toContain('batch');
    expect(shapeError('Concatenate', [[4], [4]], { axis: 3 }).message).toContain('does not exist on a 1-D input');
  });

  it('BatchNormalization: only the last axis, which TensorFlow.js can train', () => {
    expect(shapeOf('BatchNormalization', [[4, 4, 3]], { axis: 3 })).toEqual([4, 4, 3]);
    expect(shapeError('BatchNormalization', [[4, 4, 3]], { axis: 1 }).param).toBe('axis');
  });

  it('a crop larger than the image names height or width', () => {
    const error = shapeError('RandomCrop', [[28, 28, 1]], { height: 24, width: 32 });
    expect(error.param).toBe('width');
    expect(error.message).toContain('at most 28');
  });
});

describe('parameter counts as Keras model.summary() gives them', () => {
  it('the course MNIST CNN adds up to 42,358', () => {
    const counts = [
      countOf('Conv2D', [[28, 28, 1]], { filters: 8, kernelSize: 3, activation: 'relu' }),
      countOf('MaxPooling2D', [[26, 26, 8]], { poolSize: 2 }),
      countOf('Dropout', [[13, 13, 8]], { rate: 0.2 }),
      countOf('Conv2D', [[13, 13, 8]], { filters: 16, kernelSize: 3, activation: 'relu' }),
      countOf('Flatten', [[5, 5, 16]]),
      countOf('Dense', [[400]], { units: 100, activation: 'relu' }),
      countOf('Dense', [[100]], { units: 10, activation: 'softmax' }),
    ];
    expect(counts.map((c) => c.trainable)).toEqual([80, 0, 0, 1_168, 0, 40_100, 1_010]);
    expect(counts.reduce((n, c) => n + c.trainable + c.nonTrainable, 0)).toBe(42_358);
  });

  it('bias, BatchNormalization split, and blocks without weights', () => {
    expect(countOf('Conv2D', [[8, 8, 3]], { filters: 4, kernelSize: [3, 2], useBias: false })).toEqual({ trainable: 72, nonTrainable: 0 });
    expect(countOf('Dense', [[5, 5, 16]], { units: 10 })).toEqual({ trainable: 170, nonTrainable: 0 });
    expect(countOf('BatchNormalization', [[4, 4, 32]])).toEqual({ trainable: 64, nonTrainable: 64 });
    for (const type of ['Flatten', 'Dropout', 'Activation', 'Rescaling', 'RandomFlip', 'GlobalAveragePooling2D'])
      expect(countOf(type, [[4, 4, 3]])).toEqual({ trainable: 0, nonTrainable: 0 });
  });
});

describe('activations and labels', () => {
  it('Dense, Conv2D and Activation report their activation; others none', () => {
    expect(block('Dense').activation!(resolved('Dense'))).toBe('linear');
    expect(block('Conv2D').activation!(resolved('Conv2D', { activation: 'relu' }))).toBe('relu');
    expect(block('Activation').activation!(resolved('Activation', { activation: 'softmax' }))).toBe('softmax');
    expect(block('Dropout').activation).toBeUndefined();
  });

  it('node labels give the key parameters in a few words', () => {
    const label = (type: string, params: Record<string, unknown> = {}) => block(type).describe(resolved(type, params));
    expect(label('Conv2D', { filters: 8, kernelSize: 3, activation: 'relu' })).toBe('8 × 3×3, relu');
    expect(label('Conv2D', { filters: 16, kernelSize: [5, 3], strides: 2, padding: 'same' })).toBe('16 × 5×3, stride 2, same');
    expect(label('Dense', { units: 100, activation: 'relu' })).toBe('100, relu');
    expect(label('Dense', { units: 10 })).toBe('10');
    expect(label('Dropout', { rate: 0.2 })).toBe('rate 0.2');
    expect(label('MaxPooling2D')).toBe('2×2');
    expect(label('Input', { shape: [28, 28, 1] })).toBe('28×28×1');
    expect(label('RandomRotation', { factor: 0.05 })).toBe('±18°');
    expect(label('RandomCrop', { height: 24, width: 24 })).toBe('24×24');
    expect(label('Rescaling')).toBe('× 0.00392');
  });

  it('node labels speak French when asked, keeping Keras values such as "same" and "relu"', () => {
    const label = (type: string, params: Record<string, unknown> = {}) => block(type).describe(resolved(type, params), 'fr');
    expect(label('Conv2D', { filters: 16, kernelSize: [5, 3], strides: 2, padding: 'same', activation: 'relu' })).toBe(
      '16 × 5×3, relu, pas 2, same',
    );
    expect(label('Dropout', { rate: 0.2 })).toBe('taux 0,2');
    expect(label('Rescaling')).toBe('× 0,00392');
    expect(label('RandomRotation', { factor: [-0.025, 0.05] })).toBe('-9°…18°');
    expect(label('RandomZoom', { heightFactor: 0.1 })).toBe('±0,1');
    expect(label('Flatten')).toBe('en vecteur');
    expect(label('GlobalAveragePooling2D')).toBe('moyenne par canal');
    expect(label('Add')).toBe('somme');
    expect(label('MaxPooling2D', { poolSize: 2, strides: 1 })).toBe('2×2, pas 1');
  });
});

describe('the blocks of transfer learning', () => {
  it('ZeroPadding2D adds rows and columns of zeros; it needs an image', () => {
    expect(shapeOf('ZeroPadding2D', [[28, 28, 1]])).toEqual([30, 30, 1]);
    expect(shapeOf('ZeroPadding2D', [[7, 9, 3]], { padding: [2, 1] })).toEqual([11, 11, 3]);
    expect(countOf('ZeroPadding2D', [[7, 9, 3]])).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(shapeError('ZeroPadding2D', [[10]]).code).toBe('needs-image');
  });

  it('ZeroPadding2D pads each side apart with [[top, bottom], [left, right]], and names the block and `padding` for a wrong one', () => {
    /** `padding` as [[top, bottom], [left, right]]. */
    const sides = (top: number, bottom: number, left: number, right: number) => ({
      padding: [
        [top, bottom],
        [left, right],
      ],
    });
    expect(shapeOf('ZeroPadding2D', [[7, 9, 3]], sides(0, 1, 0, 1))).toEqual([8, 10, 3]);
    expect(shapeOf('ZeroPadding2D', [[7, 9, 3]], sides(2, 0, 1, 3))).toEqual([9, 13, 3]);
    expect(block('ZeroPadding2D').describe(resolved('ZeroPadding2D', sides(0, 1, 0, 1)))).toBe('+0/1×0/1');
    for (const wrong of [
      [[0, 1]],
      [[0, 1], [0]],
      [
        [0, -1],
        [0, 1],
      ],
      [
        [0, 1.5],
        [0, 1],
      ],
      [0, [0, 1]],
      [0, 1, 0, 1],
    ]) {
      const { errors } = analyzeGraph({
        nodes: [
          { id: 'in', type: 'Input', params: { shape: [4, 4, 1] } },
          { id: 'pad', type: 'ZeroPadding2D', params: { padding: wrong } },
        ],
        edges: [{ source: 'in', target: 'pad' }],
      });
      expect(errors.map((e) => [e.code, e.nodeId, e.param])).toEqual([['bad-param', 'pad', 'padding']]);
      expect(issueTexts(errors[0]).en).toContain(
        `ZeroPadding2D "pad": \`padding\` must be a whole number between 0 and 1024, a pair [height, width] of them, or [[top, bottom], [left, right]] (got ${JSON.stringify(wrong)})`,
      );
      expect(issueTexts(errors[0]).fr).toContain(
        `ZeroPadding2D « pad » : \`padding\` doit être un nombre entier entre 0 et 1024, une paire [hauteur, largeur] de tels nombres, ou [[haut, bas], [gauche, droite]]`,
      );
    }
    // Other sizes still take one number or a pair only.
    expect(
      resolveParams(block('Conv2D').params, {
        kernelSize: [
          [1, 1],
          [1, 1],
        ],
      }).problems.map((p) => p.param),
    ).toEqual(['kernelSize']);
  });

  it('Reshape keeps the number of values, and names `targetShape` and the size when it does not', () => {
    expect(shapeOf('Reshape', [[784]], { targetShape: [28, 28, 1] })).toEqual([28, 28, 1]);
    expect(shapeOf('Reshape', [[7, 7, 16]], { targetShape: [784] })).toEqual([784]);
    const error = shapeError('Reshape', [[7, 7, 16]], { targetShape: [28, 27] });
    expect(error.param).toBe('targetShape');
    expect(issueTexts(error).en).toContain('holds 756 values but the input 7×7×16 has 784');
    const wrong = shapeError('Reshape', [[10]], { targetShape: [3, 3] });
    expect(issueTexts(wrong).en).toBe(
      '`targetShape` 3×3 holds 9 values but the input 10 has 10: give a shape whose sizes multiply to 10, e.g. [10].',
    );
    expect(issueTexts(wrong).fr).toContain('ont pour produit 10');
  });

  it('Multiply takes inputs of one shape, or sizes of 1 repeated to fit (squeeze-and-excitation), and says which shapes it got', () => {
    expect(shapeOf('Multiply', inputs([4, 4, 8], [4, 4, 8]))).toEqual([4, 4, 8]);
    expect(shapeOf('Multiply', inputs([7, 7, 96], [1, 1, 96]))).toEqual([7, 7, 96]);
    const error = shapeError('Multiply', [[4, 4, 8], [8]]);
    expect(error.code).toBe('merge-shapes');
    expect(issueTexts(error).en).toContain('receives 4×4×8 and 8');
    expect(issueTexts(shapeError('Multiply', inputs([4, 4, 8], [1, 1, 4]))).fr).toContain('reçoit 4×4×8 et 1×1×4');
  });

  it('Normalization: Keras counts a mean and a variance per channel and the count, all non-trainable (EfficientNet’s stem: 7)', () => {
    expect(shapeOf('Normalization', [[224, 224, 3]])).toEqual([224, 224, 3]);
    expect(countOf('Normalization', [[224, 224, 3]])).toEqual({ trainable: 0, nonTrainable: 7 });
    expect(countOf('Normalization', [[10]])).toEqual({ trainable: 0, nonTrainable: 21 });
  });

  it('DepthwiseConv2D: Keras counts kh·kw·cin·depthMultiplier + biases (MobileNet’s conv_dw_1: 288)', () => {
    expect(shapeOf('DepthwiseConv2D', [[112, 112, 32]], { kernelSize: 3, padding: 'same' })).toEqual([112, 112, 32]);
    expect(countOf('DepthwiseConv2D', [[112, 112, 32]], { kernelSize: 3, padding: 'same', useBias: false })).toEqual({
      trainable: 288,
      nonTrainable: 0,
    });
    expect(shapeOf('DepthwiseConv2D', [[32, 32, 16]], { kernelSize: 3, strides: 2, depthMultiplier: 2 })).toEqual([15, 15, 32]);
    expect(countOf('DepthwiseConv2D', [[32, 32, 16]], { kernelSize: 3, depthMultiplier: 2 })).toEqual({ trainable: 320, nonTrainable: 0 });
    expect(shapeError('DepthwiseConv2D', [[2, 2, 3]], { kernelSize: 3 }).param).toBe('kernelSize');
  });

  it('SeparableConv2D: Keras counts the depthwise and the 1×1 kernels (Xception’s block2_sepconv1: 8,768)', () => {
    expect(shapeOf('SeparableConv2D', [[147, 147, 64]], { filters: 128, kernelSize: 3, padding: 'same' })).toEqual([147, 147, 128]);
    expect(countOf('SeparableConv2D', [[147, 147, 64]], { filters: 128, kernelSize: 3, padding: 'same', useBias: false })).toEqual({
      trainable: 8768,
      nonTrainable: 0,
    });
    expect(countOf('SeparableConv2D', [[32, 32, 16]], { filters: 64, kernelSize: 3 })).toEqual({ trainable: 1232, nonTrainable: 0 });
  });

  it('relu6 and hard_swish are activation choices of Dense, Conv2D, the new convolutions and Activation', () => {
    for (const type of ['Dense', 'Conv2D', 'DepthwiseConv2D', 'SeparableConv2D', 'Activation']) {
      const spec = block(type).params.activation as { values: readonly string[] };
      expect(spec.values, type).toEqual(expect.arrayContaining(['relu6', 'swish', 'hard_swish', 'gelu']));
    }
  });
});

describe('the refusals of block writers', () => {
  it('refuses to write a BatchNormalization over another axis than the channels for PyTorch, naming the block, in both languages', () => {
    const node = { id: 'bn', type: 'BatchNormalization', params: { axis: 1 }, inputShapes: [[8, 8, 3]] };
    const writer = { node, attr: 'bn', args: ['x'], init: () => {}, state: () => {}, counter: () => {} };
    let refused: unknown;
    try {
      getBlock('BatchNormalization')!.pytorch(writer as unknown as PyTorchWriter);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ExportError);
    expect(refused).toMatchObject({
      nodeId: 'bn',
      message:
        'BatchNormalization "bn": PyTorch\'s BatchNorm normalises the channel axis, but this block uses `axis` 1. Set `axis` to -1 (the channels) to export it to PyTorch.',
      fr: 'BatchNormalization « bn » : la BatchNorm de PyTorch normalise l’axe des canaux, mais ce bloc utilise `axis` 1. Réglez `axis` sur -1 (les canaux) pour l’exporter vers PyTorch.',
      problem: { code: 'project:torchBatchNormAxis', params: { type: 'BatchNormalization', id: 'bn', axis: 1 } },
    });
  });
});
