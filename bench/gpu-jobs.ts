// Writes the two job folders bench/gpu-check.sh trains on a machine with an NVIDIA GPU (where
// Node need not be): the course's MNIST CNN on the 8,000 training digits, and the CIFAR-sized CNN
// on generated 32×32×3 images.
//
//   npx tsx bench/gpu-jobs.ts OUT_DIR [--epochs 3] [--cifar 6000]
//   scp -r OUT_DIR bench/gpu-check.sh gpu-server:   then there:   bash gpu-check.sh OUT_DIR
import path from 'node:path';
import { exportJob } from '../core/train/pytorch/job';
import { cifarProject, writeSyntheticImages } from './cifar';
import { courseMnistProject, option } from './common';

const out = process.argv[2];
if (!out || out.startsWith('--')) {
  console.error('Usage: npx tsx bench/gpu-jobs.ts OUT_DIR [--epochs 3] [--cifar 6000]');
  process.exit(2);
}
const epochs = option('epochs', 3);
const images = path.resolve(out, 'cifar-like-images');
await writeSyntheticImages(images, option('cifar', 6000));
const mnist = courseMnistProject();
for (const [name, project] of [
  ['mnist-cnn', mnist],
  ['cifar-cnn', cifarProject(images, epochs)],
] as const) {
  const { started } = await exportJob(project, path.resolve(out, name), { epochs, seed: 1 });
  console.log(`${name}: ${started.sizes.train} training samples, ${started.epochs} epochs → ${path.resolve(out, name)}`);
}
process.exit(0);
