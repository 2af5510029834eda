// The augmentation blocks on the PyTorch engine: Keras's parameter meaning (a fixed draw gives
// TensorFlow.js's image), the same shapes and value ranges as the TensorFlow.js layers, active only
// while training; and a run with augmentation trains.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../../i18n/translate';
import { compileGraph } from '../../compile/compile';
import { seededRandom } from '../../data/random';
import { pytorchModule } from '../../model/codegen/pytorch';
import type { Graph } from '../../model/graph';
import { tempDir } from '../../store/test-helpers';
import { TrainingControl } from '../control';
import { runTraining } from '../run';
import { engineScript, writeNpy } from './run';
import { findPythonEngine } from './index';
import { chain } from '../../model/test-graphs';

const engine = await findPythonEngine();
const skipReason = engine.available ? '' : `no Python with torch: ${engine.reason && problemText(engine.reason)}`;
if (skipReason) console.warn(`PyTorch augmentation tests skipped: ${skipReason}`);

const [N, H, W, C] = [6, 16, 16, 3];
const random = seededRandom(11);
const images = Float32Array.from({ length: N * H * W * C }, () => random());

/** A .npy file of float32 values: its shape and values. */
function readNpy(file: string): { shape: number[]; data: Float32Array } {
  const bytes = readFileSync(file);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  expect(header).toContain("'descr': '<f4'");
  const shape = /'shape': \(([^)]*)\)/
    .exec(header)![1]
    .split(',')
    .filter((s) => s.trim())
    .map(Number);
  const start = 10 + headerLength;
  return { shape, data: new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + bytes.length)) };
}

const DRIVER = `
import importlib.util, sys
import numpy as np, torch
engine_path, x_path = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("engine", engine_path)
engine = importlib.util.module_from_spec(spec); spec.loader.exec_module(engine)
sys.modules["neuroblocks_augment"] = engine
x = torch.from_numpy(np.load(x_path))
for run_dir in sys.argv[3:]:
    spec = importlib.util.spec_from_file_location("model", run_dir + "/model.py")
    model_module = importlib.util.module_from_spec(spec); spec.loader.exec_module(model_module)
    model = model_module.Model()
    with torch.no_grad():
        model.train(); np.save(run_dir + "/train.npy", model(x).numpy().astype(np.float32))
        model.eval(); np.save(run_dir + "/eval.npy", model(x).numpy().astype(np.float32))
`;
import { projectOf } from '../../model/project-fixtures';

function graphOf(type: string, params: Record<string, unknown>): Graph {
  return {
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [H, W, C] } },
      { id: 'aug', type, params },
    ],
    edges: [{ source: 'in', target: 'aug' }],
  };
}

// One case per block and parameters; PyTorch runs them all in one process (importing torch is slow).
const fixed: [string, Record<string, unknown>][] = [
  ['RandomRotation', { factor: [0.25, 0.25], fillMode: 'reflect' }],
  ['RandomRotation', { factor: [0.1, 0.1], fillMode: 'constant', fillValue: 0.5 }],
  ['RandomTranslation', { heightFactor: [0.25, 0.25], widthFactor: [-0.125, -0.125], fillMode: 'constant' }],
  ['RandomTranslation', { heightFactor: [0.2, 0.2], widthFactor: [0.3, 0.3], fillMode: 'nearest' }],
  ['RandomZoom', { heightFactor: [-0.5, -0.5], fillMode: 'reflect' }],
  ['RandomZoom', { heightFactor: [0.3, 0.3], widthFactor: [-0.2, -0.2], fillMode: 'reflect', interpolation: 'nearest' }],
  ['RandomBrightness', { factor: [0.1, 0.1] }],
];
const randomDraws: [string, Record<string, unknown>][] = [
  ['RandomRotation', { factor: 0.5 }],
  ['RandomZoom', { heightFactor: 0.5 }],
  ['RandomTranslation', { heightFactor: 0.5, widthFactor: 0.5 }],
];
const others: [string, Record<string, unknown>][] = [
  ['RandomFlip', { mode: 'horizontal' }],
  ['RandomContrast', { factor: 0.9, valueRange: [0, 1] }],
  ['RandomCrop', { height: 10, width: 12 }],
];
const cases = [...fixed, ...randomDraws, ...others];
const key = (type: string, params: Record<string, unknown>) => `${type} ${JSON.stringify(params)}`;

