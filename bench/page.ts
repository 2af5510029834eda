// The page's GPU engine next to the host's WASM engine, in one run: the app served by the web host
// (`neuroblocks serve`), opened in Debian's Chromium by Playwright as the end-to-end tests do, trains
// the course's MNIST CNN (real digits) and the CIFAR-sized CNN (Conv32-Conv32-Pool-Conv64-Conv64-
// Pool-Dense128 on 32×32×3, generated images) from the Train panel on each browser rung — WebGPU
// (SwiftShader's software WebGPU here) and WebGL (the browser's software GL, when it starts) — and the
// host's WASM engine trains the same projects on the same data.
//
//   npm run bench:page -- [--rounds 1] [--epochs 1] [--mnist 96] [--cifar 48] [--batch 16] [--real-gpu]
//
// `--real-gpu`: Chromium uses the machine's GPU (WebGPU, and GL for WebGL) instead of SwiftShader.
//
// Samples/s are each epoch's training samples over its training time, as the run recorded them;
// the epochs' seconds include validation; the whole job is from pressing Start (or the start call)
// to the run's end, with the data's preparation and hand-over, the backend's start and the test.
// A rung that does not start says why (the reasons the Train panel lists).
import { chromium, type Browser } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureRendererBuilt } from '../core/hosts/web/renderer-build';
import { startServer } from '../e2e/web-host';
import { writeDigits } from '../e2e/helpers';
import { analyzeGraph } from '../core/model/analyze';
import type { Project } from '../core/model/project';
import { ProjectStore } from '../core/store/project-store';
import { startTraining, type TrainingEvent } from '../core/train/index';
import { cifarProject, writeSyntheticImages } from './cifar';
import { courseMnistProject, option } from './common';

const rounds = option('rounds', 1);
const epochs = option('epochs', 1);
const mnistSize = option('mnist', 96);
const cifarSize = option('cifar', 48);
const batchSize = option('batch', 16);
const executablePath = process.env.NEUROBLOCKS_CHROMIUM ?? '/usr/bin/chromium';
const common = ['--no-sandbox', '--disable-background-networking', '--disable-component-update'];

const realGpu = process.argv.includes('--real-gpu');

