import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMnist } from '../data/mnist';
import { parseProject, parseProjectText } from '../model/project-io';
import type { Project } from '../model/project';
import type { ExportFormatName } from '../api/contract';
import { exportProject, untrainedWeights } from './index';
import { encodeNpz } from './npz';
import { folderLoader } from './tfjs';
import { appPredict, maxAbsDiff, trainedRunWeights, varyBatchNorm } from './test-support';
import type { NamedWeight } from './weights';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON = '/usr/bin/python3';
const example = (name: string): Project => parseProjectText(readFileSync(join(root, 'projects', `${name}.json`), 'utf8'));

/** Every block type with an inference form, on a small image: strided and asymmetric "same" padding, BatchNormalization, merges, Dense on an image. */
const kitchenSink: Project = projectOf(
  'Every block',
  graphOf(
    [
      ['in', 'Input', { shape: [9, 9, 2] }],
      ['rescale', 'Rescaling', { scale: 0.5, offset: 0.1 }],
      ['flip', 'RandomFlip', { mode: 'horizontal' }],
      ['c1', 'Conv2D', { filters: 4, kernelSize: 4, strides: 2, padding: 'same', activation: 'elu' }],
      ['bn', 'BatchNormalization'],
      ['avg', 'AveragePooling2D', { poolSize: 2, strides: 1, padding: 'same' }],
      ['c2', 'Conv2D', { filters: 3, kernelSize: 2, strides: 2, padding: 'same', activation: 'gelu', useBias: false }],
      ['max', 'MaxPooling2D', { poolSize: 2, strides: 1, padding: 'same' }],
      ['cat', 'Concatenate'],
      ['swish', 'Activation', { activation: 'swish' }],
      ['gmax', 'GlobalMaxPooling2D'],
      ['dimg', 'Dense', { units: 2, activation: 'tanh' }],
      ['gap', 'GlobalAveragePooling2D'],
      ['flat', 'Flatten'],
      ['d1', 'Dense', { units: 6, activation: 'selu' }],
      ['drop', 'Dropout', { rate: 0.3 }],
      ['cat2', 'Concatenate'],
      ['bn2', 'BatchNormalization'],
      ['out', 'Dense', { units: 3, activation: 'softmax' }],
    ],
    [
      ['in', 'rescale'],
      ['rescale', 'flip'],
      ['flip', 'c1'],
      ['c1', 'bn'],
      ['bn', 'avg'],
      ['flip', 'c2'],
      ['c2', 'max'],
      ['avg', 'cat'],
      ['max', 'cat'],
      ['cat', 'swish'],
      ['swish', 'gmax'],
      ['swish', 'dimg'],
      ['dimg', 'gap'],
      ['swish', 'flat'],
      ['flat', 'd1'],
      ['d1', 'drop'],
      ['gmax', 'cat2'],
      ['drop', 'cat2'],
      ['gap', 'cat2'],
      ['cat2', 'bn2'],
      ['bn2', 'out'],
    ],
  ),
);

/** Two Input blocks, a vector and an image, merged: inputs are fed in the order of the Input blocks. */
const twoInputs: Project = projectOf(
  'Two inputs',
  graphOf(
    [
      ['features', 'Input', { shape: [3] }],
      ['image', 'Input', { shape: [6, 6, 1] }],
      ['conv', 'Conv2D', { filters: 2, kernelSize: 3, activation: 'relu' }],
      ['flat', 'Flatten'],
      ['join', 'Concatenate'],
      ['out', 'Dense', { units: 2, activation: 'sigmoid' }],
    ],
    [
      ['image', 'conv'],
      ['conv', 'flat'],
      ['features', 'join'],
      ['flat', 'join'],
      ['join', 'out'],
    ],
  ),
);

interface Case {
  project: Project;
  weights: NamedWeight[];
  inputs: Float32Array[];
  /** Shapes without the batch dimension. */
  inputShapes: number[][];
  expected: Float32Array;
  formats: ExportFormatName[];
  dirs: Partial<Record<ExportFormatName, string>>;
}

const BATCH = 4;
const cases = new Map<string, Case>();
const trained = new Map<string, NamedWeight[]>();
let python: Record<string, unknown> = {};
const work = mkdtempSync(join(tmpdir(), 'nb-export-'));