let dir: string;
let cleanup: () => void;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('nb-torch-aug-'));
  if (skipReason) return;
  writeFileSync(join(dir, 'driver.py'), DRIVER);
  writeNpy(join(dir, 'x.npy'), [N, H, W, C], images);
  const dirs = cases.map(([type, params], i) => {
    const runDir = join(dir, String(i));
    mkdirSync(runDir);
    writeFileSync(join(runDir, 'model.py'), pytorchModule(graphOf(type, params), { name: 'Model', augment: true, seed: 3 }).code);
    return runDir;
  });
  await promisify(execFile)(engine.python!, [join(dir, 'driver.py'), engineScript, join(dir, 'x.npy'), ...dirs], { timeout: 120_000 });
}, 150_000);
afterAll(() => cleanup());

/** The block's output on PyTorch and on TensorFlow.js, in training and at inference. */
async function outputs(type: string, params: Record<string, unknown>) {
  const runDir = join(dir, String(cases.findIndex(([t, p]) => key(t, p) === key(type, params))));
  const torch = { train: readNpy(join(runDir, 'train.npy')), eval: readNpy(join(runDir, 'eval.npy')) };
  await tf.setBackend('cpu');
  const model = compileGraph(tf, graphOf(type, params), { seed: 3 });
  const x = tf.tensor4d(images, [N, H, W, C]);
  const apply = (training: boolean) => {
    const y = model.apply(x, { training }) as tf.Tensor;
    const out = { shape: y.shape as number[], data: y.dataSync() as Float32Array };
    y.dispose();
    return out;
  };
  const tfjs = { train: apply(true), eval: apply(false) };
  x.dispose();
  model.dispose();
  return { torch, tfjs };
}

const maxDifference = (a: Float32Array, b: ArrayLike<number>) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const range = (a: Float32Array) => [Math.min(...a), Math.max(...a)];
const [low, high] = range(images);

