import { describe, expect, it } from 'vitest';
import { colourFilterPixels, colourOf, colourScale, toPixels } from './colours';

describe('feature map and filter colours', () => {
  it('draws values that are never negative from black to white', () => {
    const scale = colourScale(0, 4);
    expect(scale).toEqual({ signed: false, limit: 4 });
    expect(colourOf(0, scale)).toEqual([0, 0, 0]);
    expect(colourOf(2, scale)).toEqual([128, 128, 128]);
    expect(colourOf(4, scale)).toEqual([255, 255, 255]);
  });

  it('draws signed values blue below zero and orange above, equally bright for equal sizes', () => {
    const scale = colourScale(-0.5, 0.25);
    expect(scale).toEqual({ signed: true, limit: 0.5 });
    expect(colourOf(0, scale)).toEqual([0, 0, 0]);
    expect(colourOf(-0.5, scale)).toEqual([70, 150, 255]);
    expect(colourOf(0.5, scale)).toEqual([255, 170, 40]);
    const [r] = colourOf(0.25, scale);
    expect(r).toBe(128);
  });

  it('keeps an all-zero map black instead of dividing by zero', () => {
    const scale = colourScale(0, 0);
    expect(colourOf(0, scale)).toEqual([0, 0, 0]);
    expect(Array.from(toPixels([0, 0], scale))).toEqual([0, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('draws a filter over a colour image in colour: its red, green and blue weights as the pixel’s red, green and blue', () => {
    // Two positions: the first responds to red and shuns blue, the second weighs nothing.
    const red = [0.5, 0];
    const green = [0, 0];
    const blue = [-0.5, 0];
    const pixels = Array.from(colourFilterPixels([red, green, blue]));
    expect(pixels.slice(0, 4)).toEqual([255, 128, 0, 255]);
    expect(pixels.slice(4, 8)).toEqual([128, 128, 128, 255]);
    // Not grey: the channels differ where the weights differ.
    expect(new Set(pixels.slice(0, 3)).size).toBe(3);
  });

  it('scales each colour filter by its own largest weight, and keeps an all-zero one mid-grey', () => {
    expect(Array.from(colourFilterPixels([[0.01], [0.02], [-0.02]]))).toEqual([191, 255, 0, 255]);
    expect(Array.from(colourFilterPixels([[0], [0], [0]]))).toEqual([128, 128, 128, 255]);
  });
});
