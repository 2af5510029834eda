// The training engines side by side, in one run, interleaved round by round so that other load on
// the machine hits every contender alike: TensorFlow.js on WASM, the PyTorch engine through the
// app (one thread, then all threads), and a hand-written PyTorch loop doing the same work (the same
// data and sample orders, epochs, batch size and optimizer, validation at the end of every epoch) —
// for the course's MNIST CNN (real digits) and a CIFAR-sized CNN (Conv32-Conv32-Pool-Conv64-Conv64-
// Pool-Dense128 on 32×32×3, on generated images).
//
//   npm run bench -- [--rounds 2] [--epochs 2] [--mnist 2000] [--cifar 1000]
//
// The engines' time is the sum of their epochs (training and validation) as they report them, the
// loop's the same span measured the same way; the whole run (process start, data hand-over, test
// evaluation) is shown beside it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeGraph } from '../core/model/analyze';
import type { Project } from '../core/model/project';
import { startTraining, type TrainingEvent } from '../core/train/index';
import { prepareTorchRun } from '../core/train/pytorch/run';
import { cifarProject, writeSyntheticImages } from './cifar';
import { courseMnistProject, option } from './common';
import { pytorchUnavailableReason, systemPython } from './pytorch';

const rounds = option('rounds', 2);
const epochs = option('epochs', 2);
const mnistSize = option('mnist', 2000);
const cifarSize = option('cifar', 1000);
const loopScript = fileURLToPath(new URL('./pytorch_loop.py', import.meta.url));
const allThreads = os.availableParallelism();

interface Timing {
  /** Samples per second over the epochs (training and validation). */
  samplesPerSecond: number;
  /** Seconds of the epochs. */
  seconds: number;
  /** Seconds from the start call to the end, test evaluation included (absent for the loop). */
  wholeSeconds?: number;
  valAccuracy: number;
}

/** One run through the app's training (the worker), on the engine the options name. */
async function appRun(project: Project, options: Record<string, unknown>, threads?: number): Promise<Timing & { device: string }> {
  // The PyTorch engine's processes take their thread count from the environment the worker starts with.
  if (threads === undefined) delete process.env.OMP_NUM_THREADS;
  else process.env.OMP_NUM_THREADS = String(threads);
  const start = performance.now();
  const session = startTraining(project, { epochs, seed: 1, checkpoints: false, ...options });
  let device = '';
  let trainCount = 0;
  let wholeSeconds = 0;
  const epochEvents: Extract<TrainingEvent, { type: 'epoch' }>[] = [];
  session.on((event) => {
    if (event.type === 'started') {
      device = `${event.backend}: ${event.device}`;
      trainCount = event.sizes.train;
    } else if (event.type === 'epoch') epochEvents.push(event);
    else if (event.type === 'final') wholeSeconds = (performance.now() - start) / 1000;
  });
  const final = await session.done;
  delete process.env.OMP_NUM_THREADS;
  if (final.state !== 'completed') throw new Error(`${device || JSON.stringify(options)} did not complete: ${final.message}`);
  const seconds = epochEvents.reduce((s, e) => s + e.seconds, 0);
  return {
    samplesPerSecond: (epochs * trainCount) / seconds,
    seconds,
    wholeSeconds,
    valAccuracy: epochEvents.at(-1)?.valAccuracy ?? NaN,
    device,
  };
}

