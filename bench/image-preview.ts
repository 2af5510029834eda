// How long the Data tab's preview of an image folder takes: a generated folder of small PNGs
// (28×28 RGB, as many per class), previewed with every image decoded (what the preview once did)
// and with the default bounds (headers of up to 10,000 images read, 1,000 decoded).
//
//   npx tsx bench/image-preview.ts [--images 5000] [--classes 10] [--rounds 3] [--bounded-only]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { previewDataset, type PreviewOptions } from '../core/data/preview';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '5000' },
    classes: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    'bounded-only': { type: 'boolean', default: false },
  },
});
const images = Number(values.images);
const classes = Number(values.classes);
const rounds = Number(values.rounds);
const side = 28;

async function writeFolder(dir: string): Promise<void> {
  const perClass = Math.ceil(images / classes);
  for (let c = 0; c < classes; c++) {
    mkdirSync(join(dir, `class-${c}`));
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < perClass && c * perClass + i < images; i++) {
      const pixels = Buffer.alloc(side * side * 3);
      for (let p = 0; p < pixels.length; p++) pixels[p] = (p * 7 + i * 13 + c * 31) & 255;
      writes.push(
        sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
          .png()
          .toFile(join(dir, `class-${c}`, `${String(i).padStart(6, '0')}.png`)),
      );
      if (writes.length >= 64) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const dir = mkdtempSync(join(tmpdir(), 'nb-bench-preview-'));
try {
  const writing = performance.now();
  await writeFolder(dir);
  console.log(`(folder written in ${((performance.now() - writing) / 1000).toFixed(1)} s)`);
  const contenders: { label: string; options: PreviewOptions }[] = [
    { label: 'every image decoded', options: { decodeLimit: Infinity, headerLimit: Infinity } },
    { label: 'default bounds', options: {} },
  ].filter((c) => !values['bounded-only'] || c.label === 'default bounds');
  console.log(
    `Image folder preview: ${images.toLocaleString('en')} PNGs of ${side}×${side}×3 in ${classes} classes, ${rounds} interleaved rounds`,
  );
  const times = new Map<string, number[]>(contenders.map((c) => [c.label, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const { label, options } of contenders) {
      const start = performance.now();
      const preview = await previewDataset({ kind: 'imageFolder', path: dir }, options);
      const ms = performance.now() - start;
      times.get(label)!.push(ms);
      const checked = preview.checked
        ? `${preview.checked.decoded.toLocaleString('en')} decoded, ${preview.checked.headers.toLocaleString('en')} headers read`
        : 'all decoded';
      console.log(
        `  round ${round}  ${label.padEnd(22)} ${ms.toFixed(0).padStart(7)} ms  (${(preview.trainCount + preview.testCount).toLocaleString('en')} images counted, ${checked})`,
      );
    }
  }
  for (const [label, list] of times)
    console.log(
      `${label.padEnd(22)} median ${median(list).toFixed(0).padStart(7)} ms  ${((median(list) * 1000) / images).toFixed(0).padStart(5)} µs/image`,
    );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
