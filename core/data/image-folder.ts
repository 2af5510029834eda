// A folder with one sub-folder per class, e.g. `signs/stop/001.png`, `signs/yield/…`.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { problem, type Problem } from '../i18n/catalogue';
import type { Shape } from '../model/graph';
import { fitImage, type ImageFit } from '../model/image-fit';
import { errorTexts, LocalizedError } from '../model/localized';
import { stratifiedSplit } from './split';
import { DataError, fileSystemReason, type Dataset, type SkippedItem } from './types';

const imageExtensions = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/**
 * The most pixels an image may have (64 megapixels, e.g. 8000 × 8000): a larger one is a photo to
 * scale down first, or a "decompression bomb", a small file that would fill the memory once decoded.
 */
export const MAX_IMAGE_PIXELS = 64_000_000;

/** Why an image over {@link MAX_IMAGE_PIXELS} is skipped. */
export function imageTooLarge(height: number, width: number): Problem {
  return problem('data:imageTooLarge', { width, height });
}

/** Options of every decode of a data set's image: failures are errors, and the pixels are bounded. */
export const DECODE_OPTIONS = { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS, sequentialRead: true } as const;

async function listEntries(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new DataError(problem('data:folderUnreadable', { folder, reason: fileSystemReason(error) }));
  }
}

/**
 * Letter-box and crop: an image over this many times the Input's size on a side is first reduced
 * by libvips to about that size, in its own proportions (a JPEG is then decoded at a fraction of
 * its size, several times faster); a smaller one is fitted from its pixels as they are.
 */
export const PRESHRINK_FACTOR = 8;

/**
 * Pixels of an image file as sharp decodes them, upright as EXIF says, as RGBA bytes: whole, or
 * reduced to about {@link PRESHRINK_FACTOR} times `height × width` when it is larger (covering that
 * box for a crop, within it for a letter-box).
 */
async function decodeRgba(
  file: string,
  height: number,
  width: number,
  fit: ImageFit,
): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(file, DECODE_OPTIONS)
    .rotate()
    .resize(PRESHRINK_FACTOR * width, PRESHRINK_FACTOR * height, { fit: fit === 'crop' ? 'outside' : 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .ensureAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) throw new LocalizedError(problem('data:channels', { got: info.channels, want: 4 }));
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/**
 * One image as `height × width × channels` values in [0, 1], fitted as `fit` says; throws when it
 * cannot be decoded. Letter-box and crop use {@link fitImage}, as Try it and the exported web page
 * do (the same numbers for an image up to {@link PRESHRINK_FACTOR} times the Input's size; a larger
 * one is first reduced here, and differs from them by a little resampling noise); stretch keeps
 * libvips's own resize, so older projects' runs get the numbers they always had.
 */
export async function decodeImage(file: string, [height, width, channels]: Shape, fit: ImageFit): Promise<Float32Array> {
  const tooLarge = async (error: unknown): Promise<never> => {
    // libvips refuses an image over the bound before decoding it; its size makes the reason.
    const meta = await sharp(file)
      .metadata()
      .catch(() => undefined);
    if (meta && meta.width * meta.height > MAX_IMAGE_PIXELS) throw new ImageTooLargeError(imageTooLarge(meta.height, meta.width));
    throw error;
  };
  if (fit !== 'stretch') {
    const image = await decodeRgba(file, height, width, fit).catch(tooLarge);
    return fitImage(image.data, image.width, image.height, width, height, channels, fit);
  }
  let pipeline = sharp(file, DECODE_OPTIONS).resize(width, height, { fit: 'fill' });
  pipeline = channels === 1 ? pipeline.greyscale() : pipeline.removeAlpha().toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true }).catch(tooLarge);
  if (info.channels !== channels) throw new LocalizedError(problem('data:channels', { got: info.channels, want: channels }));
  return Float32Array.from(data, (v) => v / 255);
}

