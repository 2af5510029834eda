// Previewing a folder of large images decodes them at thumbnail size, and an image of more pixels
// than any training sample needs (a small PNG of 16000 × 16000) is skipped before it is decoded.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../i18n/translate';
import { loadImageFolder } from './image-folder';
import { previewDataset, suggestedImageShape } from './preview';
import { said } from './said-fixtures';

const root = mkdtempSync(join(tmpdir(), 'nb-large-images-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A PNG of one colour: small on disk, huge once decoded. */
const flat = (width: number, height: number, file: string, red: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: red, g: 90, b: 40 } } })
    .png({ compressionLevel: 9 })
    .toFile(file);

/** Peak memory of the process (resident set) so far, in bytes. */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

beforeAll(async () => {
  for (const name of ['big', 'small']) mkdirSync(join(root, name));
  await flat(16_000, 16_000, join(root, 'big', 'bomb.png'), 200);
  await flat(6000, 4000, join(root, 'big', 'photo0.png'), 10);
  for (let i = 1; i < 8; i++) copyFileSync(join(root, 'big', 'photo0.png'), join(root, 'big', `photo${i}.png`));
  for (let i = 0; i < 8; i++) await flat(6000, 4000, join(root, 'small', `photo${i}.png`), 20 + i);
}, 120_000);

describe('a folder of large images', () => {
  it('is previewed in bounded memory: 16 images of 24 megapixels at thumbnail size, the 16000×16000 PNG skipped with why', async () => {
    expect(statSync(join(root, 'big', 'bomb.png')).size).toBeLessThan(1024 * 1024);
    const before = peakRss();
    const preview = await previewDataset({ kind: 'imageFolder', path: root });
    const added = peakRss() - before;
    expect(preview.skipped.map(said)).toEqual([
      {
        file: join('big', 'bomb.png'),
        reason: '16000×16000 pixels, more than the 64 megapixels an image may have: scale it down',
        reasonFr: '16000×16000 pixels, plus que les 64 mégapixels permis par image : réduisez-la',
      },
    ]);
    expect(preview.classes.map((c) => c.count + c.testCount)).toEqual([8, 8]);
    expect(preview.classes.map((c) => c.thumbnails.length)).toEqual([8, 8]);
    const thumbnail = await sharp(Buffer.from(preview.classes[0].thumbnails[0].split(',')[1], 'base64')).metadata();
    // As the model will see them: without an Input shape to fit to, a square (these stretched, as the project has no fit).
    expect([thumbnail.width, thumbnail.height]).toEqual([56, 56]);
    // Decoded whole, 8 at a time, these images took over 500 MB (and the 16000×16000 one 735 MB).
    expect(added).toBeLessThan(200 * 1024 * 1024);
    // The images as they are, and an Input no larger than a model needs, in their proportions.
    expect(preview.inputShape).toEqual([4000, 6000, 3]);
    expect(preview.suggestedInputShape).toEqual([85, 128, 3]);
  });

  it('training skips the 16000×16000 PNG with the same reason, without decoding it', async () => {
    const dataset = await loadImageFolder(root, [16, 24, 3]);
    expect(dataset.skipped.map((s) => [s.file, problemText(s.reason)])).toEqual([
      [join('big', 'bomb.png'), '16000×16000 pixels, more than the 64 megapixels an image may have: scale it down'],
    ]);
    expect(dataset.train.count + dataset.test.count).toBe(16);
  });

  it('suggests an Input shape only for images over 128 pixels on a side', () => {
    expect(suggestedImageShape([28, 28, 1])).toBeUndefined();
    expect(suggestedImageShape([128, 64, 3])).toBeUndefined();
    expect(suggestedImageShape([16_000, 16_000, 3])).toEqual([128, 128, 3]);
    expect(suggestedImageShape([480, 640, 1])).toEqual([96, 128, 1]);
  });
});
