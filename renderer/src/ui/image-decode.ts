// Image files decoded by the browser, for Try it. Apart from image-input.ts, which is plain
// computation, so that Node-side code and tests can use that one.
import type { RgbaImage } from './image-input';

/**
 * Decodes an image file with the browser's own decoders, at most `maxSide` pixels on a side (a
 * larger one is reduced by the canvas first); rejects for anything that is not a readable image.
 * Self-contained, so that tests can run this very code in a browser page.
 */
export async function decodeImageFile(file: Blob, maxSide: number): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('No 2-D canvas');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    return { data: context.getImageData(0, 0, width, height).data, width, height };
  } finally {
    bitmap.close();
  }
}