/** The browser rungs and how Chromium is started for each. */
const rungs = [
  {
    label: 'page webgpu',
    rung: 'webgpu',
    args: [
      ...common,
      '--enable-unsafe-webgpu',
      ...(realGpu ? ['--ignore-gpu-blocklist', '--enable-features=Vulkan'] : ['--use-webgpu-adapter=swiftshader']),
    ],
  },
  // No WebGPU flag (Chromium offers no adapter then) and no --disable-gpu, so WebGL starts on the GPU's GL or the software one.
  {
    label: 'page webgl',
    rung: 'webgl',
    args: [...common, '--ignore-gpu-blocklist', ...(realGpu ? [] : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'])],
  },
] as const;

interface Timing {
  samplesPerSecond: number;
  /** Seconds of the epochs (training and validation). */
  seconds: number;
  wholeSeconds: number;
  valAccuracy: number;
  /** What computed: the recorded backend and device. */
  device: string;
  /** The page's rung was not the one asked for: the Train panel's reasons. */
  skipped?: string;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One run from the Train panel on the page engine, in a browser started for `rung`; the run's record gives the epochs' times. */
async function pageRun(browser: Browser, url: string, projects: string, project: Project, file: string): Promise<Timing> {
  const location = path.join(projects, file);
  ProjectStore.create(location, project).close();
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  try {
    await page.goto(url);
    await page.getByTestId(`file-${file}`).click();
    const dock = page.getByRole('complementary', { name: 'Training and evaluation' });
    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await dock.getByLabel('Engine').selectOption('page');
    const start = performance.now();
    await dock.getByRole('button', { name: 'Start training' }).click();
    await dock
      .getByTestId('train-status')
      .filter({ hasText: /^(Finished|Failed|Stopped)/ })
      .waitFor({ timeout: 3_600_000 });
    const wholeSeconds = (performance.now() - start) / 1000;
    const status = await dock.getByTestId('train-status').textContent();
    const fallbacks = (await dock.getByTestId('train-fallbacks').count())
      ? ((await dock.getByTestId('train-fallbacks').textContent()) ?? '')
      : '';
    if (status !== 'Finished')
      throw new Error(
        `${file} did not finish: ${status}; ${
          (await dock
            .getByTestId('train-final')
            .textContent()
            .catch(() => '')) ?? ''
        }`,
      );
    const store = ProjectStore.open(location, { readOnly: true });
    try {
      const [run] = store.listRuns();
      const details = store.getRun(run.id);
      const seconds = details.epochMetrics.reduce((s, m) => s + (m.seconds ?? 0), 0);
      return {
        samplesPerSecond: mean(details.epochMetrics.map((m) => m.samplesPerSecond ?? NaN)),
        seconds,
        wholeSeconds,
        valAccuracy: details.epochMetrics.at(-1)?.valAccuracy ?? NaN,
        device: `${run.backend}: ${run.device}`,
        ...(fallbacks ? { skipped: fallbacks } : {}),
      };
    } finally {
      store.close();
    }
  } finally {
    await page.close();
  }
}

/** The same project on the host's WASM engine (its worker thread), as the app runs it. */
async function wasmRun(project: Project, baseDir: string): Promise<Timing> {
  const start = performance.now();
  const session = startTraining(project, { backend: 'wasm', baseDir, checkpoints: false });
  let device = '';
  let wholeSeconds = 0;
  const epochEvents: Extract<TrainingEvent, { type: 'epoch' }>[] = [];
  session.on((event) => {
    if (event.type === 'started') device = `${event.backend}: ${event.device}`;
    else if (event.type === 'epoch') epochEvents.push(event);
    else if (event.type === 'final') wholeSeconds = (performance.now() - start) / 1000;
  });
  const final = await session.done;
  if (final.state !== 'completed') throw new Error(`WASM did not complete: ${final.message}`);
  const seconds = epochEvents.reduce((s, e) => s + e.seconds, 0);
  return {
    samplesPerSecond: mean(epochEvents.map((e) => e.samplesPerSecond)),
    seconds,
    wholeSeconds,
    valAccuracy: epochEvents.at(-1)?.valAccuracy ?? NaN,
    device,
  };
}

async function main(): Promise<void> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'neuroblocks-bench-page-'));
  await ensureRendererBuilt((line) => console.log(line));
  const { url, server } = await startServer(home);
  const projects = path.join(home, 'Neuroblocks');
  mkdirSync(projects, { recursive: true });
  const browsers: Browser[] = [];
  try {
    writeDigits(path.join(projects, 'bench-digits'), mnistSize);
    await writeSyntheticImages(path.join(projects, 'bench-cifar'), cifarSize);
    const training = (p: Project): Project => ({ ...p, training: { ...p.training, epochs, batchSize, seed: 1 } });
    const course = courseMnistProject();
    const models = [
      { name: 'MNIST CNN (course)', key: 'mnist', project: training({ ...course, dataset: { kind: 'idx', path: 'bench-digits' } }) },
      { name: 'CIFAR-sized CNN', key: 'cifar', project: training(cifarProject('bench-cifar', epochs)) },
    ];
    for (const r of rungs) browsers.push(await chromium.launch({ executablePath, args: [...r.args] }));
    /** A page run, or why it could not be measured (a browser that crashed is started again for the next one). */
    const measurePage = async (i: number, project: Project, file: string): Promise<Timing> => {
      try {
        return await pageRun(browsers[i], url, projects, project, file);
      } catch (error) {
        if (!browsers[i].isConnected()) browsers[i] = await chromium.launch({ executablePath, args: [...rungs[i].args] });
        const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
        return { samplesPerSecond: NaN, seconds: NaN, wholeSeconds: NaN, valAccuracy: NaN, device: '—', skipped: `not measured: ${why}` };
      }
    };

    console.log(
      `Page benchmark: ${epochs} epoch${epochs === 1 ? '' : 's'} with validation, batch ${batchSize}, Adam; MNIST ${mnistSize} digits, CIFAR-sized ${cifarSize} generated images (a fifth of each for the test, a fifth of the rest for validation); ${rounds} round${rounds === 1 ? '' : 's'}`,
    );
    console.log(
      `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(2)}; ${browsers[0].version()}`,
    );
    const results = new Map<string, Timing[]>();
    for (let round = 1; round <= rounds; round++)
      for (const model of models) {
        const contenders: [string, () => Promise<Timing>][] = [
          ['wasm (host)', () => wasmRun(model.project, projects)],
          ...rungs.map((r, i): [string, () => Promise<Timing>] => [
            r.label,
            () => measurePage(i, model.project, `bench-${model.key}-${r.rung}-${round}.nbproj`),
          ]),
        ];
        for (const [label, measure] of contenders) {
          const t = await measure();
          const key = `${model.key} ${label}`;
          results.set(key, [...(results.get(key) ?? []), t]);
          console.log(
            `  round ${round}  ${model.name.padEnd(20)} ${label.padEnd(12)} ${t.samplesPerSecond.toFixed(1).padStart(7)} samples/s  epochs ${t.seconds.toFixed(1).padStart(6)} s  whole ${t.wholeSeconds.toFixed(1).padStart(6)} s  val acc ${(t.valAccuracy * 100).toFixed(1)} %  ${t.device}`,
          );
          if (t.skipped) console.log(`      ${t.skipped.replace(/\n/g, '; ')}`);
        }
      }

    for (const model of models) {
      console.log('');
      console.log(`${model.name}, ${analyzeGraph(model.project.graph).totalParams.toLocaleString('en')} parameters`);
      console.log(
        `  ${'contender'.padEnd(12)} ${'samples/s'.padStart(10)} ${'epochs s'.padStart(9)} ${'whole s'.padStart(8)} ${'× wasm'.padStart(7)} ${'whole × wasm'.padStart(13)}  computed on`,
      );
      const wasm = results.get(`${model.key} wasm (host)`)!;
      const [wasmSpeed, wasmWhole] = [median(wasm.map((t) => t.samplesPerSecond)), median(wasm.map((t) => t.wholeSeconds))];
      for (const label of ['wasm (host)', ...rungs.map((r) => r.label)]) {
        const timings = results.get(`${model.key} ${label}`)!;
        const speed = median(timings.map((t) => t.samplesPerSecond));
        const whole = median(timings.map((t) => t.wholeSeconds));
        console.log(
          `  ${label.padEnd(12)} ${speed.toFixed(1).padStart(10)} ${median(timings.map((t) => t.seconds))
            .toFixed(1)
            .padStart(
              9,
            )} ${whole.toFixed(1).padStart(8)} ${(speed / wasmSpeed).toFixed(2).padStart(7)} ${(wasmWhole / whole).toFixed(2).padStart(13)}  ${timings[0].device}`,
        );
        if (timings[0].skipped) console.log(`  ${''.padEnd(12)} ${timings[0].skipped.replace(/\n/g, '; ')}`);
      }
    }
    console.log('');
    if (!realGpu)
      console.log('SwiftShader computes WebGPU and WebGL on the CPU: its figures show that the rungs work, not how fast a GPU is.');
    console.log('On a real GPU the goal is at least 5× the WASM engine on the CIFAR-sized CNN.');
  } finally {
    for (const b of browsers) await b.close().catch(() => undefined);
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill();
    await exited;
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
