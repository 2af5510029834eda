import { expect, test } from './fixtures';
import { webgpuLaunch } from './chromium';
import { build } from 'esbuild';
import path from 'node:path';
import type { PageTrainingJob, WireWeight } from '../core/api/contract';
import { compileGraph } from '../core/compile/compile';
import { seededRandom } from '../core/data/random';
import type { Dataset } from '../core/data/types';
import type { Problem } from '../core/i18n/catalogue';
import { problemText } from '../core/i18n/translate';
import { analyzeGraph } from '../core/model/analyze';
import type { ConformanceCase } from '../core/model/block';
import { blockTypes, getBlock } from '../core/model/blocks/index';
import type { Graph } from '../core/model/graph';
import { parseProject } from '../core/model/project-io';
import { denseBefore } from '../core/model/test-graphs';
import type { Project } from '../core/model/project';
import { base64ToBytes, bytesToBase64 } from '../core/page-train/protocol';
import { webgpuRefusal } from '../core/page-train/kernels';
import { selectBackend } from '../core/train/backend/index';
import type { SerializedWeight } from '../core/train/events';
import { TrainingLoop } from '../core/train/loop';
import { readWeights, serializeSnapshot } from '../core/train/weights';
import { relativeDifference } from './helpers';

// Every block of the catalogue, one training step on the page engine's WebGPU rung (SwiftShader in
// Debian's Chromium), against the host's WASM engine: the page's own worker trains a tiny model
// around each of the block's conformance cases, and the step's update of every weight must be
// within 1e-3 (relative) of WASM's. A block the page engine refuses on WebGPU must be refused up
// front, with a reason naming it, so that the run goes on elsewhere; a refused block that would
// train correctly is a stale refusal, and fails too. New blocks are covered by the registry.
test.use({
  launchOptions: webgpuLaunch,
});

const root = path.resolve(import.meta.dirname, '..');
const SAMPLES = 8;
const TEST_SAMPLES = 4;

interface StepCase {
  label: string;
  type: string;
  project: Project;
  dataset: Dataset;
}

/**
 * The block between an Input and a Dense head: a Dense layer before it (one per input of a merge,
 * from the one Input) so that the step sends gradients through the block into trained weights.
 */
function graphFor(type: string, c: ConformanceCase): Graph | undefined {
  if (type === 'Input')
    return {
      nodes: [
        { id: 'b', type, params: c.params },
        { id: 'flat', type: 'Flatten', params: {} },
        { id: 'head', type: 'Dense', params: { units: 2, activation: 'softmax' } },
      ],
      edges: [
        { source: 'b', target: 'flat' },
        { source: 'flat', target: 'head' },
      ],
    };
  const first = c.inputs[0];
  // Every input of a merge comes from the one Input, through a Dense of its width: the other axes must match.
  if (c.inputs.some((s) => s.length !== first.length || s.slice(0, -1).some((d, i) => d !== first[i]))) return undefined;
  const pre = denseBefore(c.inputs);
  return {
    nodes: [
      { id: 'in', type: 'Input', params: { shape: first } },
      ...pre,
      { id: 'b', type, params: c.params },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'head', type: 'Dense', params: { units: 2, activation: 'softmax' } },
    ],
    edges: [
      ...pre.map((n) => ({ source: 'in', target: n.id })),
      ...pre.map((n) => ({ source: n.id, target: 'b' })),
      { source: 'b', target: 'flat' },
      { source: 'flat', target: 'head' },
    ],
  };
}

function samples(count: number, size: number, random: () => number) {
  return { x: Float32Array.from({ length: count * size }, () => random()), y: Int32Array.from({ length: count }, (_, i) => i % 2), count };
}

