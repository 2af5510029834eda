import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../../../core/model/params';
import { paramToText, textToParam } from './param-text';

const help = { en: '', fr: '' };
const size2: ParamSpec = { kind: 'size2', default: 3, min: 1, max: 100, help };
const pool: ParamSpec = { kind: 'size2', default: null, min: 1, max: 100, nullable: true, help };
const shape: ParamSpec = { kind: 'shape', default: [28, 28, 1], minRank: 1, maxRank: 3, help };
const padding: ParamSpec = { kind: 'size2', default: 1, min: 0, max: 1024, sides: true, help };
const range: ParamSpec = { kind: 'range', default: 0.1, min: -1, max: 1, help };

describe('parameter text fields', () => {
  it('reads one number, a pair, or a shape as people write them', () => {
    expect(textToParam(size2, '3')).toEqual({ ok: true, value: 3 });
    expect(textToParam(size2, '3, 5')).toEqual({ ok: true, value: [3, 5] });
    expect(textToParam(size2, '3×5')).toEqual({ ok: true, value: [3, 5] });
    expect(textToParam(shape, '28 x 28 x 1')).toEqual({ ok: true, value: [28, 28, 1] });
    expect(textToParam(shape, '784')).toEqual({ ok: true, value: [784] });
    expect(textToParam(range, '-0.2, 0.3')).toEqual({ ok: true, value: [-0.2, 0.3] });
  });

  it('reads four numbers as top, bottom, left and right where each side may be given, also as Keras writes them', () => {
    const uneven = {
      ok: true,
      value: [
        [0, 1],
        [0, 1],
      ],
    };
    expect(textToParam(padding, '0, 1, 0, 1')).toEqual(uneven);
    expect(textToParam(padding, '((0, 1), (0, 1))')).toEqual(uneven);
    expect(textToParam(padding, '[[0, 1], [0, 1]]')).toEqual(uneven);
    expect(textToParam(padding, '2')).toEqual({ ok: true, value: 2 });
    expect(textToParam(padding, '[1, 2]')).toEqual({ ok: true, value: [1, 2] });
    expect(textToParam(size2, '0, 1, 0, 1')).toEqual({ ok: true, value: [0, 1, 0, 1] });
    expect(
      textToParam(
        padding,
        paramToText([
          [2, 0],
          [1, 3],
        ]),
      ),
    ).toEqual({
      ok: true,
      value: [
        [2, 0],
        [1, 3],
      ],
    });
  });

  it('turns an empty field into null only where null means "automatic"', () => {
    expect(textToParam(pool, ' ')).toEqual({ ok: true, value: null });
    expect(textToParam(size2, '')).toEqual({ ok: false });
    expect(textToParam(size2, 'three')).toEqual({ ok: false });
  });

  it('writes values back the way they are read', () => {
    for (const value of [3, [3, 5], [28, 28, 1], null])
      expect(textToParam(value === null ? pool : Array.isArray(value) && value.length === 3 ? shape : size2, paramToText(value))).toEqual({
        ok: true,
        value,
      });
  });
});
