import { describe, expect, it } from 'vitest';
import type { BlockOutput } from '../../../core/api/contract';
import { defaultBlock, explanationOf, formatValue } from './explain';

const maps = (type: string): BlockOutput => ({
  id: 'b',
  type,
  shape: [4, 4, 2],
  kind: 'maps',
  height: 4,
  width: 4,
  channels: 2,
  maps: [[], []],
  min: 0,
  max: 1,
});
const vector = (type: string, classNames?: string[]): BlockOutput => ({
  id: 'b',
  type,
  shape: [3],
  kind: 'vector',
  length: 3,
  values: [0, 1, 2],
  min: 0,
  max: 2,
  classNames,
});

describe('what Look inside says about a block', () => {
  it('explains each kind of block in its own words', () => {
    expect(explanationOf(maps('Input'))).toBe('input');
    expect(explanationOf(maps('Conv2D'))).toBe('conv');
    expect(explanationOf(maps('MaxPooling2D'))).toBe('pooling');
    expect(explanationOf(maps('AveragePooling2D'))).toBe('pooling');
    expect(explanationOf(maps('Dropout'))).toBe('dropout');
    expect(explanationOf(vector('Dropout'))).toBe('dropout');
    expect(explanationOf(maps('BatchNormalization'))).toBe('maps');
    expect(explanationOf(vector('Flatten'))).toBe('flatten');
    expect(explanationOf(vector('Dense'))).toBe('dense');
    expect(explanationOf(vector('Dense', ['cat', 'dog', 'bird']))).toBe('output');
    expect(explanationOf(vector('GlobalAveragePooling2D'))).toBe('vector');
  });

  it('shows the first convolution first, else the first block after the input', () => {
    const block = (id: string, type: string) => ({ id, type, shape: [1] });
    expect(defaultBlock([block('in', 'Input'), block('d', 'Dense'), block('c', 'Conv2D')])).toBe('c');
    expect(defaultBlock([block('in', 'Input'), block('f', 'Flatten'), block('d', 'Dense')])).toBe('f');
    expect(defaultBlock([block('in', 'Input')])).toBe('in');
    expect(defaultBlock([])).toBeUndefined();
  });

  it('writes numbers with three significant digits in the interface’s language', () => {
    expect(formatValue(0.5585, 'en')).toBe('0.559');
    expect(formatValue(0.5585, 'fr')).toBe('0,559');
    expect(formatValue(-12.345, 'en')).toBe('-12.3');
    expect(formatValue(0, 'fr')).toBe('0');
  });
});