describe.skipIf(Boolean(skipReason))('augmentation blocks on the PyTorch engine', () => {
  // A range of one value leaves nothing to chance: both engines must draw the same image.
  for (const [type, params] of fixed)
    it(`${type} ${JSON.stringify(params)}: the image TensorFlow.js gives, and the identity at inference`, { timeout: 60_000 }, async () => {
      const { torch, tfjs } = await outputs(type, params);
      expect(torch.train.shape).toEqual(tfjs.train.shape);
      expect(maxDifference(torch.train.data, images)).toBeGreaterThan(0.05);
      expect(maxDifference(torch.train.data, tfjs.train.data)).toBeLessThan(1e-4);
      expect(torch.eval.shape).toEqual([N, H, W, C]);
      expect(maxDifference(torch.eval.data, images)).toBe(0);
    });

  it('RandomFlip flips each image or leaves it, as its mode says', { timeout: 60_000 }, async () => {
    const { torch, tfjs } = await outputs('RandomFlip', others[0][1]);
    expect(torch.train.shape).toEqual(tfjs.train.shape);
    const size = H * W * C;
    let flipped = 0;
    for (let n = 0; n < N; n++) {
      const image = (data: ArrayLike<number>, y: number, x: number, c: number) => data[n * size + (y * W + x) * C + c];
      let same = true;
      let mirrored = true;
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++)
          for (let c = 0; c < C; c++) {
            const v = image(torch.train.data, y, x, c);
            if (v !== image(images, y, x, c)) same = false;
            if (v !== image(images, y, W - 1 - x, c)) mirrored = false;
          }
      expect(same || mirrored).toBe(true);
      if (mirrored && !same) flipped++;
    }
    expect(flipped).toBeGreaterThan(0);
    expect(flipped).toBeLessThan(N);
    expect(maxDifference(torch.eval.data, images)).toBe(0);
  });

  it('RandomContrast keeps each image’s shape and stays in valueRange; it is the identity at inference', { timeout: 60_000 }, async () => {
    const { torch, tfjs } = await outputs('RandomContrast', others[1][1]);
    expect(torch.train.shape).toEqual(tfjs.train.shape);
    const [min, max] = range(torch.train.data);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(1);
    expect(maxDifference(torch.train.data, images)).toBeGreaterThan(0.01);
    expect(range(tfjs.train.data)[0]).toBeGreaterThanOrEqual(0);
    expect(maxDifference(torch.eval.data, images)).toBe(0);
  });

  it(
    'random rotations, zooms and translations stay within the values of the image (reflect fill, bilinear)',
    { timeout: 60_000 },
    async () => {
      for (const [type, params] of randomDraws) {
        const { torch, tfjs } = await outputs(type, params);
        expect(torch.train.shape).toEqual(tfjs.train.shape);
        const [min, max] = range(torch.train.data);
        expect(min).toBeGreaterThanOrEqual(low - 1e-6);
        expect(max).toBeLessThanOrEqual(high + 1e-6);
        expect(maxDifference(torch.train.data, images)).toBeGreaterThan(0.05);
        expect(maxDifference(torch.eval.data, images)).toBe(0);
      }
    },
  );

  it(
    'RandomCrop cuts a window while training and keeps the resized centre at inference, as TensorFlow.js does',
    { timeout: 60_000 },
    async () => {
      const { torch, tfjs } = await outputs('RandomCrop', others[2][1]);
      expect(torch.train.shape).toEqual([N, 10, 12, C]);
      expect(tfjs.train.shape).toEqual([N, 10, 12, C]);
      // The training output is a window of the input.
      const windowAt = (top: number, left: number) => {
        for (let n = 0; n < N; n++)
          for (let y = 0; y < 10; y++)
            for (let x = 0; x < 12; x++)
              for (let c = 0; c < C; c++)
                if (torch.train.data[((n * 10 + y) * 12 + x) * C + c] !== images[((n * H + top + y) * W + left + x) * C + c]) return false;
        return true;
      };
      let found = false;
      for (let top = 0; top <= H - 10 && !found; top++) for (let left = 0; left <= W - 12 && !found; left++) found = windowAt(top, left);
      expect(found).toBe(true);
      expect(torch.eval.shape).toEqual(tfjs.eval.shape);
      expect(maxDifference(torch.eval.data, tfjs.eval.data)).toBeLessThan(1e-5);
    },
  );

  it('a CNN with augmentation blocks trains on PyTorch', { timeout: 120_000 }, async () => {
    const project = projectOf(
      'augmented',
      chain(
        ['in', 'Input', { shape: [28, 28, 1] }],
        ['rot', 'RandomRotation', { factor: 0.05 }],
        ['zoom', 'RandomZoom', { heightFactor: 0.1 }],
        ['shift', 'RandomTranslation', { heightFactor: 0.1, widthFactor: 0.1 }],
        ['contrast', 'RandomContrast', { factor: 0.2 }],
        ['bright', 'RandomBrightness', { factor: 0.1 }],
        ['crop', 'RandomCrop', { height: 26, width: 26 }],
        ['c1', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu' }],
        ['flat', 'Flatten'],
        ['out', 'Dense', { units: 10, activation: 'softmax' }],
      ),
      {
        dataset: { kind: 'builtin', name: 'mnist', size: 1000 },
        training: { optimizer: 'adam', learningRate: 0.003, batchSize: 32, epochs: 3, validationSplit: 0.2, seed: 2 },
      },
    );
    const result = await runTraining({ project, options: { engine: 'pytorch', device: 'cpu' } }, () => undefined, new TrainingControl());
    expect(result.state, JSON.stringify(result.message)).toBe('completed');
    expect(result.test!.accuracy).toBeGreaterThan(0.6);
  });
});