/** The class sub-folders of an image folder and their files, with the files that are not images. */
export interface ImageFolderListing {
  classNames: string[];
  /** Per class, in class order: the image files, relative to the folder (`class/name.png`). */
  files: string[][];
  skipped: SkippedItem[];
}

export function isImageFileName(name: string): boolean {
  return imageExtensions.has(path.extname(name).toLowerCase());
}

/** Lists `folder/<class>/<image>`; throws a DataError when there are fewer than two classes. */
export async function listImageFolder(folder: string): Promise<ImageFolderListing> {
  const classNames = (await listEntries(folder))
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  if (classNames.length < 2) {
    throw new DataError(problem('data:tooFewClasses', { folder, count: classNames.length }));
  }
  const files: string[][] = [];
  const skipped: SkippedItem[] = [];
  for (const className of classNames) {
    const names = (await listEntries(path.join(folder, className)))
      .filter((e) => e.isFile() && !e.name.startsWith('.'))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b));
    const images: string[] = [];
    for (const name of names) {
      const relative = path.join(className, name);
      if (isImageFileName(name)) images.push(relative);
      else skipped.push({ file: relative, reason: problem('data:notImage', {}) });
    }
    files.push(images);
  }
  return { classNames, files, skipped };
}

/** An image over {@link MAX_IMAGE_PIXELS}, refused before its pixels are decoded. */
class ImageTooLargeError extends LocalizedError {
  constructor(readonly why: Problem) {
    super(why);
  }
}

/** Why an image could not be decoded, in a few words. */
export function decodeFailure(error: unknown): Problem {
  if (error instanceof ImageTooLargeError) return error.why;
  if (error instanceof LocalizedError && error.problem) return problem('data:undecodableBecause', { why: error.problem });
  // libvips ends some first lines with a colon that introduces nothing.
  return problem('data:undecodable', { detail: errorTexts(error).en.split('\n')[0].replace(/:\s*$/, '') });
}

/**
 * Reads every PNG, JPEG and WebP image under `folder/<class>/`, fitted to `inputShape`
 * (`[height, width, channels]`, 1 channel = grayscale, 3 = RGB) as `fit` says (see
 * {@link decodeImage}). Unreadable images are skipped and listed in `skipped`; a fixed, stratified
 * 20% of the images is the test split.
 */
export async function loadImageFolder(folder: string, inputShape: Shape, fit: ImageFit = 'stretch'): Promise<Dataset> {
  if (inputShape.length !== 3 || (inputShape[2] !== 1 && inputShape[2] !== 3)) {
    throw new DataError(problem('data:folderShape', { shape: inputShape }));
  }
  const [height, width, channels] = inputShape;
  const listing = await listImageFolder(folder);
  const { classNames } = listing;
  const size = height * width * channels;
  // Written in place as they are decoded: one copy of the pixels, four bytes a value.
  let x = new Float32Array(listing.files.reduce((n, files) => n + files.length, 0) * size);
  const labels: number[] = [];
  const skipped: SkippedItem[] = [...listing.skipped];
  for (const [label, files] of listing.files.entries()) {
    for (const relative of files) {
      try {
        x.set(await decodeImage(path.join(folder, relative), inputShape, fit), labels.length * size);
        labels.push(label);
      } catch (error) {
        skipped.push({ file: relative, reason: decodeFailure(error) });
      }
    }
  }
  const empty = classNames.filter((_, label) => !labels.includes(label));
  if (empty.length > 0) {
    throw new DataError(problem('data:emptyClasses', { count: empty.length, classes: empty, folder }));
  }
  if (labels.length * size < x.length) x = x.slice(0, labels.length * size);
  const { train, test } = stratifiedSplit({ x, y: Int32Array.from(labels), count: labels.length }, size, 0.2);
  return { name: path.basename(folder), inputShape: [height, width, channels], classNames, train, test, skipped };
}
