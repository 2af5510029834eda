// Remembering the window's size and position, without ever restoring it off-screen (a monitor
// may have been unplugged since).
import type { WindowBounds } from '../core/services/config';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_SIZE = { width: 1400, height: 900 };
export const MIN_SIZE = { width: 800, height: 560 };
/** At least this much of the title bar must be on a screen for saved bounds to be reused. */
const VISIBLE_MARGIN = 100;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** The bounds to open the window with: the saved ones when they are still visible, otherwise centred on the primary work area. */
export function initialBounds(saved: WindowBounds | undefined, workAreas: readonly Rectangle[]): Rectangle & { maximized: boolean } {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (saved) {
    const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
    const visible = workAreas.some((area) => {
      const o = overlap(titleBar, area);
      return o.width >= Math.min(VISIBLE_MARGIN, saved.width) && o.height > 0;
    });
    if (visible) {
      return {
        x: saved.x,
        y: saved.y,
        width: Math.max(saved.width, MIN_SIZE.width),
        height: Math.max(saved.height, MIN_SIZE.height),
        maximized: Boolean(saved.maximized),
      };
    }
  }
  const width = Math.min(DEFAULT_SIZE.width, primary.width);
  const height = Math.min(DEFAULT_SIZE.height, primary.height);
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
    maximized: Boolean(saved?.maximized),
  };
}
