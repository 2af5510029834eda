// The CIFAR-sized CNN of the benchmarks (Conv32-Conv32-Pool-Conv64-Conv64-Pool-Dense128 on 32×32×3)
// and generated colour images for it, the same at every run: no data can be downloaded here.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { seededRandom } from '../core/data/random';
import type { Project } from '../core/model/project';
import { parseProjectText } from '../core/model/project-io';

export function cifarProject(folder: string, epochs: number): Project {
  const conv = (id: string, filters: number, padding: 'same' | 'valid') => ({
    id,
    type: 'Conv2D',
    params: { filters, kernelSize: 3, activation: 'relu', padding },
  });
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [32, 32, 3] } },
    conv('c1', 32, 'same'),
    conv('c2', 32, 'valid'),
    { id: 'p1', type: 'MaxPooling2D', params: { poolSize: 2 } },
    conv('c3', 64, 'same'),
    conv('c4', 64, 'valid'),
    { id: 'p2', type: 'MaxPooling2D', params: { poolSize: 2 } },
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'd1', type: 'Dense', params: { units: 128, activation: 'relu' } },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ];
  const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id }));
  return parseProjectText(
    JSON.stringify({
      format: 'neuroblocks.project',
      version: 1,
      name: 'CIFAR-sized CNN',
      graph: { nodes, edges },
      dataset: { kind: 'imageFolder', path: folder },
      training: {
        optimizer: 'adam',
        learningRate: 0.001,
        loss: 'categoricalCrossentropy',
        batchSize: 64,
        epochs,
        validationSplit: 0.2,
        seed: 1,
      },
    }),
  );
}

/** `count` colour images of `size`×`size` (32 by default) in 10 class folders: a class's colour and the place of its square, with noise. */
export async function writeSyntheticImages(folder: string, count: number, size = 32): Promise<void> {
  const random = seededRandom(7);
  const scale = size / 32;
  for (let c = 0; c < 10; c++) mkdirSync(path.join(folder, `class${c}`), { recursive: true });
  for (let i = 0; i < count; i++) {
    const c = i % 10;
    const pixels = Buffer.alloc(size * size * 3);
    const colour = [(c * 83) % 256, (c * 149 + 60) % 256, (c * 47 + 120) % 256];
    const [x0, y0] = [4 + (c % 5) * 5 + Math.floor(random() * 3), 6 + Math.floor(c / 5) * 12 + Math.floor(random() * 3)];
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        for (let k = 0; k < 3; k++) {
          const [u, v] = [x / scale, y / scale];
          const inside = u >= x0 && u < x0 + 8 && v >= y0 && v < y0 + 8;
          pixels[(y * size + x) * 3 + k] = Math.max(0, Math.min(255, (inside ? colour[k] : 90) + Math.round((random() - 0.5) * 120)));
        }
    await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
      .png()
      .toFile(path.join(folder, `class${c}`, `${i}.png`));
  }
}