function loopRun(
  runDir: string,
  which: 'mnist' | 'cifar',
  threads: number,
  batch: number,
  learningRate: number,
): Timing & { params: number; torch: string } {
  const result = spawnSync(
    systemPython,
    [loopScript, runDir, which, String(threads), String(epochs), String(batch), String(learningRate)],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: String(threads) } },
  );
  if (result.status !== 0)
    throw new Error(`The hand-written PyTorch loop failed: ${(result.stderr || result.error?.message || '').trim()}`);
  const out = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as {
    seconds: number;
    samples: number;
    valAccuracy: number;
    params: number;
    torch: string;
  };
  return {
    samplesPerSecond: out.samples / out.seconds,
    seconds: out.seconds,
    valAccuracy: out.valAccuracy,
    params: out.params,
    torch: out.torch,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

interface Contender {
  label: string;
  measure: () => Promise<Timing & { device?: string }>;
  timings: Timing[];
  device?: string;
}

async function main(): Promise<void> {
  const noTorch = pytorchUnavailableReason();
  if (noTorch) {
    console.log(`The engines benchmark needs PyTorch: ${noTorch}`);
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-bench-engines-'));
  try {
    const imageFolder = path.join(work, 'cifar-like');
    await writeSyntheticImages(imageFolder, cifarSize);
    const models = [
      { name: 'MNIST CNN (course)', which: 'mnist' as const, project: courseMnistProject(), size: mnistSize as number | undefined },
      { name: 'CIFAR-sized CNN', which: 'cifar' as const, project: cifarProject(imageFolder, epochs), size: undefined },
    ];
    const threadCounts = [...new Set([1, allThreads])];
    const plans = [];
    for (const model of models) {
      const params = analyzeGraph(model.project.graph).totalParams;
      // The data and sample orders the engine gets, for the hand-written loop.
      const runDir = path.join(work, model.which);
      mkdirSync(runDir);
      await prepareTorchRun({ project: model.project, options: { epochs, seed: 1, ...(model.size ? { size: model.size } : {}) } }, runDir);
      const common = { ...(model.size ? { size: model.size } : {}) };
      const contenders: Contender[] = [
        { label: 'tfjs wasm', timings: [], measure: () => appRun(model.project, { ...common, backend: 'wasm' }) },
      ];
      for (const threads of threadCounts) {
        contenders.push({
          label: `pytorch engine ${threads}t`,
          timings: [],
          measure: () => appRun(model.project, { ...common, engine: 'pytorch', device: 'cpu', python: systemPython }, threads),
        });
        contenders.push({
          label: `pytorch loop ${threads}t`,
          timings: [],
          measure: async () => {
            const run = loopRun(runDir, model.which, threads, model.project.training.batchSize, model.project.training.learningRate);
            if (run.params !== params)
              throw new Error(
                `The hand-written ${model.which} model has ${run.params} parameters, the app's ${params}: they are not the same model.`,
              );
            return { ...run, device: `PyTorch ${run.torch}, ${threads} thread${threads === 1 ? '' : 's'}` };
          },
        });
      }
      plans.push({ model, params, contenders });
    }

    console.log(
      `Engines benchmark: ${epochs} epochs with validation every epoch, batch 64, Adam; MNIST ${mnistSize} training digits, CIFAR-sized ${cifarSize} generated images; ${rounds} interleaved rounds`,
    );
    console.log(
      `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${allThreads} CPUs available, load average ${os.loadavg()[0].toFixed(2)}`,
    );
    for (let round = 1; round <= rounds; round++)
      for (const { model, contenders } of plans)
        for (const c of contenders) {
          const t = await c.measure();
          c.timings.push(t);
          c.device ??= t.device;
          console.log(
            `  round ${round}  ${model.name.padEnd(20)} ${c.label.padEnd(20)} ${t.samplesPerSecond.toFixed(0).padStart(6)} samples/s  epochs ${t.seconds.toFixed(1).padStart(5)} s${t.wholeSeconds ? `  whole ${t.wholeSeconds.toFixed(1)} s` : ''}  val acc ${(t.valAccuracy * 100).toFixed(1)} %`,
          );
        }

    for (const { model, params, contenders } of plans) {
      console.log('');
      console.log(`${model.name}, ${params.toLocaleString('en')} parameters`);
      console.log(`  ${'contender'.padEnd(20)} ${'samples/s'.padStart(10)} ${'epochs s'.padStart(9)} ${'whole s'.padStart(8)}  device`);
      const speed = new Map<string, number>();
      const wholeJob = new Map<string, number>();
      for (const c of contenders) {
        const s = median(c.timings.map((t) => t.samplesPerSecond));
        speed.set(c.label, s);
        if (c.timings.some((t) => t.wholeSeconds)) wholeJob.set(c.label, median(c.timings.map((t) => t.wholeSeconds ?? 0)));
        const whole = wholeJob.get(c.label)?.toFixed(1) ?? '—';
        console.log(
          `  ${c.label.padEnd(20)} ${s.toFixed(0).padStart(10)} ${median(c.timings.map((t) => t.seconds))
            .toFixed(1)
            .padStart(9)} ${whole.padStart(8)}  ${c.device ?? ''}`,
        );
      }
      console.log('  ratios (median samples/s):');
      for (const threads of threadCounts) {
        const engine = speed.get(`pytorch engine ${threads}t`)!;
        console.log(
          `    pytorch engine ${threads}t / pytorch loop ${threads}t: ${(engine / speed.get(`pytorch loop ${threads}t`)!).toFixed(2)}   (goal ≥ 0.90: the engine's overhead within 10 %)`,
        );
        console.log(`    pytorch engine ${threads}t / tfjs wasm:        ${(engine / speed.get('tfjs wasm')!).toFixed(2)}`);
        // The whole job as the user waits for it: start, data hand-over, every epoch with validation, the test.
        console.log(
          `    whole job: pytorch engine ${threads}t ${(wholeJob.get('tfjs wasm')! / wholeJob.get(`pytorch engine ${threads}t`)!).toFixed(2)}× as fast as tfjs wasm`,
        );
      }
    }
    console.log('');
    console.log(
      `Goal on the CIFAR-sized CNN: the PyTorch engine on all ${allThreads} threads faster than WASM by at least ${allThreads}× (the number of cores).`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
