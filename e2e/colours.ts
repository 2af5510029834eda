// Small RGB images of one colour for the specs that read image folders, and a colour classifier
// trained from the command line, for the specs that try a model on RGB image files: blue, green and
// red folders of small noisy PNGs, a project JSON over them, and its training.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

export type Rgb = [number, number, number];

/** The three classes, each with its colour. */
export const COLOURS: Record<string, Rgb> = { blue: [40, 60, 220], green: [40, 190, 60], red: [220, 40, 40] };

/** A small RGB image of one colour with a little noise, as a PNG file. */
export function colourPng(rgb: Rgb, size: number, seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(size * size * 3);
  let state = seed;
  const noise = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 60 - 30;
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(rgb[i % 3] + noise())));
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
    .png()
    .toBuffer();
}

/** A 16×16 RGB image: a class colour with a little variation of its own, the same for the same `variation`. */
export function variedColourPng(rgb: Rgb, variation: number): Promise<Buffer> {
  const pixels = Buffer.alloc(16 * 16 * 3);
  for (let i = 0; i < 16 * 16; i++)
    pixels.set(
      rgb.map((c, k) => Math.max(0, Math.min(255, c + ((i * (k + 3) + variation * 17) % 41) - 20))),
      i * 3,
    );
  return sharp(pixels, { raw: { width: 16, height: 16, channels: 3 } })
    .png()
    .toBuffer();
}

/** A folder of 15 noisy 16×16 PNGs per colour, one subfolder a class. */
export async function writeColourFolder(folder: string): Promise<void> {
  for (const [name, rgb] of Object.entries(COLOURS)) {
    mkdirSync(path.join(folder, name), { recursive: true });
    for (let i = 0; i < 15; i++) writeFileSync(path.join(folder, name, `${i}.png`), await colourPng(rgb, 16, i + 1));
  }
}

/** Writes `project` (the JSON of a project) and trains it with the command line, which saves it and its run as `file`. */
export function trainWithCommandLine(project: string, json: object, file: string): void {
  writeFileSync(project, JSON.stringify(json));
  execFileSync(process.execPath, ['bin/neuroblocks.js', 'train', project, '--save', file], {
    cwd: path.resolve(import.meta.dirname, '..'),
    stdio: 'pipe',
  });
}
