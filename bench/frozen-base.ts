// Head training on a frozen base, as transfer learning does it: a VGG-like convolutional base
// (four blocks of two convolutions and a pooling, 64×64×3 → 4×4×128), frozen, under a trainable
// Dense head. The same whole job — start to final event, every epoch with its validation and the
// test evaluation, as a user waits for it — with the base's outputs computed once per image (the
// default) and with the base run at every step, interleaved round by round in one run.
//
//   npx tsx bench/frozen-base.ts [--rounds 1] [--epochs 20] [--images 400] [--engine wasm|pytorch]
//
// --engine pytorch runs both jobs on the PyTorch engine (on its CPU, or its GPU when it has one).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeGraph } from '../core/model/analyze';
import type { Project } from '../core/model/project';
import { parseProjectText } from '../core/model/project-io';
import { startTraining, type FinalResult, type TrainingEvent } from '../core/train/index';
import { writeSyntheticImages } from './cifar';
import { option } from './common';

const rounds = option('rounds', 1);
const epochs = option('epochs', 20);
const images = option('images', 400);
const engineIndex = process.argv.indexOf('--engine');
const engine = engineIndex > 0 ? process.argv[engineIndex + 1] : 'wasm';
if (engine !== 'wasm' && engine !== 'pytorch') throw new Error(`--engine is wasm or pytorch, not ${engine}`);

/** The VGG-like base, frozen, and a Dense head, on the generated 64×64 colour images in `folder`. */
function frozenVggProject(folder: string): Project {
  const conv = (id: string, filters: number) => ({
    id,
    type: 'Conv2D',
    params: { filters, kernelSize: 3, padding: 'same', activation: 'relu', trainable: false },
  });
  const pool = (id: string) => ({ id, type: 'MaxPooling2D', params: { poolSize: 2 } });
  const nodes = [
    { id: 'in', type: 'Input', params: { shape: [64, 64, 3] } },
    conv('block1_conv1', 32),
    conv('block1_conv2', 32),
    pool('block1_pool'),
    conv('block2_conv1', 64),
    conv('block2_conv2', 64),
    pool('block2_pool'),
    conv('block3_conv1', 128),
    conv('block3_conv2', 128),
    pool('block3_pool'),
    conv('block4_conv1', 128),
    conv('block4_conv2', 128),
    pool('block4_pool'),
    { id: 'flatten', type: 'Flatten', params: {} },
    { id: 'fc', type: 'Dense', params: { units: 64, activation: 'relu' } },
    { id: 'predictions', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ];
  return parseProjectText(
    JSON.stringify({
      format: 'neuroblocks.project',
      version: 1,
      name: 'Frozen VGG-like base',
      graph: { nodes, edges: nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id })) },
      dataset: { kind: 'imageFolder', path: folder },
      training: {
        optimizer: 'adam',
        learningRate: 0.001,
        loss: 'categoricalCrossentropy',
        batchSize: 32,
        epochs,
        validationSplit: 0.2,
        seed: 1,
      },
    }),
  );
}

interface Job {
  /** Seconds from the start call to the final event. */
  whole: number;
  /** Seconds of the epochs (training and validation), as the run reports them. */
  epochs: number;
  notice: string;
  result: FinalResult;
}

async function job(project: Project, featureCache: boolean): Promise<Job> {
  const start = performance.now();
  const session = startTraining(project, {
    ...(engine === 'pytorch' ? { engine: 'pytorch' as const } : { backend: 'wasm' as const }),
    checkpoints: false,
    featureCache,
  });
  let notice = '';
  let epochSeconds = 0;
  session.on((event: TrainingEvent) => {
    if (event.type === 'started') notice = `${event.device}: ${event.frozenBase?.message ?? '(no frozen base)'}`;
    else if (event.type === 'epoch') epochSeconds += event.seconds;
  });
  const result = await session.done;
  const whole = (performance.now() - start) / 1000;
  if (result.state !== 'completed')
    throw new Error(`The ${featureCache ? 'cached' : 'every-step'} run did not complete: ${result.message}`);
  return { whole, epochs: epochSeconds, notice, result };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-bench-frozen-base-'));
  try {
    const folder = path.join(work, 'images');
    await writeSyntheticImages(folder, images, 64);
    const project = frozenVggProject(folder);
    const analysis = analyzeGraph(project.graph);
    console.log(
      `Frozen-base benchmark: ${analysis.totalParams.toLocaleString('en')} parameters, ${analysis.trainableParams.toLocaleString('en')} trainable; ${images} generated 64×64×3 images; ${epochs} epochs with validation, batch 32, Adam, ${engine === 'pytorch' ? 'PyTorch engine' : 'WASM'}; ${rounds} interleaved rounds`,
    );
    console.log(
      `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs available, load average ${os.loadavg()[0].toFixed(2)}`,
    );
    const runs: Record<'cached' | 'everyStep', Job[]> = { cached: [], everyStep: [] };
    for (let round = 1; round <= rounds; round++)
      for (const which of ['everyStep', 'cached'] as const) {
        const run = await job(project, which === 'cached');
        runs[which].push(run);
        const last = run.result.history.at(-1)!;
        console.log(
          `  round ${round}  ${which === 'cached' ? 'base computed once ' : 'base at every step'}  whole job ${run.whole.toFixed(1).padStart(6)} s  epochs ${run.epochs.toFixed(1).padStart(6)} s  val acc ${(last.valAccuracy! * 100).toFixed(1)} %  test acc ${(run.result.test!.accuracy * 100).toFixed(1)} %`,
        );
        if (round === 1) console.log(`      ${run.notice}`);
      }

    // The two ways train the same weights: the cache changes the time, not the result.
    const [a, b] = [runs.cached[0].result, runs.everyStep[0].result];
    let largest = 0;
    for (const [i, w] of a.weights!.entries()) {
      const [x, y] = [new Float32Array(w.data), new Float32Array(b.weights![i].data)];
      for (let k = 0; k < x.length; k++) largest = Math.max(largest, Math.abs(x[k] - y[k]));
    }
    const whole = { cached: median(runs.cached.map((r) => r.whole)), everyStep: median(runs.everyStep.map((r) => r.whole)) };
    const epochTime = { cached: median(runs.cached.map((r) => r.epochs)), everyStep: median(runs.everyStep.map((r) => r.epochs)) };
    console.log('');
    console.log(
      `Medians: base at every step: whole job ${whole.everyStep.toFixed(1)} s (epochs ${epochTime.everyStep.toFixed(1)} s); base computed once: whole job ${whole.cached.toFixed(1)} s (epochs ${epochTime.cached.toFixed(1)} s)`,
    );
    console.log(`Largest difference between the two runs' final weights: ${largest.toExponential(2)}`);
    console.log(
      `Whole job: ${(whole.everyStep / whole.cached).toFixed(1)}× as fast with the base computed once (goal ≥ 10×); the epochs alone ${(epochTime.everyStep / epochTime.cached).toFixed(1)}×.`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