/** One Python process checks every ONNX file with the onnx checker and runs every PyTorch export. */
const pythonChecks = `
import importlib.util, json, sys
import numpy as np, onnx, torch
torch.set_num_threads(1)
results = {}
def check(job):
    if job["kind"] == "onnx":
        model = onnx.load(job["path"])
        onnx.checker.check_model(model, full_check=True)
        return {"opset": model.opset_import[0].version, "metadata": {p.key: p.value for p in model.metadata_props}}
    spec = importlib.util.spec_from_file_location("export_" + job["id"].replace("-", "_").replace("/", "_"), job["path"] + "/model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_model()
    with np.load(job["input"]) as inputs, torch.no_grad():
        y = model(*[torch.from_numpy(inputs[f"x{i}"]) for i in range(len(inputs.files))])
    return {"training": model.training, "y": y.numpy().astype("float64").ravel().tolist()}
for job in json.load(open(sys.argv[1])):
    try:
        results[job["id"]] = check(job)
    except Exception as error:
        results[job["id"]] = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps(results))
`;
import { chain, graphOf, twoInputsJoined } from '../model/test-graphs';
import { projectOf } from '../model/project-fixtures';

async function prepare(
  name: string,
  project: Project,
  weights: NamedWeight[],
  inputs: Float32Array[],
  inputShapes: number[][],
  formats: ExportFormatName[],
): Promise<void> {
  const shapes = inputShapes.map((s) => [BATCH, ...s]);
  const c: Case = {
    project,
    weights,
    inputs,
    inputShapes,
    expected: appPredict(tf, project.graph, weights, inputs, shapes),
    formats,
    dirs: {},
  };
  for (const format of formats) {
    const dir = join(work, name, format);
    await exportProject({ tf, project, format, outDir: dir, weights });
    c.dirs[format] = dir;
  }
  writeFileSync(
    join(work, name, 'input.npz'),
    encodeNpz(Object.fromEntries(inputs.map((data, i) => [`x${i}`, { shape: shapes[i], data }]))),
  );
  cases.set(name, c);
}