function cases(): StepCase[] {
  const list: StepCase[] = [];
  for (const type of blockTypes) {
    let taken = 0;
    getBlock(type)!.conformance.forEach((c, index) => {
      // One tiny model per block (SwiftShader compiles shaders slowly), every activation of the Activation
      // block; NEUROBLOCKS_BLOCK_CASES=all takes every conformance case of every block.
      if (taken && type !== 'Activation' && process.env.NEUROBLOCKS_BLOCK_CASES !== 'all') return;
      const graph = graphFor(type, c);
      if (!graph) return;
      const analysis = analyzeGraph(graph, { loss: 'categoricalCrossentropy' });
      if (analysis.errors.length) return;
      taken++;
      const inputShape = analysis.nodes[analysis.inputs[0]].outputShape!;
      const size = inputShape.reduce((a, b) => a * b, 1);
      const random = seededRandom(100 + list.length);
      const project = parseProject({
        format: 'neuroblocks.project',
        version: 1,
        name: `${type} #${index + 1}`,
        graph,
        dataset: { kind: 'builtin', name: 'spirals' },
        // One step of plain SGD on the whole batch: the update is the gradient times the rate.
        training: {
          optimizer: 'sgd',
          learningRate: 0.5,
          loss: 'categoricalCrossentropy',
          batchSize: SAMPLES,
          epochs: 1,
          validationSplit: 0,
          seed: 3,
        },
      });
      list.push({
        label: `${type} #${index + 1} ${JSON.stringify(c.params)}`,
        type,
        project,
        dataset: {
          name: 'random',
          inputShape,
          classNames: ['a', 'b'],
          skipped: [],
          train: samples(SAMPLES, size, random),
          test: samples(TEST_SAMPLES, size, random),
        },
      });
    });
  }
  return list;
}

function jobOf(c: StepCase, sessionId: string): { job: PageTrainingJob; parts: string[] } {
  const arrays = [c.dataset.train.x, c.dataset.train.y, c.dataset.test.x, c.dataset.test.y];
  const bytes = new Uint8Array(arrays.reduce((n, a) => n + a.byteLength, 0));
  let offset = 0;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset);
    offset += a.byteLength;
  }
  const { dataset } = c;
  return {
    job: {
      sessionId,
      project: c.project,
      settings: c.project.training,
      dataset: {
        name: dataset.name,
        inputShape: dataset.inputShape,
        classNames: dataset.classNames,
        skipped: [],
        trainCount: dataset.train.count,
        testCount: dataset.test.count,
      },
      outputUnits: 2,
      bytes: bytes.byteLength,
      parts: 1,
    },
    parts: [bytesToBase64(bytes)],
  };
}

const difference = (after: ArrayBuffer, before: ArrayBuffer) => {
  const [a, b] = [new Float32Array(after), new Float32Array(before)];
  return a.map((v, i) => v - b[i]);
};

/** What the page's worker reported of one run. */
interface PageOutcome {
  final?: { state: string; message: string; weights?: WireWeight[] };
  unavailable?: { backend: string; reason: Problem }[];
  started?: { backend: string };
}

