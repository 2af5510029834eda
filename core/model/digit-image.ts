// Turns a drawing into an MNIST-style digit: the ink's bounding box scaled to fit 20×20 pixels and
// centred by its centre of mass in a 28×28 image, white ink on black in [0, 1], as the training
// digits were prepared. The exported web page embeds this function's source, so it must stay
// self-contained: no imports, no helpers outside it.

/**
 * `ink` holds `width × height` values in [0, 1] (1 = ink). Returns `side × side` values, or all
 * zeros when nothing is drawn.
 */
export function toDigitImage(ink: ArrayLike<number>, width: number, height: number, side = 28, box = 20): Float32Array {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > 0.05) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  const out = new Float32Array(side * side);
  if (maxX < 0) return out;
  const w = maxX - minX + 1;
  const h = maxY - minY + 1;
  const scale = box / Math.max(w, h);
  const targetW = Math.max(1, Math.round(w * scale));
  const targetH = Math.max(1, Math.round(h * scale));
  // Area averaging: each target pixel is the mean of the source pixels it covers.
  const small = new Float32Array(targetW * targetH);
  for (let ty = 0; ty < targetH; ty++) {
    const y0 = minY + (ty * h) / targetH;
    const y1 = minY + ((ty + 1) * h) / targetH;
    for (let tx = 0; tx < targetW; tx++) {
      const x0 = minX + (tx * w) / targetW;
      const x1 = minX + ((tx + 1) * w) / targetW;
      let sum = 0;
      let area = 0;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const cy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const cx = Math.min(x1, sx + 1) - Math.max(x0, sx);
          sum += ink[sy * width + sx] * cx * cy;
          area += cx * cy;
        }
      }
      small[ty * targetW + tx] = area > 0 ? sum / area : 0;
    }
  }
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < targetH; y++) {
    for (let x = 0; x < targetW; x++) {
      const v = small[y * targetW + x];
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  const offsetX = Math.round(side / 2 - (mass > 0 ? mx / mass : targetW / 2));
  const offsetY = Math.round(side / 2 - (mass > 0 ? my / mass : targetH / 2));
  for (let y = 0; y < targetH; y++) {
    for (let x = 0; x < targetW; x++) {
      const ox = x + offsetX;
      const oy = y + offsetY;
      if (ox >= 0 && ox < side && oy >= 0 && oy < side) out[oy * side + ox] = Math.min(1, small[y * targetW + x]);
    }
  }
  return out;
}
