import { describe, expect, it } from 'vitest';
import { StoreError } from './errors';
import { decodeWeights, encodeWeights, type NamedWeight } from './weights';

const weights: NamedWeight[] = [
  { name: 'conv/kernel', shape: [3, 3, 1, 2], dtype: 'float32', data: Float32Array.from({ length: 18 }, (_, i) => i / 7) },
  { name: 'conv/bias', shape: [2], dtype: 'float32', data: new Float32Array([0.5, -0.25]) },
  { name: 'step', shape: [], dtype: 'int32', data: new Int32Array([42]) },
  { name: 'mask', shape: [3], dtype: 'bool', data: new Uint8Array([1, 0, 1]) },
  { name: 'empty', shape: [0, 4], dtype: 'float32', data: new Float32Array(0) },
];

describe('weights blobs', () => {
  it('round-trip names, shapes, types and every value exactly', () => {
    const decoded = decodeWeights(encodeWeights(weights));
    expect(decoded).toEqual(weights);
    expect(decoded[0].data).toBeInstanceOf(Float32Array);
    expect(decoded[2].data).toBeInstanceOf(Int32Array);
  });

  it('decode from an unaligned view of the bytes', () => {
    const blob = encodeWeights(weights);
    const shifted = new Uint8Array(blob.length + 1);
    shifted.set(blob, 1);
    expect(decodeWeights(shifted.subarray(1))).toEqual(weights);
  });

  it('refuse values that do not fill the shape', () => {
    expect(() => encodeWeights([{ name: 'w', shape: [2, 2], dtype: 'float32', data: new Float32Array(3) }])).toThrow(
      /has 3 values but its shape \[2, 2\] needs 4/,
    );
  });

  it('report damaged blobs without reading past their end', () => {
    const blob = encodeWeights(weights);
    const cases: Buffer[] = [
      Buffer.from('nope'),
      blob.subarray(0, blob.length - 8),
      Buffer.concat([Buffer.from('NBWT'), Buffer.alloc(8, 0xff)]),
    ];
    const badHeader = Buffer.from(blob);
    badHeader.write('{', 12, 'latin1');
    cases.push(badHeader);
    for (const bad of cases) {
      expect(() => decodeWeights(bad)).toThrow(StoreError);
      expect(() => decodeWeights(bad)).toThrow(/weights are damaged/);
    }
  });

  it('say what is damaged in French too', () => {
    const french = (bad: Buffer) => {
      try {
        decodeWeights(bad);
      } catch (error) {
        return (error as StoreError).fr;
      }
      throw new Error('expected a StoreError');
    };
    expect(french(Buffer.from('nope'))).toBe('Les poids enregistrés sont endommagés (ce ne sont pas des poids).');
    const blob = encodeWeights(weights);
    expect(french(blob.subarray(0, blob.length - 8))).toMatch(
      /^Les poids enregistrés sont endommagés \(le tenseur « .+ » dépasse la fin des données\)\.$/,
    );
    const badHeader = Buffer.from(blob);
    badHeader.write('{', 12, 'latin1');
    expect(french(badHeader)).toBe('Les poids enregistrés sont endommagés (en-tête illisible).');
  });
});