test('every block trains a step on WebGPU as on WASM, or the page engine refuses it up front naming the block', async ({ page }) => {
  test.setTimeout(600_000);
  // NEUROBLOCKS_BLOCKS=Conv2D,Dense checks those blocks only.
  const only = process.env.NEUROBLOCKS_BLOCKS?.split(',');
  const list = cases().filter((c) => !only || only.includes(c.type));
  if (!only) expect(new Set(list.map((c) => c.type))).toEqual(new Set(blockTypes));

  // The page's real worker, bundled for a blank page of a secure origin (WebGPU needs one).
  const bundle = await build({
    entryPoints: [path.join(root, 'core/page-train/worker.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await page.route('http://localhost/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blocks on WebGPU</title>' }),
  );
  await page.goto('http://localhost/blocks');
  // One worker for every case, as one page trains run after run: WebGPU's shaders compile once.
  await page.evaluate((code) => {
    const scope = globalThis as any;
    scope.trainer = new scope.Worker(scope.URL.createObjectURL(new scope.Blob([code], { type: 'text/javascript' })), {
      name: 'neuroblocks-training',
    });
  }, bundle.outputFiles[0].text);

  const { tf } = await selectBackend('wasm');
  const problems: string[] = [];
  const refused: string[] = [];
  const started = performance.now();
  for (const [index, c] of list.entries()) {
    const { job, parts } = jobOf(c, `block-${index}`);
    // Only the WebGPU rung: WebGL is left out, so a refusal or a failure shows as the page being unavailable.
    const outcome: PageOutcome = await page.evaluate(
      ({ job, parts }) =>
        new Promise((resolve) => {
          // Typed loosely: the Node-side compiler has no DOM library (on purpose).
          const worker = (globalThis as any).trainer;
          const result: Record<string, unknown> = {};
          worker.onmessage = (event: { data: any }) => {
            const message = event.data;
            if (message.type === 'done') {
              resolve(result);
              return;
            }
            const report = message.report;
            if (report.unavailable) result.unavailable = report.unavailable;
            else if (report.event.type === 'final') result.final = report.event;
            else if (report.event.type === 'started') result.started = report.event;
          };
          worker.onerror = (event: { message: string }) => resolve({ final: { state: 'failed', message: event.message } });
          setTimeout(
            () => resolve({ final: { state: 'failed', message: `no answer within 3 minutes: ${JSON.stringify(result).slice(0, 200)}` } }),
            180_000,
          );
          worker.postMessage({ type: 'start', job, parts, skip: ['webgl'] });
        }),
      // The job crosses as JSON; its type (problems of the catalogue among them) is too deep for Playwright's argument check.
      { job: job as unknown, parts },
    );

    const refusal = webgpuRefusal(c.project.graph);
    const host = new TrainingLoop({ checkpoints: false }, () => undefined, {
      command: 'run',
      countBatch: () => undefined,
      waitWhilePaused: async () => true,
    });
    const initial = compileGraph(tf, c.project.graph, { seed: c.project.training.seed });
    const before = serializeSnapshot(await readWeights(initial));
    initial.dispose();
    const original = Math.random;
    Math.random = seededRandom(c.project.training.seed);
    const wasm = await host
      .run(tf, { backend: 'wasm', device: 'wasm', fallbacks: [] }, c.project, c.project.training, {
        dataset: c.dataset,
        inputShape: c.dataset.inputShape,
        outputUnits: 2,
      })
      .finally(() => (Math.random = original));
    expect(wasm.state, `${c.label} on WASM: ${wasm.message}`).toBe('completed');

    if (refusal) {
      const [en, fr] = [problemText(refusal, 'en'), problemText(refusal, 'fr')];
      refused.push(`${c.label}: ${en}`);
      const reason = outcome.unavailable?.find((u) => u.backend === 'webgpu');
      const said = reason && { en: problemText(reason.reason, 'en'), fr: problemText(reason.reason, 'fr') };
      if (!said || !said.en.includes(en) || !said.fr.includes(fr))
        problems.push(`${c.label}: refused on WebGPU, but the page did not say so up front (${JSON.stringify(outcome).slice(0, 300)})`);
      if (!said?.en.includes(`"b"`)) problems.push(`${c.label}: the refusal does not name the block: ${said?.en}`);
      continue;
    }
    if (outcome.unavailable || outcome.final?.state !== 'completed' || outcome.started?.backend !== 'webgpu') {
      problems.push(
        `${c.label}: did not train on WebGPU: ${JSON.stringify(outcome.unavailable ?? outcome.final?.message ?? outcome).slice(0, 400)}`,
      );
      continue;
    }
    const gpu = outcome.final.weights!.map((w) => ({ name: w.name, data: base64ToBytes(w.base64).buffer as ArrayBuffer }));
    const weights = wasm.weights as SerializedWeight[];
    expect(gpu.map((w) => w.name)).toEqual(weights.map((w) => w.name));
    for (const [i, w] of weights.entries()) {
      const wasmStep = difference(w.data, before[i].data);
      const gpuStep = difference(gpu[i].data, before[i].data);
      // A weight the step leaves alone (e.g. a frozen one) is compared as it is.
      const norm = Math.hypot(...wasmStep);
      const d =
        norm > 1e-7 ? relativeDifference(gpuStep, wasmStep) : relativeDifference(new Float32Array(gpu[i].data), new Float32Array(w.data));
      if (!(d < 1e-3)) problems.push(`${c.label}: ${w.name}'s step differs from WASM's by ${d.toExponential(2)} (relative)`);
    }
  }
  console.log(
    `${list.length} cases of ${blockTypes.length} blocks in ${((performance.now() - started) / 1000).toFixed(0)} s; refused on WebGPU: ${refused.length ? refused.join('; ') : 'none'}`,
  );
  expect(problems).toEqual([]);
});
