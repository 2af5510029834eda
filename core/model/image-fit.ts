// How an image whose proportions differ from the Input block's is brought to its height × width:
// letter-boxed (scaled to fit whole, the rest black), centre-cropped (scaled to fill, the edges cut
// off) or, in projects made before the choice existed, stretched. Training, Try it and the exported
// web page all call fitImage, so a model sees the same numbers for the same file everywhere. The
// exported web page embeds this function's source, so it must stay self-contained: no imports, no
// helpers outside it.

/** The ways an image is fitted to the Input block's shape; `stretch` is kept for older projects. */
export const imageFits = ['letterbox', 'crop', 'stretch'] as const;
export type ImageFit = (typeof imageFits)[number];

/** What a data set's images get: its own choice, else the stretch of the projects made before there was one. */
export function imageFitOf(dataset: { kind: string; fit?: ImageFit } | undefined): ImageFit {
  if (dataset?.kind === 'imageFolder') return dataset.fit ?? 'stretch';
  // The other image sets are all of the model's size already; a photo tried on them is never squashed.
  return 'letterbox';
}

/**
 * `data` holds `sourceWidth × sourceHeight` RGBA bytes, row-major (as a canvas or sharp's raw
 * output gives them). Returns `height × width × channels` values in [0, 1] (channels 1: grey, as
 * ITU-R BT.601 luma; 3: RGB). Each output pixel is the area-weighted mean of the source pixels it
 * covers; transparent pixels are laid on white, as the image shows on a page; letter-box padding is
 * black (0).
 */
export function fitImage(
  data: ArrayLike<number>,
  sourceWidth: number,
  sourceHeight: number,
  width: number,
  height: number,
  channels: number,
  fit: string,
): Float32Array {
  // The source window that is read and the box of the output it fills.
  let left = 0;
  let top = 0;
  let windowWidth = sourceWidth;
  let windowHeight = sourceHeight;
  let boxX = 0;
  let boxY = 0;
  let boxWidth = width;
  let boxHeight = height;
  const wider = sourceWidth * height > width * sourceHeight;
  const taller = sourceWidth * height < width * sourceHeight;
  if (fit === 'crop') {
    // The largest centred window with the output's proportions.
    if (wider) {
      windowWidth = (sourceHeight * width) / height;
      left = (sourceWidth - windowWidth) / 2;
    } else if (taller) {
      windowHeight = (sourceWidth * height) / width;
      top = (sourceHeight - windowHeight) / 2;
    }
  } else if (fit === 'letterbox') {
    // The largest centred box with the image's proportions, in whole pixels.
    if (wider) {
      boxHeight = Math.min(height, Math.max(1, Math.round((width * sourceHeight) / sourceWidth)));
      boxY = Math.floor((height - boxHeight) / 2);
    } else if (taller) {
      boxWidth = Math.min(width, Math.max(1, Math.round((height * sourceWidth) / sourceHeight)));
      boxX = Math.floor((width - boxWidth) / 2);
    }
  }
  const out = new Float32Array(width * height * channels);
  for (let ty = 0; ty < boxHeight; ty++) {
    const y0 = top + (ty * windowHeight) / boxHeight;
    const y1 = top + ((ty + 1) * windowHeight) / boxHeight;
    for (let tx = 0; tx < boxWidth; tx++) {
      const x0 = left + (tx * windowWidth) / boxWidth;
      const x1 = left + ((tx + 1) * windowWidth) / boxWidth;
      let r = 0;
      let g = 0;
      let b = 0;
      let area = 0;
      for (let sy = Math.floor(y0); sy < Math.min(sourceHeight, Math.ceil(y1)); sy++) {
        const cy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.min(sourceWidth, Math.ceil(x1)); sx++) {
          const weight = cy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          const at = (sy * sourceWidth + sx) * 4;
          const alpha = data[at + 3] / 255;
          r += weight * (alpha * data[at] + (1 - alpha) * 255);
          g += weight * (alpha * data[at + 1] + (1 - alpha) * 255);
          b += weight * (alpha * data[at + 2] + (1 - alpha) * 255);
          area += weight;
        }
      }
      r /= area * 255;
      g /= area * 255;
      b /= area * 255;
      const o = ((boxY + ty) * width + boxX + tx) * channels;
      if (channels === 1) out[o] = 0.299 * r + 0.587 * g + 0.114 * b;
      else {
        out[o] = r;
        out[o + 1] = g;
        out[o + 2] = b;
        // An RGBA input: laid on white, every pixel is opaque.
        if (channels === 4) out[o + 3] = 1;
      }
    }
  }
  return out;
}
