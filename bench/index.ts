// Training throughput of the course's MNIST CNN (8,000 real MNIST digits, batch 64, Adam) on every
// TensorFlow.js backend that loads here, next to PyTorch on the CPU with one thread and with all
// threads, in the same run. Measurements are interleaved round by round so that other load on the
// machine affects every contender alike; the table reports the median round, both per wall-clock
// second and per second of CPU time the contender used.
//
//   npm run bench -- [--rounds 3] [--steps 100] [--cpu-steps 4] [--warmup 10]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { backendLadder, selectBackend, type BackendChoice, type BackendName } from '../core/train/backend';
import { option } from './common';
import { loadDigits } from './mnist-data';
import { pytorchUnavailableReason, timePytorch } from './pytorch';
import { timeTraining, type StepTiming } from './tfjs-cnn';

const batchSize = 64;
const digitCount = 8000;

const rounds = option('rounds', 3);
const steps = option('steps', 100);
const cpuSteps = option('cpu-steps', 4);
const warmup = option('warmup', 10);

interface Contender {
  label: string;
  device: string;
  measure: () => Promise<StepTiming>;
  timings: StepTiming[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const data = loadDigits(digitCount);
  const contenders: Contender[] = [];
  const skipped: string[] = [];

  const choices = new Map<BackendName, BackendChoice>();
  for (const backend of backendLadder) {
    try {
      choices.set(backend, await selectBackend(backend));
    } catch (error) {
      skipped.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const [backend, choice] of choices) {
    const stepCount = backend === 'cpu' ? cpuSteps : steps;
    contenders.push({
      label: `tfjs ${backend}`,
      device: choice.device,
      timings: [],
      measure: async () => {
        await choice.tf.setBackend(backend === 'tensorflow-gpu' ? 'tensorflow' : backend);
        return timeTraining(choice.tf, data, { batchSize, warmup: backend === 'cpu' ? 2 : warmup, steps: stepCount });
      },
    });
  }

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-bench-'));
  const dataFile = path.join(workDir, 'digits.bin');
  writeFileSync(
    dataFile,
    Buffer.concat([Buffer.from(data.images.buffer, data.images.byteOffset, data.images.byteLength), Buffer.from(data.labels)]),
  );
  const noTorch = pytorchUnavailableReason();
  if (noTorch) {
    skipped.push(`PyTorch: ${noTorch}`);
  } else {
    const allThreads = os.availableParallelism();
    for (const threads of [...new Set([1, allThreads])]) {
      contenders.push({
        label: `pytorch cpu ${threads} thread${threads === 1 ? '' : 's'}`,
        device: `CPU (PyTorch, ${threads} thread${threads === 1 ? '' : 's'})`,
        timings: [],
        measure: async () => {
          const run = timePytorch({ dataFile, count: data.count, threads, warmup, steps, batchSize });
          return run;
        },
      });
    }
  }

  console.log(
    `MNIST CNN training, ${data.count} digits, batch ${batchSize}, Adam; ${warmup} warm-up steps, then ${steps} timed steps (${cpuSteps} on pure-JS cpu); ${rounds} interleaved rounds`,
  );
  console.log(
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs available, load average ${os.loadavg()[0].toFixed(2)}`,
  );
  try {
    for (let round = 1; round <= rounds; round++) {
      for (const contender of contenders) {
        // The pure-JS backend is so slow that one round of it tells all there is to tell.
        if (contender.label === 'tfjs cpu' && contender.timings.length > 0) continue;
        const timing = await contender.measure();
        contender.timings.push(timing);
        console.log(
          `  round ${round}  ${contender.label.padEnd(24)} ${timing.samplesPerSecond.toFixed(0).padStart(7)} samples/s  ${timing.samplesPerCpuSecond.toFixed(0).padStart(7)} samples/CPU-s`,
        );
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  console.log('');
  console.log(
    `${'contender'.padEnd(24)} ${'samples/s'.padStart(10)} ${'range'.padStart(15)} ${'ms/step'.padStart(8)} ${'samples/CPU-s'.padStart(14)}  device`,
  );
  const speed = new Map<string, number>();
  const cpuSpeed = new Map<string, number>();
  for (const c of contenders) {
    const rates = c.timings.map((t) => t.samplesPerSecond);
    const mid = median(rates);
    speed.set(c.label, mid);
    cpuSpeed.set(c.label, median(c.timings.map((t) => t.samplesPerCpuSecond)));
    const range = `${Math.min(...rates).toFixed(0)}–${Math.max(...rates).toFixed(0)}`;
    console.log(
      `${c.label.padEnd(24)} ${mid.toFixed(0).padStart(10)} ${range.padStart(15)} ${((1000 * batchSize) / mid).toFixed(1).padStart(8)} ${cpuSpeed.get(c.label)!.toFixed(0).padStart(14)}  ${c.device}`,
    );
  }
  for (const line of skipped) console.log(`not measured: ${line}`);

  const torchLabels = [...speed.keys()].filter((label) => label.startsWith('pytorch'));
  const tfjsLabels = [...speed.keys()].filter((label) => label.startsWith('tfjs'));
  if (torchLabels.length > 0) {
    console.log('');
    console.log('Throughput ratios, three ways: wall-clock, median of the within-round ratios | wall-clock, ratio of');
    console.log('the medians | samples per CPU-second, ratio of the medians:');
    const byLabel = new Map(contenders.map((c) => [c.label, c]));
    for (const tfjs of tfjsLabels) {
      for (const torch of torchLabels) {
        const a = byLabel.get(tfjs)!.timings;
        const b = byLabel.get(torch)!.timings;
        const perRound = b.map((t, round) => a[Math.min(round, a.length - 1)].samplesPerSecond / t.samplesPerSecond);
        const cpu = cpuSpeed.get(tfjs)! / cpuSpeed.get(torch)!;
        const wall = speed.get(tfjs)! / speed.get(torch)!;
        console.log(`  ${`${tfjs} / ${torch}:`.padEnd(44)} ${median(perRound).toFixed(2)} | ${wall.toFixed(2)} | ${cpu.toFixed(2)}`);
      }
    }
    console.log('The machine may be shared: rounds are interleaved so that load hits every contender alike, and the');
    console.log('CPU-second rate of a one-thread contender is close to what it would reach on an idle core.');
  }
}

await main();
