import { describe, expect, it } from 'vitest';
import { initialBounds, MIN_SIZE } from './window-state';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };
const second = { x: 1920, y: 0, width: 1280, height: 1000 };

describe('window placement', () => {
  it('centres a default-sized window the first time', () => {
    expect(initialBounds(undefined, [screen])).toEqual({ x: 260, y: 70, width: 1400, height: 900, maximized: false });
  });

  it('restores saved bounds that are still on a screen, including on a second monitor', () => {
    expect(initialBounds({ x: 100, y: 50, width: 1000, height: 700, maximized: true }, [screen])).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(initialBounds({ x: 2000, y: 100, width: 1000, height: 700 }, [screen, second])).toMatchObject({ x: 2000, y: 100 });
  });

  it('recentres a window whose monitor is gone and never opens smaller than the minimum', () => {
    expect(initialBounds({ x: 2000, y: 100, width: 1000, height: 700 }, [screen])).toMatchObject({ x: 260, y: 70 });
    expect(initialBounds({ x: 10, y: 10, width: 300, height: 200 }, [screen])).toMatchObject({
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
  });
});
