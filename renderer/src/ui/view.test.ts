import { describe, expect, it } from 'vitest';
import { keepGraphInView, minimapCorner, readableView, readableZoom } from './view';

describe('a view readable on a projector', () => {
  const canvas = { width: 680, height: 660 };

  it('fits a small graph whole, up to 100 %', () => {
    const view = readableView({ x: 0, y: 0, width: 254, height: 400 }, canvas, readableZoom(14));
    expect(view.zoom).toBe(1);
  });

  it('never goes below the readable zoom: a long graph is shown from its beginning and scrolls', () => {
    const minZoom = readableZoom(14);
    expect(minZoom).toBeCloseTo(12 / 14);
    const view = readableView({ x: 100, y: 50, width: 254, height: 1800 }, canvas, minZoom);
    expect(view.zoom).toBeCloseTo(minZoom);
    // The top of the graph is at the top of the canvas; it is centred across, clear of the zoom buttons on the left.
    expect(50 * view.zoom + view.y).toBeCloseTo(24);
    expect(view.x + (100 + 127) * view.zoom).toBeCloseTo(64 + (680 - 64 - 24) / 2);
  });

  it('a connection dragged to the edge pans the view only while the graph stays in sight', () => {
    const bounds = { x: 0, y: 0, width: 254, height: 1000 };
    expect(keepGraphInView({ x: 100, y: 0, zoom: 1 }, bounds, canvas)).toBeUndefined();
    // Panned far to the left: the graph is brought back so that 30 % of the canvas (or the graph, when narrower) shows it.
    const kept = keepGraphInView({ x: -2000, y: 0, zoom: 1 }, bounds, canvas)!;
    expect(kept.x + 254).toBeCloseTo(204);
    const down = keepGraphInView({ x: 100, y: 900, zoom: 1 }, bounds, canvas)!;
    expect(down.y).toBeCloseTo(660 - 198);
  });

  it('the overview map goes to a corner where it covers no block, or none when every corner would', () => {
    const map = { width: 200, height: 150 };
    expect(minimapCorner([{ x: 10, y: 10, width: 250, height: 100 }], canvas, map)).toBe('bottom-right');
    expect(minimapCorner([{ x: 500, y: 520, width: 250, height: 100 }], canvas, map)).toBe('top-right');
    expect(minimapCorner([{ x: 0, y: 0, width: 680, height: 660 }], canvas, map)).toBeUndefined();
  });
});