beforeAll(async () => {
  // Real runs of the training engine (on WASM: pure-JS convolution gradients take minutes), then every prediction on the CPU backend.
  const mnist = loadMnist(96);
  const digits = mnist.test.x.slice(0, BATCH * 784);
  const all: ExportFormatName[] = ['tfjs', 'onnx', 'pytorch'];
  for (const name of ['mnist-cnn', 'residual-cnn']) {
    const project = example(name);
    const weights = await trainedRunWeights(project);
    trained.set(name, weights);
  }
  await tf.setBackend('cpu');
  for (const name of ['mnist-cnn', 'residual-cnn']) {
    const project = example(name);
    const weights = trained.get(name)!;
    await prepare(name, project, weights, [digits], [[28, 28, 1]], all);
  }
  const augmented = example('augmented-cnn');
  await prepare('augmented-cnn', augmented, untrainedWeights(tf, augmented), [digits], [[28, 28, 1]], all);
  const random = Float32Array.from({ length: BATCH * 9 * 9 * 2 }, (_, i) => Math.sin(i * 12.9898) * 2);
  await prepare('every-block', kitchenSink, varyBatchNorm(untrainedWeights(tf, kitchenSink)), [random], [[9, 9, 2]], all);
  const spirals = example('spirals-mlp');
  await prepare(
    'spirals-mlp',
    spirals,
    untrainedWeights(tf, spirals),
    [Float32Array.from({ length: BATCH * 2 }, (_, i) => Math.cos(i))],
    [[2]],
    all,
  );
  await prepare(
    'two-inputs',
    twoInputs,
    untrainedWeights(tf, twoInputs),
    [
      Float32Array.from({ length: BATCH * 3 }, (_, i) => Math.sin(i)),
      Float32Array.from({ length: BATCH * 6 * 6 * 1 }, (_, i) => Math.cos(i / 3)),
    ],
    [[3], [6, 6, 1]],
    all,
  );

  const jobs = [...cases].flatMap(([id, c]) => [
    ...(c.dirs.onnx ? [{ id: `${id}/onnx`, kind: 'onnx', path: join(c.dirs.onnx, 'model.onnx') }] : []),
    ...(c.dirs.pytorch ? [{ id: `${id}/pytorch`, kind: 'pytorch', path: c.dirs.pytorch, input: join(work, id, 'input.npz') }] : []),
  ]);
  writeFileSync(join(work, 'jobs.json'), JSON.stringify(jobs));
  const { stdout } = await run(PYTHON, ['-c', pythonChecks, join(work, 'jobs.json')], { maxBuffer: 64 << 20 });
  python = JSON.parse(stdout);
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const names = ['mnist-cnn', 'residual-cnn', 'augmented-cnn', 'every-block', 'spirals-mlp', 'two-inputs'];

describe('TensorFlow.js export', () => {
  it.each(names)('%s loads with stock loadLayersModel and predicts within 1e-5', async (name) => {
    const c = cases.get(name)!;
    const model = await tf.loadLayersModel(folderLoader(c.dirs.tfjs!));
    const xs = c.inputs.map((data, i) => tf.tensor(data, [BATCH, ...c.inputShapes[i]]));
    const y = tf.tidy(() => (model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor).dataSync());
    tf.dispose(xs);
    model.dispose();
    expect(y.length).toBe(c.expected.length);
    expect(maxAbsDiff(y, c.expected)).toBeLessThan(1e-5);
  });

  it('leaves augmentation blocks out of model.json and keeps only stock layer classes', () => {
    const json = JSON.parse(readFileSync(join(cases.get('every-block')!.dirs.tfjs!, 'model.json'), 'utf8'));
    const classes = json.modelTopology.config.layers.map((l: { class_name: string }) => l.class_name);
    expect(classes).not.toContain('RandomFlip');
    expect(classes).toContain('BatchNormalization');
    expect(json.format).toBe('layers-model');
  });

  it('writes RandomCrop at inference (centre window resized) as stock Permute and fixed Dense layers', () => {
    const json = JSON.parse(readFileSync(join(cases.get('augmented-cnn')!.dirs.tfjs!, 'model.json'), 'utf8'));
    const layers = json.modelTopology.config.layers.map((l: { class_name: string; name: string }) => `${l.class_name}:${l.name}`);
    expect(layers.slice(0, 6)).toEqual([
      'InputLayer:input',
      'Permute:crop_width_last',
      'Dense:crop_resize_width',
      'Permute:crop_height_last',
      'Dense:crop_resize_height',
      'Permute:crop',
    ]);
  });
});

describe('refusals', () => {
  it.each(['tfjs', 'onnx', 'pytorch', 'keras', 'notebook', 'web'] as const)(
    '%s: a graph that cannot be built is refused, naming the block, and no file is written',
    async (format) => {
      const project = parseProject({
        format: 'neuroblocks.project',
        version: 1,
        graph: chain(['in', 'Input', { shape: [4, 4, 1] }], ['big kernel', 'Conv2D', { filters: 2, kernelSize: 5 }]),
      });
      const outDir = join(work, 'refused', format);
      await expect(exportProject({ tf, project, format, outDir })).rejects.toThrow(/\[big kernel\] Conv2D "big kernel".*kernel/);
      expect(existsSync(outDir)).toBe(false);
    },
  );

  it('web: a model with two inputs is refused, since the page feeds one', async () => {
    const project = parseProject({
      format: 'neuroblocks.project',
      version: 1,
      graph: twoInputsJoined([3], [2]),
    });
    const outDir = join(work, 'web-two-inputs');
    await expect(exportProject({ tf, project, format: 'web', outDir })).rejects.toThrow(/2 Input blocks \(a, b\)/);
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('ONNX export', () => {
  it.each(names)('%s passes the onnx checker (opset ≥ 13, NHWC in the metadata) and onnxruntime predicts within 1e-4', async (name) => {
    const c = cases.get(name)!;
    const check = python[`${name}/onnx`] as { opset: number; metadata: Record<string, string>; error?: string };
    expect(check.error).toBeUndefined();
    expect(check.opset).toBeGreaterThanOrEqual(13);
    expect(check.metadata.input_layout).toBe(c.inputShapes[0].length === 3 ? 'NHWC' : 'NC');
    const session = await ort.InferenceSession.create(join(c.dirs.onnx!, 'model.onnx'));
    const feeds = Object.fromEntries(
      session.inputNames.map((n, i) => [n, new ort.Tensor('float32', c.inputs[i], [BATCH, ...c.inputShapes[i]])]),
    );
    const result = await session.run(feeds);
    const y = result[session.outputNames[0]].data as Float32Array;
    expect(y.length).toBe(c.expected.length);
    expect(maxAbsDiff(y, c.expected)).toBeLessThan(1e-4);
  });
});

describe('PyTorch export', () => {
  it.each(names)('%s runs in PyTorch from model.py + weights.npz and predicts within 1e-4', (name) => {
    const c = cases.get(name)!;
    const result = python[`${name}/pytorch`] as { training: boolean; y: number[]; error?: string };
    expect(result.error).toBeUndefined();
    expect(result.training).toBe(false);
    expect(result.y.length).toBe(c.expected.length);
    expect(maxAbsDiff(result.y, c.expected)).toBeLessThan(1e-4);
  });
});

describe('weights', () => {
  it('exports the trained weights, not the initial ones', () => {
    const c = cases.get('mnist-cnn')!;
    const initial = untrainedWeights(tf, c.project);
    const trainedKernel = c.weights.find((w) => w.name === 'conv1/kernel')!;
    const initialKernel = initial.find((w) => w.name === 'conv1/kernel')!;
    expect(maxAbsDiff(trainedKernel.data, initialKernel.data)).toBeGreaterThan(1e-4);
  });

  it('refuses weights of another graph, naming the block', async () => {
    const project = example('mnist-cnn');
    const wrong = untrainedWeights(tf, example('residual-cnn'));
    await expect(exportProject({ tf, project, format: 'onnx', outDir: join(work, 'wrong'), weights: wrong })).rejects.toThrow(
      /conv1|conv2|dense1/,
    );
  });
});
